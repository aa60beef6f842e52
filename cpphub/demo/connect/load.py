"""Loading the demo's Connect data: referral policies, the directory, pathways, and synthetic cases and referrals.

Idempotent like the rest of the demo. A policy is found by its country, a
provider by name and country, a service by provider and name, a location by
provider and name, a service at a location by both, a pathway by location and
need, a step by pathway and order; every write goes through the demo's
``_upsert``, so it is audited as the system and a second load changes nothing.

Cases are written once: a case is found by its reference and, when it exists,
it is left as it is with its consent, referrals and notes (the demo's
caseworkers may have answered, revoked or closed them since; the retention
command may have anonymised them). Their times are counted back from the
moment of that first load, so that one referral is overdue and others are
still within their deadline. Referrals are written through the ORM, as the
referral services would leave them; their encrypted fields are encrypted by
the model fields.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from cpphub.accounts.models import User
from cpphub.connect.models import (
    Case,
    CaseNote,
    Consent,
    Pathway,
    PathwayStep,
    Referral,
    ReferralPolicy,
    Service,
    ServiceAtLocation,
    ServiceCategory,
    ServiceLocation,
    ServiceOrganisation,
)
from cpphub.connect.models.referrals import age_band_of
from cpphub.demo.connect.brazil import BRAZIL
from cpphub.demo.connect.cases import CASES, CASEWORKERS
from cpphub.demo.connect.specs import CaseSpec, CountryConnect, ReferralSpec
from cpphub.demo.connect.thailand import THAILAND
from cpphub.demo.services import DemoLoadResult, _upsert
from cpphub.partnership.models import Country, Organisation, PilotLocation

COUNTRIES: list[CountryConnect] = [BRAZIL, THAILAND]
# When a spec leaves a step's delay out: hours to answer, hours to start, days to finish.
ANSWER_HOURS, START_HOURS, DONE_DAYS = 6.0, 24.0, 3.0


class _Loader:
    def __init__(
        self,
        result: DemoLoadResult,
        countries: dict[str, Country],
        locations: dict[str, PilotLocation],
        organisations: dict[str, Organisation],
    ) -> None:
        self.result, self.countries, self.locations, self.organisations = result, countries, locations, organisations
        self.providers: dict[str, ServiceOrganisation] = {}
        self.services: dict[str, Service] = {}
        self.pathways: dict[tuple[str, str], Pathway] = {}
        self.policies: dict[str, ReferralPolicy] = {}
        self.categories = {
            code: ServiceCategory.objects.get_or_create(code=code)[0] for code in ServiceCategory.Code.values
        }
        self.now = timezone.now().replace(second=0, microsecond=0)

    def upsert(self, kind: str, model: Any, **kwargs: Any) -> Any:
        instance, outcome = _upsert(model, **kwargs)
        self.result.tally(kind, outcome)
        return instance

    def run(self) -> None:
        for spec in COUNTRIES:
            if spec.country in self.countries:
                self.policy_load(spec)
                self.directory_load(spec)
                self.pathways_load(spec)
        users = {email: User.objects.filter(email=email).first() for email in CASEWORKERS.values()}
        self.caseworkers = {key: users[email] for key, email in CASEWORKERS.items()}
        for case in CASES:
            self.case_load(case)

    # Policies, directory, pathways -------------------------------------------------------------

    def policy_load(self, spec: CountryConnect) -> None:
        p = spec.policy
        self.policies[spec.country] = self.upsert(
            "referral policies",
            ReferralPolicy,
            lookup={"country": self.countries[spec.country]},
            values={
                "high_hours": p.high_hours,
                "medium_hours": p.medium_hours,
                "low_hours": p.low_hours,
                "retention_days": p.retention_days,
                "retention_action": p.retention_action,
            },
        )

    def directory_load(self, spec: CountryConnect) -> None:
        country = self.countries[spec.country]
        for p in spec.providers:
            self.providers[p.key] = self.upsert(
                "service providers",
                ServiceOrganisation,
                lookup={"name": p.name, "country": country},
                values={
                    "alternate_name": p.alternate_name,
                    "description": p.description,
                    "partner": self.organisations[p.partner] if p.partner else None,
                    "website": p.website,
                    "phone": p.phone,
                    "is_active": True,
                },
            )
        for s in spec.services:
            provider = self.providers[s.provider]
            service = self.upsert(
                "services",
                Service,
                lookup={"organisation": provider, "name": s.name},
                values={
                    "alternate_name": s.alternate_name,
                    "description": s.description,
                    "status": s.status,
                    "eligibility_description": s.eligibility,
                    "minimum_age": s.minimum_age,
                    "maximum_age": s.maximum_age,
                    "languages": list(s.languages),
                    "fees_description": s.fees,
                    "hours": s.hours,
                    "application_process": s.application_process,
                    "how_to_refer": s.how_to_refer,
                    "url": s.url,
                    "phone": s.phone,
                    "direct_line": s.direct_line,
                },
                many={
                    "categories": [self.categories[code] for code in s.categories],
                    "pilot_locations": [self.locations[slug] for slug in s.locations if slug in self.locations],
                },
            )
            self.services[s.key] = service
            for place in s.places:
                location = self.upsert(
                    "service locations",
                    ServiceLocation,
                    lookup={"organisation": provider, "name": place.name},
                    values={
                        "kind": place.kind,
                        "url": place.url,
                        "address": place.address,
                        "city": place.city,
                        "region": place.region,
                        "postal_code": place.postal_code,
                        "country_code": place.country_code,
                        "latitude": place.latitude,
                        "longitude": place.longitude,
                        "address_is_confidential": place.confidential,
                    },
                )
                self.upsert(
                    "services at locations",
                    ServiceAtLocation,
                    lookup={"service": service, "location": location},
                    values={},
                )

    def pathways_load(self, spec: CountryConnect) -> None:
        for slug, roles in spec.roles.items():
            location = self.locations.get(slug)
            if location is None:
                continue
            for p in spec.pathways:
                pathway = self.upsert(
                    "pathways",
                    Pathway,
                    lookup={"location": location, "need": p.need},
                    values={"summary": p.summary, "who_decides": spec.who_decides[slug], "is_published": True},
                )
                self.pathways[(slug, p.need)] = pathway
                for order, step in enumerate(p.steps, start=1):
                    self.upsert(
                        "pathway steps",
                        PathwayStep,
                        lookup={"pathway": pathway, "order": order},
                        values={
                            "action": step.action,
                            "service": self.services[roles[step.role]] if step.role else None,
                            "responsible": step.responsible,
                            "is_decision": step.decision,
                            "within_hours": step.within_hours,
                            "notes": step.notes,
                        },
                    )
                # A step the template no longer has (it was shortened) goes.
                PathwayStep.objects.filter(pathway=pathway, order__gt=len(p.steps)).delete()

    # Cases and referrals -----------------------------------------------------------------------

    def _ago(self, days: float) -> dt.datetime:
        return self.now - dt.timedelta(days=days)

    def case_load(self, spec: CaseSpec) -> None:
        if Case.objects.filter(reference=spec.reference).exists():
            self.result.tally("cases", "unchanged")
            return
        location = self.locations.get(spec.location)
        organisation = self.organisations.get(spec.organisation)
        if location is None or organisation is None:
            return
        author = self.caseworkers.get(spec.organisation)
        created = self._ago(spec.identified_days_ago)
        closed = spec.closed_days_ago is not None
        case = self.upsert(
            "cases",
            Case,
            lookup={"reference": spec.reference},
            values={
                "organisation": organisation,
                "location": location,
                "name": spec.alias,
                "sex": spec.sex,
                "age": spec.age,
                "age_band": age_band_of(spec.age),
                "guardian_contact": spec.guardian,
                "situation": spec.situation,
                "need": spec.need,
                "risk_level": spec.risk,
                "identified_on": created.date(),
                "status": Case.Status.CLOSED if closed else Case.Status.OPEN,
                "closed_at": self._ago(spec.closed_days_ago) if spec.closed_days_ago is not None else None,
                "outcome": spec.outcome,
                "closure_note": spec.closure_note,
                "registered_by": author,
                "created_at": created,
            },
        )
        consented = [self.services[r.service].organisation for r in spec.referrals if not r.override]
        consent = None
        if consented:
            consent = self.upsert(
                "consents",
                Consent,
                lookup={"case": case, "kind": spec.consent_kind},
                values={
                    "given_by": spec.given_by,
                    "given_by_name": "" if spec.given_by == "child" else spec.guardian.split(",")[0],
                    "given_on": created.date(),
                    "information": list(spec.information),
                    "recorded_by": author,
                    "recorded_at": created + dt.timedelta(minutes=30),
                },
                many={"organisations": consented},
            )
        referrals = [self.referral_load(spec, case, consent, r) for r in spec.referrals]
        for note in spec.notes:
            self.upsert(
                "case notes",
                CaseNote,
                lookup={
                    "case": case,
                    "referral": referrals[note.referral] if note.referral is not None else None,
                    "author_organisation": self.organisations[note.author],
                },
                values={
                    "text": note.text,
                    "author": self.caseworkers.get(note.author),
                    "created_at": self._ago(note.days_ago),
                },
            )

    def referral_load(self, case_spec: CaseSpec, case: Case, consent: Consent | None, spec: ReferralSpec) -> Referral:
        service = self.services[spec.service]
        provider = service.organisation
        receiver = provider.partner
        sender = self.caseworkers.get(case_spec.organisation)
        # The receiving partner's caseworker answers; for a provider not on CPP Hub the sender records the answer.
        answerer = self.caseworkers.get(receiver_key(self.organisations, receiver)) if receiver else sender
        policy = self.policies[case.location.country.code]
        sent = self._ago(spec.sent_days_ago)
        answered = sent + dt.timedelta(hours=spec.answer_hours or ANSWER_HOURS)
        started = answered + dt.timedelta(hours=spec.start_hours or START_HOURS)
        done = started + dt.timedelta(days=spec.done_days or DONE_DAYS)
        status = spec.status
        S = Referral.Status
        accepted = status in (S.ACCEPTED, S.IN_PROGRESS, S.DONE)
        return self.upsert(
            "referrals",
            Referral,
            lookup={"case": case, "service": service},
            values={
                "provider": provider,
                "receiving_organisation": receiver,
                "pathway": self.pathways.get((case_spec.location, case_spec.need)),
                "status": status,
                "consent": None if spec.override else consent,
                "shared_information": ["identity", "situation"] if spec.override else list(case_spec.information),
                "override_reason": spec.override,
                "message": spec.message or "Demo: please contact the case worker before meeting the child.",
                "sent_at": sent,
                "deadline_at": sent + dt.timedelta(hours=policy.hours_for(case.risk_level)),
                "accepted_at": answered if accepted else None,
                "declined_at": answered if status == S.DECLINED else None,
                "decline_reason": spec.reason if status == S.DECLINED else "",
                "started_at": started if status in (S.IN_PROGRESS, S.DONE) else None,
                "completed_at": done if status == S.DONE else None,
                "outcome_note": spec.outcome_note if status == S.DONE else "",
                "revoked_at": answered if status == S.REVOKED else None,
                "revoke_reason": spec.reason if status == S.REVOKED else "",
                "referred_by": sender,
                "responded_by": answerer if accepted or status == S.DECLINED else None,
            },
        )


def receiver_key(organisations: dict[str, Organisation], receiver: Organisation) -> str:
    """The demo key of a partner organisation."""
    return next((key for key, org in organisations.items() if org.pk == receiver.pk), "")


def demo_connect_load(
    *,
    result: DemoLoadResult,
    countries: dict[str, Country],
    locations: dict[str, PilotLocation],
    organisations: dict[str, Organisation],
) -> None:
    """Referral policies, the service directory and pathways of the six locations, and synthetic referrals."""
    _Loader(result, countries, locations, organisations).run()
