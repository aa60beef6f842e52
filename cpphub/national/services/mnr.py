"""Every write of the MNR self-assessment: an assessment of a country and its 21 ratings.

- An assessment is made with all 21 ratings at once: empty, or copied from the
  country's latest earlier assessment (phase, evidence and partners) as a
  starting point.
- Phases are 1 to 4 or empty (not yet assessed); capabilities 1 to 21.
- The four phase names are given all four, or none (the framework's own).
- A rating's partners are organisations of the country or international ones.
- An assessment stays in the country it was made for.

Each write is validated, saved and audited in one transaction; the ratings'
changes are audited one rating at a time. Who may write is the caller's
check (``selectors/access.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record
from cpphub.national.mnr import BY_NUMBER, CAPABILITIES
from cpphub.national.models import MnrAssessment, MnrRating
from cpphub.national.services.engagements import _only, _user, _write, belongs_to
from cpphub.partnership.models import Country

Data = Mapping[str, Any]

ASSESSMENT_FIELDS = ("title", "assessed_on", "framework_version", "phase_labels", "status", "notes")
RATING_FIELDS = ("phase", "evidence", "partners")


def _labels(data: dict[str, Any]) -> dict[str, Any]:
    """Phase names trimmed; four blanks mean the framework's own names."""
    labels = data.get("phase_labels")
    if isinstance(labels, list | tuple):
        trimmed = [label.strip() if isinstance(label, str) else label for label in labels]
        data["phase_labels"] = [] if all(label == "" for label in trimmed) else trimmed
    elif "phase_labels" in data and labels is None:
        data["phase_labels"] = []
    return data


def previous_assessment(country: Country | int, before: MnrAssessment | None = None) -> MnrAssessment | None:
    """The country's latest assessment (before ``before`` in date order, when given)."""
    country_id = country if isinstance(country, int) else country.pk
    queryset = MnrAssessment.objects.filter(country_id=country_id).order_by("-assessed_on", "-id")
    if before is not None:
        queryset = queryset.exclude(pk=before.pk).filter(assessed_on__lte=before.assessed_on)
        queryset = queryset.exclude(assessed_on=before.assessed_on, id__gt=before.pk)
    return queryset.first()


@transaction.atomic
def assessment_create(
    *,
    country: Country,
    data: Data,
    acting_user: Any,
    copy_previous: bool = False,
    ratings: Sequence[Data] | None = None,
) -> MnrAssessment:
    """An assessment of ``country`` with all 21 ratings: empty, or copied from the latest earlier one.

    ``ratings`` (capability, phase, evidence, partners) are applied on top, as :func:`ratings_update` does.
    """
    source = previous_assessment(country) if copy_previous else None
    assessment = _write(
        MnrAssessment(country=country, created_by=_user(acting_user)),
        _labels(_only(data, ASSESSMENT_FIELDS)),
        acting_user=acting_user,
    )
    copied = {r.capability: r for r in source.ratings.prefetch_related("partners")} if source else {}
    MnrRating.objects.bulk_create(
        MnrRating(
            assessment=assessment,
            capability=c.number,
            phase=copied[c.number].phase if c.number in copied else None,
            evidence=copied[c.number].evidence if c.number in copied else "",
        )
        for c in CAPABILITIES
    )
    if copied:
        for rating in assessment.ratings.all():
            rating.partners.set(copied[rating.capability].partners.all())
        audit_record(
            action=AuditEvent.Action.UPDATE,
            acting_user=acting_user,
            obj=assessment,
            changes={"ratings": [None, _("copied from {title}").format(title=source)]},
        )
    if ratings:
        ratings_update(assessment=assessment, ratings=ratings, acting_user=acting_user)
    return assessment


@transaction.atomic
def assessment_update(
    *, assessment: MnrAssessment, data: Data, acting_user: Any, ratings: Sequence[Data] | None = None
) -> MnrAssessment:
    """Change an assessment's title, date, framework version, phase names, status or notes (and ``ratings``)."""
    assessment = _write(assessment, _labels(_only(data, ASSESSMENT_FIELDS)), acting_user=acting_user)
    if ratings:
        ratings_update(assessment=assessment, ratings=ratings, acting_user=acting_user)
    return assessment


def _rating_errors(ratings: Sequence[Data], country_id: int) -> list[str]:
    errors: list[str] = []
    seen: set[int] = set()
    for item in ratings:
        number = item.get("capability")
        if not isinstance(number, int) or number not in BY_NUMBER:
            errors.append(_("Capability {number} is not in the framework (1 to 21).").format(number=number))
            continue
        if number in seen:
            errors.append(_("Capability {number} is rated twice.").format(number=number))
        seen.add(number)
        phase = item.get("phase")
        if phase is not None and (not isinstance(phase, int) or not 1 <= phase <= 4):
            errors.append(
                _("Capability {number}: the phase is 1 to 4, or empty while not assessed; not {phase}.").format(
                    number=number, phase=phase
                )
            )
        strangers = [o for o in item.get("partners") or [] if not belongs_to(o, country_id)]
        if strangers:
            errors.append(
                _("Capability {number}: not a partner in the country: {organisations}.").format(
                    number=number, organisations=", ".join(str(o) for o in strangers)
                )
            )
    return errors


@transaction.atomic
def ratings_update(*, assessment: MnrAssessment, ratings: Sequence[Data], acting_user: Any) -> list[MnrRating]:
    """Change ratings of ``assessment``: each item names its ``capability`` and gives phase, evidence, partners.

    Fields an item leaves out stay as they are. Any error refuses all of them (a ValidationError on "ratings").
    """
    errors = _rating_errors(ratings, assessment.country_id)
    if errors:
        raise ValidationError({"ratings": errors})
    existing = {r.capability: r for r in assessment.ratings.all()}
    saved: list[MnrRating] = []
    for item in ratings:
        number = item["capability"]
        rating = existing.get(number) or MnrRating(assessment=assessment, capability=number)
        saved.append(_write(rating, _only(item, RATING_FIELDS), acting_user=acting_user))
    return saved
