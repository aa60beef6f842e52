"""Loading the demo's top-down work: national partners, their meetings and outcomes, MNR self-assessments.

Idempotent like the rest of the demo: a national partner is found by its
name, its contact by organisation and email, a meeting by country, title and
date, a priority, strength or commitment by country and title, an expectation
by country and text, an assessment by country and title, a rating by
assessment and capability. Every write goes through the demo's ``_upsert``,
so it is audited as the system and a second load changes nothing.

The records are entered by the country's national focal point (``created_by``)
on the day of the meeting they came from.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from cpphub.accounts.models import Membership, User
from cpphub.demo.national.brazil import BRAZIL
from cpphub.demo.national.specs import NEW_PARTNER, SYNTHETIC, CountryNational, Focus
from cpphub.demo.national.thailand import THAILAND
from cpphub.demo.services import DemoLoadResult, _upsert
from cpphub.national.models import (
    Commitment,
    Expectation,
    MnrAssessment,
    MnrRating,
    NationalEngagement,
    NationalPriority,
    NationalStrength,
)
from cpphub.partnership.models import Contact, Country, Organisation, PartnershipRole, Sector

COUNTRIES: list[CountryNational] = [BRAZIL, THAILAND]


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def _email(full_name: str) -> str:
    plain = unicodedata.normalize("NFKD", full_name).encode("ascii", "ignore").decode()
    return plain.lower().replace(" ", ".") + "@example.org"


def _focus(focus: Focus) -> dict[str, Any]:
    return {
        "mnr_capability": focus.capability,
        "risks": list(focus.risks),
        "ict_tags": list(focus.ict),
        "target_groups": list(focus.groups),
        "outcome": focus.outcome,
    }


def _focal_point(country: Country) -> User | None:
    membership = (
        Membership.objects.filter(
            role=Membership.Role.NATIONAL_FOCAL_POINT, scope=Membership.Scope.COUNTRY, country=country
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


class _Loader:
    def __init__(
        self, result: DemoLoadResult, spec: CountryNational, country: Country, organisations: dict[str, Organisation]
    ) -> None:
        self.result, self.spec, self.country, self.organisations = result, spec, country, organisations
        self.author = _focal_point(country)
        self.meetings: dict[str, NationalEngagement] = {}

    def upsert(self, kind: str, model: Any, **kwargs: Any) -> Any:
        instance, outcome = _upsert(model, **kwargs)
        self.result.tally(kind, outcome)
        return instance

    def run(self) -> None:
        self.partners_load()
        self.meetings_load()
        self.outcomes_load()
        self.assessments_load()

    def partners_load(self) -> None:
        sectors = {s.code: s for s in Sector.objects.all()}
        national = PartnershipRole.objects.get_or_create(code=PartnershipRole.Code.NATIONAL_PARTNER)[0]
        for p in self.spec.partners:
            organisation = self.upsert(
                "organisations",
                Organisation,
                lookup={"name": p.name},
                values={
                    "acronym": p.acronym,
                    "country": self.country,
                    "level": Organisation.Level.NATIONAL,
                    "website": p.website,
                    "description": f"{p.description} {NEW_PARTNER}",
                    "is_active": True,
                },
                many={"sectors": [sectors[code] for code in p.sectors], "partnership_roles": [national]},
            )
            self.organisations[p.key] = organisation
            self.upsert(
                "contacts",
                Contact,
                lookup={"organisation": organisation, "email": _email(p.contact)},
                values={
                    "full_name": p.contact,
                    "job_title": p.contact_title,
                    "languages": f"{self.country.languages}, en",
                    "is_demo": True,
                    "is_active": True,
                },
            )

    def meetings_load(self) -> None:
        for m in self.spec.meetings:
            self.meetings[m.key] = self.upsert(
                "national engagements",
                NationalEngagement,
                lookup={"country": self.country, "title": m.title, "date": m.date},
                values={
                    "kind": m.kind,
                    "participants": "\n".join(m.participants),
                    "minutes": f"{m.minutes}\n\n({SYNTHETIC}.)",
                    "created_by": self.author,
                    "created_at": _at(m.date, 17),
                },
                many={"organisations": [self.organisations[key] for key in m.organisations]},
            )

    def _record(self, organisation: str, meeting: str, recorded: dt.date | None = None) -> dict[str, Any]:
        """Who and when: recorded on the day of its meeting, or on ``recorded`` when it came from none."""
        engagement = self.meetings.get(meeting)
        day = engagement.date if engagement else recorded
        if day is None:
            raise LookupError(f"no meeting {meeting!r} and no date for a record of {organisation!r}")
        return {
            "engagement": engagement,
            "organisation": self.organisations[organisation],
            "created_by": self.author,
            "created_at": _at(day, 18),
        }

    def outcomes_load(self) -> None:
        spec, country = self.spec, self.country
        for p in spec.priorities:
            self.upsert(
                "national priorities",
                NationalPriority,
                lookup={"country": country, "title": p.title},
                values={
                    **self._record(p.organisation, p.meeting),
                    **_focus(p.focus),
                    "description": p.description,
                    "importance": p.importance,
                    "status": p.status,
                },
            )
        for s in spec.strengths:
            self.upsert(
                "national strengths",
                NationalStrength,
                lookup={"country": country, "title": s.title},
                values={
                    **self._record(s.organisation, s.meeting),
                    **_focus(s.focus),
                    "kind": s.kind,
                    "description": s.description,
                    "expertise": s.expertise,
                    "amount": s.amount,
                    "unit": s.unit,
                },
            )
        for e in spec.expectations:
            self.upsert(
                "expectations",
                Expectation,
                lookup={"country": country, "text": e.text},
                values=self._record(e.organisation, e.meeting),
            )
        for c in spec.commitments:
            # One agreed outside a meeting was recorded eight months before it falls due.
            recorded = c.due - dt.timedelta(days=240)
            self.upsert(
                "commitments",
                Commitment,
                lookup={"country": country, "title": c.title},
                values={
                    **self._record(c.organisation, c.meeting, recorded),
                    **_focus(c.focus),
                    "owner_name": c.owner,
                    "due_date": c.due,
                    "done_at": c.done,
                },
            )

    def assessments_load(self) -> None:
        for a in self.spec.assessments:
            assessment = self.upsert(
                "MNR assessments",
                MnrAssessment,
                lookup={"country": self.country, "title": a.title},
                values={
                    "assessed_on": a.assessed_on,
                    "framework_version": a.framework,
                    "phase_labels": list(a.phase_labels),
                    "status": a.status,
                    "notes": a.notes,
                    "created_by": self.author,
                    "created_at": _at(a.assessed_on, 16),
                },
            )
            for r in a.ratings:
                self.upsert(
                    "MNR ratings",
                    MnrRating,
                    lookup={"assessment": assessment, "capability": r.capability},
                    values={"phase": r.phase, "evidence": r.evidence},
                    many={"partners": [self.organisations[key] for key in r.partners]},
                )


def demo_national_load(
    *, result: DemoLoadResult, countries: dict[str, Country], organisations: dict[str, Organisation]
) -> None:
    """National partners, roundtables, bilaterals, their outcomes and MNR self-assessments of Brazil and Thailand.

    The national partners are added to ``organisations`` (by their keys) for the loads that follow.
    """
    for spec in COUNTRIES:
        country = countries.get(spec.country)
        if country is not None:
            _Loader(result, spec, country, organisations).run()
