"""Who may see and change what in Connect.

The directory (class C and public): everyone reads the public directory
(without confidential fields); caseworkers, coordinators and the members of the
providing partner also read the confidential fields; coordinators keep the
directory, and a partner's members keep their own organisation's entries.
Pathways: everyone reads published ones; the location's facilitators and
coordinators keep them.

Cases and referrals (class A, identifying): only caseworkers, signed in with
a second factor. A case is seen by the caseworkers of the organisation that
registered it; a referral also by the caseworkers of the receiving
organisation, who see of the child only what the consent shares. Nobody else,
not a coordinator, not a superuser, opens one: they see counts
(``selectors/numbers.py``). Coordinators may revoke a referral from the
overdue register, which shows no child's data. Asking for a record one may not
see is a 404, never a 403, so its existence is not confirmed either.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from two_factor.utils import default_device

from cpphub.accounts import permissions
from cpphub.accounts.models import Membership
from cpphub.connect.models import Case, Pathway, Referral, ServiceOrganisation
from cpphub.partnership.models import PilotLocation


def caseworker_organisation_ids(viewer: Any) -> set[int]:
    """The organisations ``viewer`` is a caseworker of."""
    return {m.organisation_id for m in permissions.memberships(viewer) if m.role == Membership.Role.CASEWORKER}


def has_second_factor(viewer: Any) -> bool:
    """A confirmed second factor (the middleware makes every page session use it; this covers API tokens)."""
    if not getattr(viewer, "is_authenticated", False):
        return False
    verified = getattr(viewer, "is_verified", None)  # set by django-otp on page requests, not on API tokens
    if callable(verified) and verified():  # this session signed in with its device: no query needed
        return True
    return default_device(viewer) is not None


def can_open_cases(viewer: Any) -> bool:
    """Caseworkers with a second factor: the only people who open identifying records."""
    return bool(caseworker_organisation_ids(viewer)) and has_second_factor(viewer)


def cases_for(viewer: Any) -> QuerySet[Case]:
    """Cases ``viewer`` may open: those their organisation registered or received a referral of."""
    if not can_open_cases(viewer):
        return Case.objects.none()
    orgs = caseworker_organisation_ids(viewer)
    received = Referral.objects.filter(receiving_organisation_id__in=orgs).values("case_id")
    return Case.objects.filter(Q(organisation_id__in=orgs) | Q(pk__in=received))


def owns_case(viewer: Any, case: Case) -> bool:
    """A caseworker of the organisation that registered the case: edits it, records consent, refers, closes."""
    return can_open_cases(viewer) and case.organisation_id in caseworker_organisation_ids(viewer)


def referrals_for(viewer: Any) -> QuerySet[Referral]:
    """Referrals ``viewer`` may open: sent by or to one of their organisations."""
    if not can_open_cases(viewer):
        return Referral.objects.none()
    orgs = caseworker_organisation_ids(viewer)
    return Referral.objects.filter(Q(case__organisation_id__in=orgs) | Q(receiving_organisation_id__in=orgs))


def sends(viewer: Any, referral: Referral) -> bool:
    return can_open_cases(viewer) and referral.case.organisation_id in caseworker_organisation_ids(viewer)


def receives(viewer: Any, referral: Referral) -> bool:
    return (
        can_open_cases(viewer)
        and referral.receiving_organisation_id is not None
        and referral.receiving_organisation_id in caseworker_organisation_ids(viewer)
    )


def answers_for(viewer: Any, referral: Referral) -> bool:
    """Who records the service's answer: the receiving caseworkers; for a provider not on CPP Hub, the sender's."""
    if referral.receiving_organisation_id is None:
        return sends(viewer, referral)
    return receives(viewer, referral)


def can_revoke(viewer: Any, referral: Referral) -> bool:
    """The sending organisation's caseworkers, or a coordinator (from the overdue register)."""
    return sends(viewer, referral) or can_manage_referrals(viewer)


def can_manage_referrals(viewer: Any) -> bool:
    """Coordinators: the register of referrals without any child's data, revoking, the per-country policies."""
    return permissions.can_manage_partnership(viewer) and has_second_factor(viewer)


def can_see_confidential(viewer: Any, organisation: ServiceOrganisation | None = None) -> bool:
    """Confidential directory fields: caseworkers, coordinators, and the providing partner's own members."""
    if caseworker_organisation_ids(viewer) or permissions.can_manage_partnership(viewer):
        return True
    if organisation is not None and organisation.partner_id is not None:
        return any(m.organisation_id == organisation.partner_id for m in permissions.memberships(viewer))
    return False


def can_edit_directory(viewer: Any, organisation: ServiceOrganisation | None = None) -> bool:
    """Coordinators keep the whole directory; a partner's caseworkers keep their own organisation's entries."""
    if permissions.can_manage_partnership(viewer):
        return True
    return organisation is not None and organisation.partner_id in caseworker_organisation_ids(viewer)


def can_import_directory(viewer: Any) -> bool:
    return permissions.can_manage_partnership(viewer)


def _facilitated_location_ids(viewer: Any) -> set[int]:
    return {
        m.location_id
        for m in permissions.memberships(viewer)
        if m.role == Membership.Role.FACILITATOR and m.scope == Membership.Scope.LOCATION and m.location_id
    }


def can_edit_pathway(viewer: Any, location: PilotLocation | int) -> bool:
    """A location's facilitators and coordinators."""
    if permissions.can_manage_partnership(viewer):
        return True
    location_id = location if isinstance(location, int) else location.pk
    return location_id in _facilitated_location_ids(viewer)


def can_edit_any_pathway(viewer: Any) -> bool:
    return permissions.can_manage_partnership(viewer) or bool(_facilitated_location_ids(viewer))


def pathways_for(viewer: Any) -> QuerySet[Pathway]:
    """Published pathways for everyone; drafts too for members."""
    if permissions.is_member(viewer):
        return Pathway.objects.all()
    return Pathway.objects.filter(is_published=True)


def can_read_numbers(viewer: Any) -> bool:
    """The suppressed numbers of referrals: every partnership member."""
    return permissions.is_member(viewer)


def can_ask_who_saw(viewer: Any) -> bool:
    """The data protection officer's "who saw this record"."""
    return permissions.can_read_audit(viewer)
