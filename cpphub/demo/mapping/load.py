"""Loading the demo's Map stage: instruments, sessions, participants, consents, submissions, findings.

Idempotent like the rest of the demo. Instruments are found by form id and
version, sessions by location, round, kind and title, participant groups by
session and who took part, participants by location and code, caregiver
consents by participant, findings by location and summary; submissions go
through :func:`cpphub.mapping.services.submissions.submissions_ingest`, which
skips a uuid it already holds. Participants and consents are many, so they are
written in bulk, each with its audit event.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.db import models

import cpphub.mapping
from cpphub.accounts.models import Membership, User
from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record
from cpphub.demo.mapping.answers import Person, child_records, children, informant_records, informants
from cpphub.demo.mapping.findings import FINDINGS, FindingSpec
from cpphub.demo.mapping.profiles import PROFILES, SYNTHETIC, SYNTHETIC_NOTE, Profile, Round
from cpphub.demo.mapping.tags import CHILD_SURVEY, FOCUS_GROUP_SHEET, INSTRUMENT_FILES, KEY_INFORMANT_GUIDE, TAGS
from cpphub.demo.services import CREATED, UNCHANGED, UPDATED, DemoLoadResult, _upsert
from cpphub.mapping.models import (
    Choice,
    Consent,
    Finding,
    Instrument,
    MappingSession,
    Participant,
    ParticipantGroup,
    Perspective,
    Question,
    Submission,
)
from cpphub.mapping.services.instruments import instrument_import, instrument_tag
from cpphub.mapping.services.submissions import counts_rebuild, submissions_ingest
from cpphub.partnership.models import PilotLocation

INSTRUMENTS_DIR = Path(cpphub.mapping.__file__).parent / "instruments"
# Children under 15 need a caregiver's consent besides their own assent (the default rule);
# the demo leaves it missing for about one child in thirty, so the consent pages have gaps to show.
CAREGIVER_BANDS = ("6_9", "10_12", "13_15")
MISSING_CAREGIVER_CONSENT = 30
CONSENT_SCOPE = [Consent.Scope.ANSWERS, Consent.Scope.QUOTES]
FOCUS_GROUP_SEX = {"female": "girls", "male": "boys"}
CODE_KEYS = ("about/participant_code", "interview/informant_code")


def instruments_load(result: DemoLoadResult) -> dict[str, Instrument]:
    """The three shipped instruments as partnership templates, imported once and tagged."""
    instruments: dict[str, Instrument] = {}
    for form_id, file_name in INSTRUMENT_FILES.items():
        content = (INSTRUMENTS_DIR / file_name).read_bytes()
        version = _settings_version(content)
        instrument = Instrument.objects.filter(form_id=form_id, version=version, location=None).order_by("pk").first()
        if instrument is None:
            instrument = instrument_import(file_name=file_name, content=content, location=None, acting_user=None)
            result.tally("instruments", CREATED)
        else:
            result.tally("instruments", UNCHANGED)
        instruments[form_id] = instrument
    retagged: set[str] = set()
    for tag in TAGS:
        question = Question.objects.get(instrument=instruments[tag.form_id], path=tag.path)
        item: Question | Choice = question.choices.get(name=tag.choice) if tag.choice else question
        wanted = (tag.risk_dimension, tag.risk_row, list(tag.ict), list(tag.channels), tag.strength)
        if (item.risk_dimension, item.risk_row, item.ict_tags, item.channels, item.strength) == wanted:
            result.tally("instrument tags", UNCHANGED)
            continue
        instrument_tag(
            question_or_choice=item,
            risk_dimension=tag.risk_dimension,
            risk_row=tag.risk_row,
            ict_tags=list(tag.ict),
            channels=list(tag.channels),
            strength=tag.strength,
            acting_user=None,
        )
        result.tally("instrument tags", UPDATED)
        retagged.add(tag.form_id)
    for form_id in retagged:  # tags changed under stored answers: the map counts them again
        if Submission.objects.filter(instrument=instruments[form_id]).exists():
            counts_rebuild(instrument=instruments[form_id])
    return instruments


def _settings_version(content: bytes) -> str:
    """The version in the settings sheet of a shipped CSV form."""
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    for index, row in enumerate(rows[:-1]):
        if row and row[0] == "settings":
            return dict(zip(row, rows[index + 1], strict=False)).get("version", "")
    return ""


def _facilitators(location: PilotLocation) -> list[User]:
    memberships = Membership.objects.filter(
        role=Membership.Role.FACILITATOR, location=location, is_active=True, user__is_demo=True
    ).select_related("user")
    return sorted({m.user for m in memberships}, key=lambda user: user.email)


def _session(
    result: DemoLoadResult,
    *,
    location: PilotLocation,
    round_: Round,
    kind: str,
    title: str,
    date: Any,
    instrument: Instrument,
    facilitators: list[User],
) -> MappingSession:
    session, outcome = _upsert(
        MappingSession,
        lookup={"location": location, "round": round_.number, "kind": kind, "title": f"{title} ({SYNTHETIC})"},
        values={"date": date, "instrument": instrument, "notes": SYNTHETIC_NOTE},
        many={"facilitators": list(facilitators)},
    )
    result.tally("mapping sessions", outcome)
    return session


def _group(
    result: DemoLoadResult, session: MappingSession, size: int, *, age_band: str = "", sex: str = "", role: str = ""
) -> ParticipantGroup:
    perspective = Perspective.KEY_INFORMANT if role else Perspective.CHILD
    group, outcome = _upsert(
        ParticipantGroup,
        lookup={
            "session": session,
            "perspective": perspective,
            "age_band": age_band,
            "sex": sex,
            "informant_role": role,
        },
        values={"size": size},
    )
    result.tally("participant groups", outcome)
    return group


def _count(result: DemoLoadResult, kind: str, *, created: int, unchanged: int) -> None:
    """Tally rows written in bulk (``DemoLoadResult.tally`` counts one at a time)."""
    counter = result.counts.setdefault(kind, Counter())
    counter[CREATED] += created
    counter[UNCHANGED] += unchanged


def _audit_created(model: type[models.Model], location: PilotLocation, codes: list[str]) -> None:
    """One CREATE event for rows written in bulk, naming the participant codes (as an import's event does)."""
    if codes:
        audit_record(
            action=AuditEvent.Action.CREATE,
            acting_user=None,
            object_type=model._meta.label_lower,
            object_repr=f"{len(codes)} {model._meta.verbose_name_plural} in {location} ({SYNTHETIC})",
            changes={"location": [None, str(location)], "participants": [None, codes]},
        )


def _participants(
    result: DemoLoadResult, location: PilotLocation, people: list[Person], groups: dict[tuple[str, str, str], Any]
) -> dict[str, Participant]:
    """Create the participants the location lacks (in bulk), linked to their group; existing ones stay."""
    existing = {p.code: p for p in Participant.objects.filter(location=location, code__in=[p.code for p in people])}
    new = [
        Participant(
            location=location,
            code=person.code,
            perspective=person.perspective,
            age_band=person.age_band,
            sex=person.sex,
            informant_role=person.informant_role,
            group=groups[(person.age_band, person.sex, person.informant_role)],
        )
        for person in people
        if person.code not in existing
    ]
    Participant.objects.bulk_create(new)
    _audit_created(Participant, location, [p.code for p in new])
    _count(result, "participants", created=len(new), unchanged=len(existing))
    return {**existing, **{p.code: p for p in new}}


def _caregiver_consents(
    result: DemoLoadResult, profile: Profile, round_: Round, location: PilotLocation, participants: list[Participant]
) -> None:
    """Caregiver consent for the children under 15, but for one in thirty (deliberately missing)."""
    needing = [p for p in participants if p.age_band in CAREGIVER_BANDS]
    wanted = [
        p for index, p in enumerate(needing, start=1) if index % MISSING_CAREGIVER_CONSENT and p.withdrawn_at is None
    ]
    have = set(
        Consent.objects.filter(
            participant__in=wanted, type=Consent.Type.CONSENT, given_by=Consent.GivenBy.CAREGIVER
        ).values_list("participant_id", flat=True)
    )
    new = [
        Consent(
            participant=participant,
            type=Consent.Type.CONSENT,
            given_by=Consent.GivenBy.CAREGIVER,
            scope=list(CONSENT_SCOPE),
            language=profile.language,
            date=round_.survey_date - timedelta(days=7),
        )
        for participant in wanted
        if participant.pk not in have
    ]
    Consent.objects.bulk_create(new)
    _audit_created(Consent, location, [c.participant.code for c in new])
    _count(result, "caregiver consents", created=len(new), unchanged=len(wanted) - len(new))


def _ingest(
    result: DemoLoadResult,
    *,
    instrument: Instrument,
    location: PilotLocation,
    session: MappingSession,
    records: list[dict[str, Any]],
) -> None:
    # A participant who withdrew since the last load stays out (the ingest refuses their answers).
    withdrawn = set(
        Participant.objects.filter(location=location, withdrawn_at__isnull=False).values_list("code", flat=True)
    )
    records = [record for record in records if not withdrawn & {record.get(key) for key in CODE_KEYS}]
    # An import is audited even when it adds nothing: leave the ingest out when every record is stored.
    keys = [record["_uuid"] for record in records if record.get("assent", record.get("consent")) == "yes"]
    stored = Submission.objects.filter(uuid__in=keys).count()
    if stored == len(keys):
        _count(result, "submissions", created=0, unchanged=stored)
        return
    outcome = submissions_ingest(
        instrument=instrument,
        location=location,
        records=records,
        source="kobo_json",
        acting_user=None,
        session=session,
        round=session.round,
    )
    _count(result, "submissions", created=outcome.created, unchanged=outcome.skipped)


def _round_load(
    result: DemoLoadResult,
    profile: Profile,
    round_: Round,
    location: PilotLocation,
    instruments: dict[str, Instrument],
) -> dict[str, MappingSession]:
    facilitators = _facilitators(location)
    number = round_.number
    survey = _session(
        result,
        location=location,
        round_=round_,
        kind=MappingSession.Kind.SURVEY,
        title=f"Children's survey, round {number}",
        date=round_.survey_date,
        instrument=instruments[CHILD_SURVEY],
        facilitators=facilitators,
    )
    interviews = _session(
        result,
        location=location,
        round_=round_,
        kind=MappingSession.Kind.KEY_INFORMANT_INTERVIEW,
        title=f"Key-informant interviews, round {number}",
        date=round_.interview_date,
        instrument=instruments[KEY_INFORMANT_GUIDE],
        facilitators=facilitators,
    )
    sessions = {"survey": survey, "ki": interviews}
    for focus in round_.focus_groups:
        band = focus.age_band.replace("_", "-")
        session = _session(
            result,
            location=location,
            round_=round_,
            kind=MappingSession.Kind.FOCUS_GROUP,
            title=f"Focus group, {FOCUS_GROUP_SEX[focus.sex]} {band}, round {number}",
            date=focus.date,
            instrument=instruments[FOCUS_GROUP_SHEET],
            facilitators=facilitators,
        )
        _group(result, session, focus.size, age_band=focus.age_band, sex=focus.sex)
        sessions[focus.key] = session

    kids = children(profile, round_)
    adults = informants(profile, round_)
    groups: dict[tuple[str, str, str], ParticipantGroup] = {}
    sizes: dict[tuple[str, str, str], int] = {}
    for person in [*kids, *adults]:
        key = (person.age_band, person.sex, person.informant_role)
        sizes[key] = sizes.get(key, 0) + 1
    for (age_band, sex, role), size in sorted(sizes.items()):
        session = interviews if role else survey
        groups[(age_band, sex, role)] = _group(result, session, size, age_band=age_band, sex=sex, role=role)

    participants = _participants(result, location, [*kids, *adults], groups)
    _ingest(
        result,
        instrument=instruments[CHILD_SURVEY],
        location=location,
        session=survey,
        records=child_records(profile, round_, kids),
    )
    _ingest(
        result,
        instrument=instruments[KEY_INFORMANT_GUIDE],
        location=location,
        session=interviews,
        records=informant_records(profile, round_, adults),
    )
    # After the ingest, which records the in-form assent only for a participant without any consent yet.
    _caregiver_consents(result, profile, round_, location, [participants[p.code] for p in kids])
    return sessions


def _finding(
    result: DemoLoadResult, spec: FindingSpec, location: PilotLocation, session: MappingSession, round_: Round
) -> None:
    """A finding; one from a focus group has that group's age band and sex."""
    focus = next((f for f in round_.focus_groups if f.key == spec.session), None)
    dimension, _, row = spec.risk.partition("/")
    _, outcome = _upsert(
        Finding,
        lookup={"location": location, "summary": spec.summary},
        values={
            "session": session,
            "kind": spec.kind,
            "source_type": session.kind,
            "perspective": Perspective.KEY_INFORMANT if spec.informant_role else Perspective.CHILD,
            "age_band": focus.age_band if focus else "",
            "sex": focus.sex if focus else "",
            "informant_role": spec.informant_role,
            "quote": spec.quote,
            "severity": spec.severity,
            "risk_dimension": dimension,
            "risk_row": row,
            "ict_tags": list(spec.ict),
            "channels": list(spec.channels),
            "strength": spec.strength,
            "carried_forward": spec.carried_forward,
        },
    )
    result.tally("findings", outcome)


def demo_mapping_load(*, result: DemoLoadResult, locations: dict[str, PilotLocation]) -> None:
    """The synthetic mapping of every pilot location: round 1 everywhere, round 2 where the profile has one."""
    instruments = instruments_load(result)
    for profile in PROFILES:
        location = locations[profile.slug]
        for round_ in profile.rounds:
            sessions = _round_load(result, profile, round_, location, instruments)
            for spec in FINDINGS:
                if spec.location == profile.slug and spec.round == round_.number:
                    _finding(result, spec, location, sessions[spec.session], round_)
