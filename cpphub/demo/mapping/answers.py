"""Synthetic participants and their answers, as the Kobo JSON records a field team would download.

Everything is drawn from a ``random.Random`` seeded with the location and the
round, so every load produces the same participants, the same answers and the
same submission uuids.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass
from typing import Any

from cpphub.demo.mapping.profiles import BAND_RISK, SEX_RISK, Profile, Round
from cpphub.demo.mapping.tags import CHILD_SURVEY, KEY_INFORMANT_GUIDE

# The namespace of the demo's submission uuids.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://demo.cpphub.org/mapping")

BANDS = ("6_9", "10_12", "13_15", "16_17")
# The survey's sex choices, the share of children giving each, and the participant's sex.
SEXES = (("girl", 0.5), ("boy", 0.47), ("prefer_not", 0.03))
SEX_OF_CHOICE = {"girl": "female", "boy": "male", "prefer_not": "not_stated"}
RISK_QUESTIONS = ("content_upset", "contact_uneasy", "conduct_unkind", "contract_offer")
SKIP = 0.04  # share of "I'd rather not say" to a risk question


@dataclass(frozen=True)
class Person:
    """A synthetic participant: a card code, never a name."""

    code: str
    perspective: str  # child or key_informant
    age_band: str = ""
    sex_choice: str = ""  # the survey's choice name (girl, boy, prefer_not)
    informant_role: str = ""

    @property
    def sex(self) -> str:
        return SEX_OF_CHOICE.get(self.sex_choice, "")


def submission_uuid(slug: str, code: str, form_id: str, round_number: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{slug}:{code}:{form_id}:{round_number}"))


def _rng(profile: Profile, round_: Round, what: str) -> random.Random:
    return random.Random(f"cpphub-demo:{profile.slug}:{round_.number}:{what}")  # noqa: S311 - reproducible, not secret


def children(profile: Profile, round_: Round) -> list[Person]:
    """The children who answered the survey, with a few in tiny cells (6-9, not stated) on purpose."""
    cells: list[tuple[str, str]] = []
    for band in BANDS:
        in_band = round(round_.children * profile.bands[band])
        not_stated = max(1, round(in_band * SEXES[2][1])) if band in ("13_15", "16_17") else 0
        girls = round((in_band - not_stated) * SEXES[0][1] / (SEXES[0][1] + SEXES[1][1]))
        cells += [(band, "girl")] * girls + [(band, "boy")] * (in_band - not_stated - girls)
        cells += [(band, "prefer_not")] * not_stated
    _rng(profile, round_, "cards").shuffle(cells)  # card codes say nothing of age or sex
    return [
        Person(f"{profile.prefix}-C-{round_.number}{index:03d}", "child", band, sex)
        for index, (band, sex) in enumerate(cells, start=1)
    ]


def informants(profile: Profile, round_: Round) -> list[Person]:
    roles = [role for role, count in round_.informants.items() for _ in range(count)]
    _rng(profile, round_, "informant-cards").shuffle(roles)
    return [
        Person(f"{profile.prefix}-K-{round_.number}{index:03d}", "key_informant", informant_role=role)
        for index, role in enumerate(roles, start=1)
    ]


def _chosen(
    rng: random.Random, probabilities: dict[str, float], scale: float = 1.0, *, at_least_one: bool = False
) -> list[str]:
    """The choices drawn for a "select all that apply"; the likeliest alone when none is and one must be."""
    chosen = [name for name, p in probabilities.items() if rng.random() < min(0.95, p * scale)]
    if not chosen and at_least_one:
        chosen = [max(probabilities, key=probabilities.__getitem__)]
    return chosen


def _time(rng: random.Random, date: dt.date) -> str:
    """Kobo's ``_submission_time``: UTC, no offset."""
    moment = dt.datetime.combine(date, dt.time(rng.randint(1, 9), rng.randint(0, 59), rng.randint(0, 59)))
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def _meta(slug: str, code: str, form_id: str, round_: Round, number: int, moment: str) -> dict[str, Any]:
    key = submission_uuid(slug, code, form_id, round_.number)
    return {
        "_id": number,
        "_uuid": key,
        "meta/instanceID": f"uuid:{key}",
        "_submission_time": moment,
        "_xform_id_string": form_id,
    }


