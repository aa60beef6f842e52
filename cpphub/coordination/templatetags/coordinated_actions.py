"""Coordinated actions shown on the pages of the apps below coordination (a country, a pilot location).

Those apps must not import coordination code (dependencies point one way), so
their templates load this tag library instead.
"""

from __future__ import annotations

from typing import Any

from django import template

from cpphub.coordination.selectors.actions import actions_for_country, actions_for_location

register = template.Library()


@register.inclusion_tag("coordination/_country_actions.html")
def country_coordinated_actions(country: Any) -> dict[str, Any]:
    return {"actions": list(actions_for_country(country)), "country": country}


@register.inclusion_tag("coordination/_location_actions.html")
def location_coordinated_actions(location: Any) -> dict[str, Any]:
    return {"actions": list(actions_for_location(location)), "location": location}
