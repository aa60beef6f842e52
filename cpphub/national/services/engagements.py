"""Every write of the national engagement work: meetings, priorities, strengths, expectations, commitments.

Each service validates (the model's ``full_clean`` plus the rules below),
saves and writes its audit event in one transaction; a ValidationError names
the field and leaves the database as it was. Who may write is the caller's
check (``selectors/access.py``): these functions trust their caller.

- A meeting's organisations, and a record's partner, are organisations of the
  record's country or international ones (no country).
- A priority, strength, expectation or commitment recorded at a meeting has
  the meeting's country.
- 4Cs risks, online harms and target groups are lists of known codes.
- A record stays in the country it was recorded for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpphub.audit.services import audited_write
from cpphub.mapping.models import IctTag, RiskDimension
from cpphub.national.models import (
    Commitment,
    Expectation,
    NationalEngagement,
    NationalPriority,
    NationalStrength,
)
from cpphub.partnership.models import Country, Organisation
from cpphub.partnership.selectors import works_everywhere
from cpphub.planning.models import TargetGroup

M = TypeVar("M", bound=models.Model)
Data = Mapping[str, Any]

ENGAGEMENT_FIELDS = ("kind", "date", "title", "organisations", "participants", "minutes")
RECORD_FIELDS = ("engagement", "organisation")
FOCUS_FIELDS = ("mnr_capability", "risks", "ict_tags", "target_groups", "outcome")
PRIORITY_FIELDS = (*RECORD_FIELDS, *FOCUS_FIELDS, "title", "description", "importance", "status")
STRENGTH_FIELDS = (*RECORD_FIELDS, *FOCUS_FIELDS, "kind", "title", "description", "expertise", "amount", "unit")
EXPECTATION_FIELDS = (*RECORD_FIELDS, "text")
COMMITMENT_FIELDS = (*RECORD_FIELDS, *FOCUS_FIELDS, "title", "owner_name", "due_date", "done_at")

# The code lists of a record's focus, and the choices each code must come from.
CODE_LISTS: dict[str, Any] = {"risks": RiskDimension, "ict_tags": IctTag, "target_groups": TargetGroup}


def _user(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "pk", None) else None


def _write(instance: M, data: Data, *, acting_user: Any, errors: Mapping[str, Any] | None = None) -> M:
    return audited_write(instance, data, acting_user=acting_user, errors=errors)


def _only(data: Data, fields: Iterable[str]) -> dict[str, Any]:
    return {name: value for name, value in data.items() if name in fields}


def belongs_to(organisation: Organisation, country: Country | int) -> bool:
    """Whether ``organisation`` may appear in a record of ``country``: one of its own, or one working everywhere.

    Working everywhere: international, or based in a country with no pilot location (``works_everywhere``).
    """
    country_id = country if isinstance(country, int) else country.pk
    return organisation.country_id == country_id or works_everywhere(organisation)


def _country_errors(data: Data, country: Country) -> dict[str, str]:
    errors: dict[str, str] = {}
    for field, choices in CODE_LISTS.items():
        if field not in data:
            continue
        values = data.get(field)
        if values is None:
            values = []
        if not isinstance(values, list | tuple):
            errors[field] = _("Give a list of codes.")
            continue
        unknown = [str(code) for code in values if code not in choices.values]
        if unknown:
            errors[field] = _("Unknown code: {codes}.").format(codes=", ".join(unknown))
    organisation = data.get("organisation")
    if organisation is not None and not belongs_to(organisation, country):
        errors["organisation"] = _("{organisation} is not a partner in {country}.").format(
            organisation=organisation, country=country
        )
    # A meeting of another country: the model says so (CountryRecord.clean).
    return errors


def _clean_lists(data: dict[str, Any]) -> dict[str, Any]:
    """Code lists without repeats, in the order given; an absent list stays absent."""
    for field in CODE_LISTS:
        if isinstance(data.get(field), list | tuple):
            data[field] = list(dict.fromkeys(data[field]))
        elif field in data and data[field] is None:
            data[field] = []
    return data


# Meetings --------------------------------------------------------------------------------------


def _engagement_errors(data: Data, country: Country) -> dict[str, str]:
    strangers = [o for o in data.get("organisations") or [] if not belongs_to(o, country)]
    if strangers:
        return {
            "organisations": _("Not a partner in {country}: {organisations}.").format(
                country=country, organisations=", ".join(str(o) for o in strangers)
            )
        }
    return {}


@transaction.atomic
def engagement_create(*, country: Country, data: Data, acting_user: Any) -> NationalEngagement:
    """A roundtable or bilateral of ``country``: kind, date, title, organisations, participants, minutes."""
    data = _only(data, ENGAGEMENT_FIELDS)
    engagement = NationalEngagement(country=country, created_by=_user(acting_user))
    return _write(engagement, data, acting_user=acting_user, errors=_engagement_errors(data, country))


@transaction.atomic
def engagement_update(*, engagement: NationalEngagement, data: Data, acting_user: Any) -> NationalEngagement:
    """Change a meeting; its country stays."""
    data = _only(data, ENGAGEMENT_FIELDS)
    return _write(engagement, data, acting_user=acting_user, errors=_engagement_errors(data, engagement.country))


# Outcomes of a meeting, or recorded on their own -----------------------------------------------


def _create(model: type[M], fields: Iterable[str], *, country: Country, data: Data, acting_user: Any) -> M:
    data = _clean_lists(_only(data, fields))
    instance = model(country=country, created_by=_user(acting_user))  # type: ignore[misc]
    return _write(instance, data, acting_user=acting_user, errors=_country_errors(data, country))


def _update(instance: M, fields: Iterable[str], *, data: Data, acting_user: Any) -> M:
    data = _clean_lists(_only(data, fields))
    country = instance.country  # type: ignore[attr-defined]
    return _write(instance, data, acting_user=acting_user, errors=_country_errors(data, country))


@transaction.atomic
def priority_create(*, country: Country, data: Data, acting_user: Any) -> NationalPriority:
    return _create(NationalPriority, PRIORITY_FIELDS, country=country, data=data, acting_user=acting_user)


@transaction.atomic
def priority_update(*, priority: NationalPriority, data: Data, acting_user: Any) -> NationalPriority:
    return _update(priority, PRIORITY_FIELDS, data=data, acting_user=acting_user)


@transaction.atomic
def strength_create(*, country: Country, data: Data, acting_user: Any) -> NationalStrength:
    return _create(NationalStrength, STRENGTH_FIELDS, country=country, data=data, acting_user=acting_user)


@transaction.atomic
def strength_update(*, strength: NationalStrength, data: Data, acting_user: Any) -> NationalStrength:
    return _update(strength, STRENGTH_FIELDS, data=data, acting_user=acting_user)


@transaction.atomic
def expectation_create(*, country: Country, data: Data, acting_user: Any) -> Expectation:
    return _create(Expectation, EXPECTATION_FIELDS, country=country, data=data, acting_user=acting_user)


@transaction.atomic
def expectation_update(*, expectation: Expectation, data: Data, acting_user: Any) -> Expectation:
    return _update(expectation, EXPECTATION_FIELDS, data=data, acting_user=acting_user)


@transaction.atomic
def commitment_create(*, country: Country, data: Data, acting_user: Any) -> Commitment:
    return _create(Commitment, COMMITMENT_FIELDS, country=country, data=data, acting_user=acting_user)


@transaction.atomic
def commitment_update(*, commitment: Commitment, data: Data, acting_user: Any) -> Commitment:
    return _update(commitment, COMMITMENT_FIELDS, data=data, acting_user=acting_user)


@transaction.atomic
def commitment_set_done(
    *, commitment: Commitment, done: bool, acting_user: Any, on: dt.date | None = None
) -> Commitment:
    """Mark a commitment done (today, or ``on``) or open again."""
    done_at = (on or timezone.localdate()) if done else None
    return _write(commitment, {"done_at": done_at}, acting_user=acting_user)