def child_records(profile: Profile, round_: Round, people: list[Person]) -> list[dict[str, Any]]:
    """One child-survey record per child, and a few of children who said no to the assent question."""
    rng = _rng(profile, round_, "child-answers")
    fewer_risks = 1.0 - round_.change
    more_strengths = 1.0 + round_.change * 2
    records = []
    for number, person in enumerate(people, start=1):
        record: dict[str, Any] = _meta(
            profile.slug, person.code, CHILD_SURVEY, round_, number, _time(rng, round_.survey_date)
        )
        young = person.age_band == "6_9"
        devices = _chosen(rng, profile.devices, 0.5 if young else 1.0, at_least_one=True)
        record.update(
            {
                "assent": "yes",
                "about/participant_code": person.code,
                "about/age_band": person.age_band,
                "about/sex": person.sex_choice,
                "going_online/devices": " ".join(devices),
                "going_online/how_often": "daily"
                if rng.random() < profile.daily * (0.6 if young else 1.0)
                else rng.choice(("weekly", "less")),
            }
        )
        activities = _chosen(rng, profile.activities, 0.7 if young else 1.0)
        if activities:
            record["going_online/activities"] = " ".join(activities)
        any_yes = False
        for question in RISK_QUESTIONS:
            p = profile.risks[question] * BAND_RISK[person.age_band] * SEX_RISK[person.sex_choice].get(question, 1.0)
            draw = rng.random()
            answer = "yes" if draw < p * fewer_risks else ("skip" if draw > 1 - SKIP else "no")
            any_yes = any_yes or answer == "yes"
            record[f"uncomfortable/{question}"] = answer
        if any_yes:
            channels = _chosen(rng, profile.channels, at_least_one=True)
            record["uncomfortable/where_happened"] = " ".join(channels)
        tell = _chosen(rng, profile.tell, more_strengths) or [rng.choice(("nobody", "nobody", "prefer_not"))]
        record["uncomfortable/who_tell"] = " ".join(tell)
        helps = _chosen(rng, profile.helps, more_strengths)
        if helps:
            record["staying_safe/what_helps"] = " ".join(helps)
        often = min(0.9, profile.adult_talks_often * more_strengths * (1.4 if young else 1.0))
        draw = rng.random()
        record["staying_safe/adult_talks"] = "often" if draw < often else ("sometimes" if draw < 0.75 else "never")
        knows = min(0.9, profile.knows_helpline * more_strengths)
        record["staying_safe/knows_helpline"] = "yes" if rng.random() < knows else "no"
        records.append(record)
    for decline in range(1, round_.declined + 1):
        code = f"declined-{decline}"
        number = len(people) + decline
        records.append(
            {
                **_meta(profile.slug, code, CHILD_SURVEY, round_, number, _time(rng, round_.survey_date)),
                "assent": "no",
            }
        )
    return records


def informant_records(profile: Profile, round_: Round, people: list[Person]) -> list[dict[str, Any]]:
    """One key-informant-guide record per informant."""
    rng = _rng(profile, round_, "informant-answers")
    more_strengths = 1.0 + round_.change
    records = []
    for number, person in enumerate(people, start=1):
        record: dict[str, Any] = _meta(
            profile.slug, person.code, KEY_INFORMANT_GUIDE, round_, number, _time(rng, round_.interview_date)
        )
        record.update(
            {"consent": "yes", "interview/informant_code": person.code, "interview/role": person.informant_role}
        )
        risks = _chosen(rng, profile.informant_risks, 1.0 - round_.change / 2)
        channels = _chosen(rng, profile.informant_channels)
        strengths = _chosen(rng, profile.informant_strengths, more_strengths)
        places = _chosen(rng, profile.help_places, more_strengths)
        for name, chosen in (
            ("risks_seen", risks),
            ("channels_seen", channels),
            ("strengths_seen", strengths),
            ("help_places", places),
        ):
            if chosen:
                record[f"interview/{name}"] = " ".join(chosen)
        if profile.gaps and rng.random() < 0.5:
            record["interview/gaps_notes"] = rng.choice(profile.gaps)
        records.append(record)
    return records
