"""What the pathway list (page and API) is filtered by: ``?location=chiang-rai&need=sextortion``."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from cpphub.connect.models import Need, Pathway
from cpphub.partnership.models import PilotLocation

NOT_FILTERS = frozenset({"page", "sort", "language"})


class PathwayFilter(django_filters.FilterSet):
    location = django_filters.ModelChoiceFilter(
        label=_("Pilot location"),
        queryset=PilotLocation.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All locations"),
    )
    need = django_filters.ChoiceFilter(label=_("Need"), choices=Need.choices, empty_label=_("All needs"))

    class Meta:
        model = Pathway
        fields = ["location", "need"]
