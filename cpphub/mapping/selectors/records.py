"""Reads of the Map stage's records, as the person asking may see them.

- Instruments, sessions (with their participant groups) and findings are read
  by every partnership member; a group's size and the participants a finding
  quotes are shown only to the facilitators of the location.
- Participants and consent records are row-level research data: only the
  facilitators of their location see them. A participant or consent of
  another location is answered with 404, as if it did not exist, and every
  read of a participant's page is written to the access log.
- Consent status is computed against the country's consent rules (or
  :data:`DEFAULT_CONSENT_RULES` for a country without rules of its own).

List selectors load what their pages and the API show in a fixed number of
queries, whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cpphub.accounts.models import Membership, User
from cpphub.audit.services import access_record
from cpphub.mapping.models import (
    Choice,
    Consent,
    ConsentRule,
    Finding,
    Instrument,
    MappingSession,
    MappingSettings,
    Participant,
    ParticipantGroup,
    Perspective,
    Question,
)
from cpphub.mapping.models.people import AGE_BAND_AGES, DEFAULT_CONSENT_RULES
from cpphub.mapping.selectors.access import (
    access_location_rows,
    access_mapping,
    can_manage_templates,
    facilitated_location_ids,
    facilitated_locations,
    facilitates,
)
from cpphub.partnership.models import Country, PilotLocation

# Instruments ---------------------------------------------------------------------


def can_write_instrument(viewer: Any, instrument: Instrument) -> bool:
    """Facilitators of the instrument's location; coordinators for a partnership template."""
    if instrument.location_id is None:
        return can_manage_templates(viewer)
    return facilitates(viewer, instrument.location_id)


def can_import_instruments(viewer: Any) -> bool:
    return bool(facilitated_location_ids(viewer)) or can_manage_templates(viewer)


def instrument_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Instrument]:
    from cpphub.mapping.filters import InstrumentFilter

    access_mapping(viewer)
    queryset = (
        Instrument.objects.select_related("location")
        .annotate(question_count=Count("questions", filter=Q(questions__kind=Question.Kind.QUESTION)))
        .order_by("-created_at", "-id")
    )
    return InstrumentFilter(filters, queryset=queryset).qs if filters else queryset


def access_instrument(viewer: Any, pk: Any, *, write: bool = False) -> Instrument:
    access_mapping(viewer)
    instrument = get_object_or_404(Instrument.objects.select_related("location"), pk=pk)
    if write and not can_write_instrument(viewer, instrument):
        raise PermissionDenied
    return instrument


def access_question(viewer: Any, pk: Any, *, write: bool = False) -> Question:
    access_mapping(viewer)
    question = get_object_or_404(Question.objects.select_related("instrument"), pk=pk)
    if write and not can_write_instrument(viewer, question.instrument):
        raise PermissionDenied
    return question


def access_choice(viewer: Any, pk: Any, *, write: bool = False) -> Choice:
    access_mapping(viewer)
    choice = get_object_or_404(Choice.objects.select_related("question__instrument"), pk=pk)
    if write and not can_write_instrument(viewer, choice.question.instrument):
        raise PermissionDenied
    return choice


def import_locations(viewer: Any) -> QuerySet[PilotLocation]:
    """Where ``viewer`` may import an instrument to: the locations they facilitate."""
    return facilitated_locations(viewer).order_by("name")


# Sessions and groups ---------------------------------------------------------------


def location_facilitators(location: PilotLocation | None) -> QuerySet[User]:
    """People with an active facilitator membership covering ``location``."""
    if location is None:
        return User.objects.none()
    memberships = Membership.objects.filter(
        role=Membership.Role.FACILITATOR, is_active=True, organisation__is_active=True
    ).filter(
        Q(scope=Membership.Scope.LOCATION, location=location)
        | Q(scope=Membership.Scope.COUNTRY, country_id=location.country_id)
        | Q(scope=Membership.Scope.PARTNERSHIP)
    )
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id")).order_by("full_name", "email")


def session_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[MappingSession]:
    from cpphub.mapping.filters import SessionFilter

    access_mapping(viewer)
    queryset = (
        MappingSession.objects.select_related("location", "instrument")
        .annotate(group_count=Count("groups", distinct=True))
        .order_by("-date", "-id")
    )
    return SessionFilter(filters, queryset=queryset).qs if filters else queryset


def access_session(viewer: Any, pk: Any, *, write: bool = False) -> MappingSession:
    access_mapping(viewer)
    session = get_object_or_404(
        MappingSession.objects.select_related("location", "instrument").prefetch_related(
            "facilitators", Prefetch("groups", queryset=ParticipantGroup.objects.order_by(*_GROUP_ORDER))
        ),
        pk=pk,
    )
    if write:
        access_location_rows(viewer, session.location_id)
    return session


_GROUP_ORDER = ("perspective", "age_band", "sex", "informant_role", "id")


