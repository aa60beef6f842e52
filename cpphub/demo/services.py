"""Loading the demo partnership: real partner and location names, synthetic people.

:func:`demo_partnership_load` is idempotent. Each record is found by its
natural key (a country's ISO code, an organisation's name, a location's slug, a
phase's kind, a contact's organisation and email, a user's email) and brought
up to date; a record that already matches is left alone. Every create and
every change writes an audit event with no acting user, meaning "the system".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import translation

from cpphub.accounts.models import Membership, User
from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record, diff, snapshot
from cpphub.demo import cpp2009
from cpphub.partnership.models import Contact, Country, Organisation, PartnershipRole, Phase, PilotLocation, Sector

M = TypeVar("M", bound=models.Model)

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"


@dataclass
class DemoLoadResult:
    """How many records of each kind the load created, updated or left as they were."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)

    def tally(self, kind: str, outcome: str) -> None:
        self.counts.setdefault(kind, Counter())[outcome] += 1

    @property
    def changed(self) -> bool:
        return any(c[CREATED] or c[UPDATED] for c in self.counts.values())

    def summary(self) -> str:
        parts = []
        for kind, counter in self.counts.items():
            total = sum(counter.values())
            parts.append(f"{total} {kind} ({counter[CREATED]} created, {counter[UPDATED]} updated)")
        return "; ".join(parts)


def _snapshot(instance: models.Model) -> dict[str, Any]:
    # Labels of related rows (sectors, roles) in one language, whatever the active one is.
    with translation.override(settings.LANGUAGE_CODE):
        return snapshot(instance)


def _upsert(
    model: type[M],
    *,
    lookup: dict[str, Any],
    values: dict[str, Any],
    many: dict[str, list[models.Model]] | None = None,
) -> tuple[M, str]:
    """Find ``model`` by ``lookup``, create it or bring it up to ``values``, and audit the change."""
    instance = model._default_manager.filter(**lookup).order_by("pk").first()
    adding = instance is None
    if instance is None:
        instance = model(**lookup)
        before: dict[str, Any] = {}
    else:
        before = _snapshot(instance)
    for name, value in values.items():
        setattr(instance, name, value)
    if adding or _snapshot(instance) != before:
        instance.full_clean()
        instance.save()
    for name, related in (many or {}).items():
        getattr(instance, name).set(related)
    changes = diff(before, _snapshot(instance))
    if not changes:
        return instance, UNCHANGED
    action = AuditEvent.Action.CREATE if adding else AuditEvent.Action.UPDATE
    audit_record(action=action, acting_user=None, obj=instance, changes=changes)
    return instance, CREATED if adding else UPDATED


def _demo_user_upsert(spec: cpp2009.UserSpec, password: str) -> tuple[User, str]:
    existing = User.objects.filter(email=spec.email).first()
    # Keep the stored hash while it still matches, so that a second load changes nothing.
    hashed = existing.password if existing and existing.check_password(password) else make_password(password)
    return _upsert(
        User,
        lookup={"email": spec.email},
        values={
            "full_name": spec.full_name,
            "preferred_language": spec.language,
            "password": hashed,
            "is_demo": True,
            "is_active": True,
        },
    )


@transaction.atomic
def demo_partnership_load(*, acting_user: Any = None, password: str | None = None) -> DemoLoadResult:
    """Load (or bring up to date) the demo partnership in one transaction.

    ``acting_user`` is None when the system loads the demo (``cpphub demo``,
    ``cpphub serve``); ``password`` defaults to ``settings.DEMO_PASSWORD``.
    """
    password = password or settings.DEMO_PASSWORD
    result = DemoLoadResult()
    # The fixed rows come from a data migration; a flushed database (transactional tests) lacks them.
    sectors = {code: Sector.objects.get_or_create(code=code)[0] for code in Sector.Code.values}
    roles = {code: PartnershipRole.objects.get_or_create(code=code)[0] for code in PartnershipRole.Code.values}

    countries: dict[str, Country] = {}
    for c in cpp2009.COUNTRIES:
        country, outcome = _upsert(
            Country, lookup={"code": c.code}, values={"name": c.name, "languages": c.languages, "is_active": True}
        )
        countries[c.code] = country
        result.tally("countries", outcome)

    organisations: dict[str, Organisation] = {}
    for o in cpp2009.ORGANISATIONS:
        organisation, outcome = _upsert(
            Organisation,
            lookup={"name": o.name},
            values={
                "acronym": o.acronym,
                "country": countries[o.country] if o.country else None,
                "level": o.level,
                "website": o.website,
                "description": o.description,
                "is_active": True,
            },
            many={
                "sectors": [sectors[code] for code in o.sectors],
                "partnership_roles": [roles[code] for code in o.roles],
            },
        )
        organisations[o.key] = organisation
        result.tally("organisations", outcome)

    locations: dict[str, PilotLocation] = {}
    for loc in cpp2009.LOCATIONS:
        location, outcome = _upsert(
            PilotLocation,
            lookup={"slug": loc.slug},
            values={
                "name": loc.name,
                "country": countries[loc.country],
                "admin_area": loc.admin_area,
                "latitude": loc.latitude,
                "longitude": loc.longitude,
                "lead_partner": organisations[loc.lead_partner],
                "stage": loc.stage,
                "notes": loc.notes,
                "is_active": True,
            },
            many={"implementing_partners": [organisations[key] for key in loc.implementing_partners]},
        )
        locations[loc.slug] = location
        result.tally("pilot locations", outcome)

    for p in cpp2009.PHASES:
        _, outcome = _upsert(
            Phase,
            lookup={"kind": p.kind},
            values={
                "name": p.name,
                "start_date": p.start_date,
                "end_date": p.end_date,
                "description": p.description,
                "is_active": True,
            },
        )
        result.tally("phases", outcome)

    for ct in cpp2009.CONTACTS:
        _, outcome = _upsert(
            Contact,
            lookup={"organisation": organisations[ct.organisation], "email": ct.email},
            values={
                "full_name": ct.full_name,
                "job_title": ct.job_title,
                "languages": ct.languages,
                "is_demo": True,
                "is_active": True,
            },
        )
        result.tally("contacts", outcome)

    for u in cpp2009.USERS:
        user, outcome = _demo_user_upsert(u, password)
        result.tally("users", outcome)
        _, outcome = _upsert(
            Membership,
            lookup={
                "user": user,
                "organisation": organisations[u.organisation],
                "role": u.role,
                "scope": u.scope,
                "country": countries[u.country] if u.country else None,
                "location": locations[u.location] if u.location else None,
            },
            values={"is_active": True},
        )
        result.tally("memberships", outcome)

    # The Map stage builds on the partnership above (and imports this module's _upsert).
    from cpphub.demo.mapping.load import demo_mapping_load

    demo_mapping_load(result=result, locations=locations)

    # Engage, Plan and Create build on the partnership and on the mapping's findings.
    from cpphub.demo.planning.load import demo_planning_load

    demo_planning_load(result=result, locations=locations, organisations=organisations)

    # The top-down work of national partners (adds them to ``organisations``).
    from cpphub.demo.national.load import demo_national_load

    demo_national_load(result=result, countries=countries, organisations=organisations)

    # Bringing both together: resources, capacities, needs, synergies and a coordinated action.
    from cpphub.demo.coordination.load import demo_coordination_load

    demo_coordination_load(result=result, locations=locations, organisations=organisations)

    # Connect: the service directory, referral pathways and synthetic referrals of the six locations.
    from cpphub.demo.connect.load import demo_connect_load

    demo_connect_load(result=result, countries=countries, locations=locations, organisations=organisations)
    return result
