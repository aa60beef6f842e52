"""The optimiser's reason codes as sentences in the page's language.

The optimiser says *why* with machine-readable codes and figures (see
``docs/allocation.md`` and ``cpphub/coordination/allocation/explain.py``);
this module turns each into a translated sentence naming partners, actions
and resources as the run's scenario named them::

    {% load allocation_reasons %}
    {% reason_text reason view.names %}

``reason_sentence`` does the same in Python (the API uses it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import template
from django.utils.translation import gettext as _

from cpphub.coordination.selectors.allocation import Names

register = template.Library()

Params = Mapping[str, Any]


def _short_of(p: Params, n: Names) -> str:
    resource = p.get("resource")
    values = {
        "resource": n.resource(resource),
        "needed": n.amount(resource, p.get("needed")),
        "available": n.amount(resource, p.get("available_to_it")),
        "total": n.amount(resource, p.get("total_available")),
    }
    try:
        nothing_could = float(p.get("total_available", 0)) < float(p.get("needed", 0))
    except (TypeError, ValueError):
        nothing_could = False
    if nothing_could:
        return _(
            "It needs at least {needed} of {resource}, but the partners who may give it have only {total} in all."
        ).format(**values)
    return _(
        "It needs at least {needed} of {resource}; after the funded actions its partners have {available} left "
        "(of {total} in all)."
    ).format(**values)


# code -> sentence from (params, names)
SENTENCES: dict[str, Callable[[Params, Names], str]] = {
    # Funded
    "pinned": lambda p, n: _("Pinned by a coordinator: {partners} must give to it.").format(
        partners=n.partner_list(p.get("partners"))
    ),
    "covered_by": lambda p, n: _("Funded by {partners}.").format(partners=n.partner_list(p.get("partners"))),
    "high_benefit_per_scarce_resource": lambda p, n: _(
        "Its benefit per unit of {resource} ({ratio}) is at least that of every action left out that could use "
        "the same partners (at best {threshold})."
    ).format(
        resource=n.resource(p.get("resource")), ratio=n.ratio(p.get("ratio")), threshold=n.ratio(p.get("threshold"))
    ),
    "part_of_best_combination": lambda p, n: _(
        "An action left out brings more benefit per unit of {resource}, but funding this one gives more benefit "
        "in all once the other resources are counted."
    ).format(resource=n.resource(p.get("resource"))),
    "fits_spare_capacity": lambda p, n: _("Its partners had enough to spare: no other action was left out for it."),
    # Unfunded
    "no_eligible_partner": lambda p, n: _("No partner working where it takes place offers {resource}.").format(
        resource=n.resource(p.get("resource"))
    ),
    "forbidden_partners_only": lambda p, n: _(
        "Only {partners} could give it {resource}, and they are forbidden for it."
    ).format(partners=n.partner_list(p.get("partners")), resource=n.resource(p.get("resource"))),
    "short_of_resource": _short_of,
    "lower_benefit_than_funded": lambda p, n: _(
        "Its benefit per unit of {resource} ({ratio}) is below that of every funded action drawing on the same "
        "partners (the lowest is {threshold})."
    ).format(
        resource=n.resource(p.get("resource")), ratio=n.ratio(p.get("ratio")), threshold=n.ratio(p.get("threshold"))
    ),
    "displaced_by_combination": lambda p, n: _(
        "It brings more benefit per unit of {resource} than some funded action, but funding it would push out "
        "more benefit in all."
    ).format(resource=n.resource(p.get("resource"))),
    "no_benefit": lambda p, n: _("It brings no expected benefit."),
    "not_reached": lambda p, n: _("The search stopped at the time limit before it got to this action."),
    # Why pins cannot all hold
    "pin_and_forbid": lambda p, n: _("{partner} is both pinned to and forbidden for {action}.").format(
        partner=n.partner(p.get("partner")), action=n.action(p.get("action"))
    ),
    "pin_partner_lacks_resource": lambda p, n: _(
        "{partner} offers no {resource}, so it cannot be pinned to give it to {action}."
    ).format(
        partner=n.partner(p.get("partner")), resource=n.resource(p.get("resource")), action=n.action(p.get("action"))
    ),
    "pin_not_eligible": lambda p, n: _(
        "{partner} does not work where {action} takes place ({region}), so it cannot be pinned to it."
    ).format(
        partner=n.partner(p.get("partner")),
        action=n.action(p.get("action")),
        region=p.get("region") or _("partnership-wide"),
    ),
    "pin_resource_not_needed": lambda p, n: _(
        "{action} needs no {resource}, so {partner} cannot be pinned to give it."
    ).format(
        partner=n.partner(p.get("partner")), resource=n.resource(p.get("resource")), action=n.action(p.get("action"))
    ),
    "pin_exceeds_capacity": lambda p, n: _(
        "{partner} is pinned to give {pinned} of {resource} to {action} but has only {capacity}."
    ).format(
        partner=n.partner(p.get("partner")),
        action=n.action(p.get("action")),
        resource=n.resource(p.get("resource")),
        pinned=n.amount(p.get("resource"), p.get("pinned")),
        capacity=n.amount(p.get("resource"), p.get("capacity")),
    ),
    "pin_exceeds_need": lambda p, n: _(
        "{partner} is pinned to give {pinned} of {resource} to {action}, which needs only {need}."
    ).format(
        partner=n.partner(p.get("partner")),
        action=n.action(p.get("action")),
        resource=n.resource(p.get("resource")),
        pinned=n.amount(p.get("resource"), p.get("pinned")),
        need=n.amount(p.get("resource"), p.get("need")),
    ),
    "pins_exceed_capacity": lambda p, n: _(
        "{partner} is pinned to give {total} of {resource} in all (to {actions}) but has only {capacity}."
    ).format(
        partner=n.partner(p.get("partner")),
        resource=n.resource(p.get("resource")),
        total=n.amount(p.get("resource"), p.get("total")),
        capacity=n.amount(p.get("resource"), p.get("capacity")),
        actions=n.action_list(p.get("actions")),
    ),
    "pins_exceed_need": lambda p, n: _("Pins give {action} {total} of {resource}, more than it needs ({need}).").format(
        action=n.action(p.get("action")),
        resource=n.resource(p.get("resource")),
        total=n.amount(p.get("resource"), p.get("total")),
        need=n.amount(p.get("resource"), p.get("need")),
    ),
    "pinned_action_cannot_reach_minimum": lambda p, n: _(
        "{action} is pinned, so it must be funded, but it needs at least {needed} of {resource} and its partners "
        "have only {available}."
    ).format(
        action=n.action(p.get("action")),
        resource=n.resource(p.get("resource")),
        needed=n.amount(p.get("resource"), p.get("needed")),
        available=n.amount(p.get("resource"), p.get("available")),
    ),
    "pinned_actions_exceed_capacity": lambda p, n: _(
        "The pinned actions {actions} need at least {needed} of {resource} together, but the partners they can "
        "draw on ({partners}) have only {available}."
    ).format(
        actions=n.action_list(p.get("actions")),
        resource=n.resource(p.get("resource")),
        needed=n.amount(p.get("resource"), p.get("needed")),
        available=n.amount(p.get("resource"), p.get("available")),
        partners=n.partner_list(p.get("partners")),
    ),
    "pinned_actions_conflict": lambda p, n: _("The pinned actions {actions} cannot all be funded together.").format(
        actions=n.action_list(p.get("actions"))
    ),
    "pins_conflict": lambda p, n: _("The pinned assignments cannot all hold together."),
}


def reason_sentence(reason: Mapping[str, Any], names: Names) -> str:
    """A reason ``{"code": ..., "params": {...}}`` as a sentence; an unknown code is shown as it is."""
    code = str(reason.get("code", ""))
    params = reason.get("params") or {}
    sentence = SENTENCES.get(code)
    if sentence is None:
        return _("Reason {code}.").format(code=code)
    try:
        return sentence(params, names)
    except (KeyError, TypeError, ValueError):
        return _("Reason {code}.").format(code=code)


@register.simple_tag
def reason_text(reason: Mapping[str, Any], names: Names) -> str:
    return reason_sentence(reason, names)