def access_group(viewer: Any, pk: Any, *, write: bool = False) -> ParticipantGroup:
    access_mapping(viewer)
    group = get_object_or_404(ParticipantGroup.objects.select_related("session__location"), pk=pk)
    if write:
        access_location_rows(viewer, group.session.location_id)
    return group


def group_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[ParticipantGroup]:
    access_mapping(viewer)
    queryset = ParticipantGroup.objects.select_related("session").order_by("session", *_GROUP_ORDER)
    session = (filters or {}).get("session")
    if session and str(session).isdigit():
        queryset = queryset.filter(session_id=int(session))
    return queryset


def shows_sizes(viewer: Any, session: MappingSession) -> bool:
    """Group sizes are small counts: only the facilitators of the location see them."""
    return facilitates(viewer, session.location_id)


# Participants and consent -------------------------------------------------------------


class ConsentState:
    COMPLETE = "complete"
    CAREGIVER_MISSING = "caregiver_missing"
    ASSENT_MISSING = "assent_missing"
    CHILD_CONSENT_MISSING = "child_consent_missing"
    CONSENT_MISSING = "consent_missing"
    WITHDRAWN = "withdrawn"


CONSENT_STATE_LABELS: dict[str, Promise] = {
    ConsentState.COMPLETE: _("Complete"),
    ConsentState.CAREGIVER_MISSING: _("Caregiver consent missing"),
    ConsentState.ASSENT_MISSING: _("Assent missing"),
    ConsentState.CHILD_CONSENT_MISSING: _("Child's own consent missing"),
    ConsentState.CONSENT_MISSING: _("Consent missing"),
    ConsentState.WITHDRAWN: _("Withdrawn"),
}

# When an age band spans two rules, the strictest applies: the one that asks most of whom.
STRICTNESS: dict[str, int] = {
    ConsentRule.Requirement.ASSENT_AND_CAREGIVER: 3,
    ConsentRule.Requirement.CAREGIVER_CONSENT: 2,
    ConsentRule.Requirement.CHILD_CONSENT: 1,
}


@dataclass(frozen=True)
class ConsentStatus:
    code: str
    requirement: str

    @property
    def label(self) -> Any:
        return CONSENT_STATE_LABELS[self.code]

    @property
    def complete(self) -> bool:
        return self.code == ConsentState.COMPLETE


RuleRows = Sequence[tuple[int, int, str]]


def country_rules(country: Country | int) -> RuleRows:
    """A country's consent rules as ``(min_age, max_age, requirement)``, or the default ones."""
    country_id = country if isinstance(country, int) else country.pk
    rows = list(ConsentRule.objects.filter(country_id=country_id).values_list("min_age", "max_age", "requirement"))
    return rows or DEFAULT_CONSENT_RULES


def requirement_for(age_band: str, rules: RuleRows) -> str:
    """The strictest requirement of the rules an age band overlaps (the strictest of all when none does)."""
    ages = AGE_BAND_AGES.get(age_band)
    if ages is None:
        return ConsentRule.Requirement.ASSENT_AND_CAREGIVER
    low, high = ages
    applying = [requirement for first, last, requirement in rules if first <= high and last >= low]
    if not applying:
        return ConsentRule.Requirement.ASSENT_AND_CAREGIVER
    return max(applying, key=lambda requirement: STRICTNESS.get(requirement, 0))


def consent_status(participant: Participant, consents: Iterable[Consent], rules: RuleRows) -> ConsentStatus:
    """Whether the consents a participant has (not withdrawn) meet what the rules ask at their age."""
    if participant.withdrawn_at is not None:
        return ConsentStatus(ConsentState.WITHDRAWN, "")
    active = [consent for consent in consents if consent.withdrawn_at is None]
    if participant.perspective == Perspective.KEY_INFORMANT:
        given = any(consent.type == Consent.Type.CONSENT for consent in active)
        return ConsentStatus(ConsentState.COMPLETE if given else ConsentState.CONSENT_MISSING, "")
    requirement = requirement_for(participant.age_band, rules)
    by_child = Consent.GivenBy.CHILD, Consent.GivenBy.BOTH
    by_caregiver = Consent.GivenBy.CAREGIVER, Consent.GivenBy.BOTH
    child_agrees = any(consent.given_by in by_child for consent in active)
    child_consents = any(consent.given_by in by_child and consent.type == Consent.Type.CONSENT for consent in active)
    caregiver = any(consent.given_by in by_caregiver and consent.type == Consent.Type.CONSENT for consent in active)
    if requirement == ConsentRule.Requirement.ASSENT_AND_CAREGIVER:
        if not child_agrees and not caregiver:
            code = ConsentState.CONSENT_MISSING
        elif not child_agrees:
            code = ConsentState.ASSENT_MISSING
        elif not caregiver:
            code = ConsentState.CAREGIVER_MISSING
        else:
            code = ConsentState.COMPLETE
    elif requirement == ConsentRule.Requirement.CHILD_CONSENT:
        code = ConsentState.COMPLETE if child_consents else ConsentState.CHILD_CONSENT_MISSING
    else:
        code = ConsentState.COMPLETE if caregiver else ConsentState.CAREGIVER_MISSING
    return ConsentStatus(code, requirement)


