"""What the list of MNR self-assessments can be filtered by (API): ``?country=TH&status=final``."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from cpphub.national.models import MnrAssessment
from cpphub.partnership.models import Country


class AssessmentFilter(django_filters.FilterSet):
    country = django_filters.ModelChoiceFilter(
        label=_("Country"), queryset=Country.objects.order_by("name"), to_field_name="code"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MnrAssessment.Status.choices)
    assessed_from = django_filters.DateFilter(field_name="assessed_on", lookup_expr="gte", label=_("From"))
    assessed_to = django_filters.DateFilter(field_name="assessed_on", lookup_expr="lte", label=_("To"))

    class Meta:
        model = MnrAssessment
        fields = ["country", "status", "assessed_from", "assessed_to"]
