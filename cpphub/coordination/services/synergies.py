"""Every write of the synergy finder: finding suggestions, accepting, dismissing and reopening them.

Each service validates, saves and writes its audit event in one transaction.
Who may call them (coordinators) is checked by the views and the API.

Finding again is safe: a pair is named by its fingerprint, so a suggestion
that is still suggested gets its new score and reasons, an accepted or a
dismissed one is never touched (and never comes back as a new suggestion),
and a suggestion that no longer scores is withdrawn (deleted: it was only
ever a suggestion, nobody decided on it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record, diff, snapshot
from cpphub.coordination.models import Synergy
from cpphub.coordination.selectors import matching
from cpphub.partnership.models import Country


@dataclass(frozen=True)
class FindResult:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0

    @property
    def total(self) -> int:
        return self.new + self.updated + self.unchanged


def _user(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "pk", None) else None


@transaction.atomic
def find_synergies(*, acting_user: Any = None, country: Country | None = None) -> FindResult:
    """Match the bottom-up items of every location (of ``country``) with the top-down items of its country."""
    found = matching.matches(matching.local_items(country), _nationals(country))
    scope = Synergy.objects.select_for_update()
    if country is not None:
        scope = scope.filter(country=country)
    existing = {s.fingerprint: s for s in scope}
    new = updated = unchanged = 0
    seen: set[str] = set()
    for match in found:
        key = match.fingerprint
        seen.add(key)
        score = matching.score_decimal(match.score)
        synergy = existing.get(key)
        if synergy is None:
            Synergy.objects.create(
                location=match.local.location,
                country_id=match.local.location.country_id,
                score=score,
                reasons=match.reasons,
                fingerprint=key,
                **{match.local.kind: match.local.obj, match.national.kind: match.national.obj},
            )
            new += 1
        elif synergy.status == Synergy.Status.SUGGESTED and (
            synergy.score != score or synergy.reasons != match.reasons
        ):
            synergy.score, synergy.reasons = score, match.reasons
            synergy.save(update_fields=["score", "reasons"])
            updated += 1
        else:
            unchanged += 1
    stale = [s.pk for key, s in existing.items() if key not in seen and s.status == Synergy.Status.SUGGESTED]
    Synergy.objects.filter(pk__in=stale).delete()
    result = FindResult(new=new, updated=updated, unchanged=unchanged, withdrawn=len(stale))
    audit_record(
        action=AuditEvent.Action.UPDATE,
        acting_user=acting_user,
        object_type=Synergy._meta.label_lower,
        object_repr=_("Synergy finder run"),
        changes={
            "country": str(country) if country else "",
            "new": result.new,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "withdrawn": result.withdrawn,
        },
    )
    return result


def _nationals(country: Country | None) -> list[matching.NationalItem]:
    ids = [country.pk] if country is not None else list(Country.objects.values_list("pk", flat=True))
    return matching.national_items(ids)


def _decide(synergy: Synergy, *, acting_user: Any, **changes: Any) -> Synergy:
    locked = Synergy.objects.select_for_update().get(pk=synergy.pk)
    before = snapshot(locked)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    audit_record(
        action=AuditEvent.Action.UPDATE, acting_user=acting_user, obj=locked, changes=diff(before, snapshot(locked))
    )
    return locked


def _is_used(synergy: Synergy) -> bool:
    from cpphub.coordination.models import CoordinatedAction

    return CoordinatedAction.objects.filter(synergy=synergy).exists()


@transaction.atomic
def accept_synergy(synergy: Synergy, *, acting_user: Any) -> Synergy:
    """A suggested synergy becomes accepted: it may now become a coordinated action."""
    current = Synergy.objects.select_for_update().get(pk=synergy.pk)
    if current.status != Synergy.Status.SUGGESTED:
        raise ValidationError(
            {
                "status": _("Only a suggested synergy can be accepted; this one is {status}.").format(
                    status=current.get_status_display().lower()
                )
            }
        )
    return _decide(
        current,
        acting_user=acting_user,
        status=Synergy.Status.ACCEPTED,
        decided_by=_user(acting_user),
        decided_at=timezone.now(),
        dismiss_reason="",
    )


@transaction.atomic
def dismiss_synergy(synergy: Synergy, *, acting_user: Any, reason: str) -> Synergy:
    """Dismiss a suggested (or an accepted, not yet used) synergy; say why. Finding again never brings it back."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the synergy is dismissed.")})
    current = Synergy.objects.select_for_update().get(pk=synergy.pk)
    if current.status == Synergy.Status.DISMISSED:
        raise ValidationError({"status": _("The synergy is already dismissed.")})
    if _is_used(current):
        raise ValidationError({"status": _("A coordinated action was made from this synergy; it stays accepted.")})
    return _decide(
        current,
        acting_user=acting_user,
        status=Synergy.Status.DISMISSED,
        decided_by=_user(acting_user),
        decided_at=timezone.now(),
        dismiss_reason=reason[:300],
    )


@transaction.atomic
def reopen_synergy(synergy: Synergy, *, acting_user: Any) -> Synergy:
    """A dismissed (or an accepted, not yet used) synergy is suggested again."""
    current = Synergy.objects.select_for_update().get(pk=synergy.pk)
    if current.status == Synergy.Status.SUGGESTED:
        raise ValidationError({"status": _("The synergy is already suggested.")})
    if _is_used(current):
        raise ValidationError({"status": _("A coordinated action was made from this synergy; it stays accepted.")})
    return _decide(
        current,
        acting_user=acting_user,
        status=Synergy.Status.SUGGESTED,
        decided_by=None,
        decided_at=None,
        dismiss_reason="",
    )