def _participants() -> QuerySet[Participant]:
    return Participant.objects.select_related("location", "group__session").prefetch_related(
        Prefetch("consents", queryset=Consent.objects.order_by("-date", "-id"))
    )


def participant_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Participant]:
    """The participants of the locations ``viewer`` facilitates (an empty list for anyone else)."""
    from cpphub.mapping.filters import ParticipantFilter

    queryset = _participants().filter(location_id__in=facilitated_location_ids(viewer))
    return ParticipantFilter(filters, queryset=queryset).qs if filters else queryset


def rules_by_country(country_ids: Iterable[int]) -> dict[int, RuleRows]:
    """The consent rules of each country (one query); a country without rules gets the default ones."""
    wanted = set(country_ids)
    found: dict[int, list[tuple[int, int, str]]] = {}
    for country_id, first, last, requirement in ConsentRule.objects.filter(country_id__in=wanted).values_list(
        "country_id", "min_age", "max_age", "requirement"
    ):
        found.setdefault(country_id, []).append((first, last, requirement))
    return {country_id: found.get(country_id) or DEFAULT_CONSENT_RULES for country_id in wanted}


def viewer_rules(viewer: Any) -> dict[int, RuleRows]:
    """The consent rules of the countries of the locations ``viewer`` facilitates."""
    countries = PilotLocation.objects.filter(pk__in=facilitated_location_ids(viewer)).values_list(
        "country_id", flat=True
    )
    return rules_by_country(list(countries))


def with_consent_status(participants: Iterable[Participant]) -> list[Participant]:
    """The participants, each with ``consent_status`` set (one query for the rules of all their countries)."""
    rows = list(participants)
    rules = rules_by_country(participant.location.country_id for participant in rows)
    for participant in rows:
        participant.consent_status = consent_status(  # type: ignore[attr-defined]
            participant, participant.consents.all(), rules[participant.location.country_id]
        )
    return rows


def access_participant(viewer: Any, pk: Any, *, log: bool = True) -> Participant:
    """A participant of a location ``viewer`` facilitates (404 otherwise); the read is logged."""
    participant = get_object_or_404(_participants(), pk=pk)
    if not facilitates(viewer, participant.location_id):
        raise Http404
    if log:
        access_record(user=viewer, obj=participant, label=participant.code)
    with_consent_status([participant])
    return participant


def consent_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Consent]:
    queryset = Consent.objects.select_related("participant__location").filter(
        participant__location_id__in=facilitated_location_ids(viewer)
    )
    participant = (filters or {}).get("participant")
    if participant and str(participant).isdigit():
        queryset = queryset.filter(participant_id=int(participant))
    return queryset


def access_consent(viewer: Any, pk: Any) -> Consent:
    consent = get_object_or_404(Consent.objects.select_related("participant__location"), pk=pk)
    if not facilitates(viewer, consent.participant.location_id):
        raise Http404
    access_record(user=viewer, obj=consent, label=consent.participant.code)
    return consent


def access_country_rules(viewer: Any, pk: Any) -> Country:
    access_mapping(viewer)
    return get_object_or_404(Country, pk=pk)


def consent_rules(country: Country) -> list[ConsentRule]:
    return list(country.consent_rules.order_by("min_age"))


# Findings ---------------------------------------------------------------------------


def finding_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Finding]:
    """Findings that were not withdrawn, matching ``filters`` (see :class:`FindingFilter`)."""
    from cpphub.mapping.filters import FindingFilter

    access_mapping(viewer)
    queryset = (
        Finding.objects.filter(withdrawn_at__isnull=True)
        .select_related("location", "session")
        .prefetch_related("participants")
    )
    return FindingFilter(filters, queryset=queryset).qs if filters else queryset


def access_finding(viewer: Any, pk: Any, *, write: bool = False) -> Finding:
    access_mapping(viewer)
    finding = get_object_or_404(
        Finding.objects.filter(withdrawn_at__isnull=True)
        .select_related("location", "session")
        .prefetch_related("participants"),
        pk=pk,
    )
    if write:
        access_location_rows(viewer, finding.location_id)
    return finding


def shows_participants(viewer: Any, finding: Finding) -> bool:
    """The codes of the participants quoted are research data: facilitators of the location only."""
    return facilitates(viewer, finding.location_id)


# Settings ---------------------------------------------------------------------------


def mapping_settings() -> MappingSettings:
    return MappingSettings.objects.get_or_create(pk=1)[0]


def access_settings(viewer: Any) -> MappingSettings:
    if not can_manage_templates(viewer):
        raise PermissionDenied
    return mapping_settings()
