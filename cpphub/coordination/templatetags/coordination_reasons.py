"""Reasons as sentences, in one place, and the template helpers of the synergy and coordinated-action pages.

A reason is ``{"code": ..., "params": {...}}`` (``selectors/matching.py``
and ``selectors/synergies.py`` make them); :func:`reason_sentence` words it as a translated sentence with
its parameters, for the pages (``{{ synergy.reasons|why }}``) and the API
(the ``why`` field) alike. ``local_url``, ``national_url``, ``effort_url`` and
``priority_url`` give the page of an item (empty when that page does not
exist).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cpphub.lib.choices import choice_labels
from cpphub.mapping.models import IctTag, RiskDimension
from cpphub.national.mnr import BY_NUMBER
from cpphub.planning.models import Outcome, TargetGroup

register = template.Library()

# Sentences ---------------------------------------------------------------------------------------


def _labels(codes: Iterable[Any], choices: Any) -> str:
    return ", ".join(choice_labels(codes, choices))


def _capability(number: Any) -> str:
    capability = BY_NUMBER.get(int(number)) if str(number).isdigit() else None
    if capability is None:
        return str(number)
    return _("{number}. {name}").format(number=capability.number, name=capability.name)


def _via(tokens_: Iterable[str]) -> str:
    """What led to a capability: codes ("harm:grooming") as their labels, words quoted."""
    tables = {
        "harm": IctTag.choices,
        "risk": RiskDimension.choices,
        "group": TargetGroup.choices,
        "outcome": Outcome.choices,
    }
    parts: list[str] = []
    for token in tokens_:
        prefix, _sep, code = str(token).partition(":")
        if prefix == "word":
            parts.append(f"“{code}”")
        else:
            parts.append(str(dict(tables.get(prefix, [])).get(code, code)))
    return ", ".join(parts)


def reason_sentence(reason: Mapping[str, Any]) -> str:
    """One reason (``{"code", "params"}``) as a translated sentence."""
    code = reason.get("code", "")
    p = reason.get("params") or {}
    if code == "shared_risks":
        risks, harms = p.get("risks") or [], p.get("harms") or []
        if risks and harms:
            return _("Both address {risks} risks and the online harms {harms}.").format(
                risks=_labels(risks, RiskDimension.choices), harms=_labels(harms, IctTag.choices)
            )
        if harms:
            return _("Both address the online harms {harms}.").format(harms=_labels(harms, IctTag.choices))
        return _("Both address {risks} risks.").format(risks=_labels(risks, RiskDimension.choices))
    if code == "local_risks":
        labels = [_labels(p.get("risks") or [], RiskDimension.choices), _labels(p.get("harms") or [], IctTag.choices)]
        return _("It addresses {risks}.").format(risks="; ".join(label for label in labels if label))
    if code == "matching_capability":
        if p.get("via"):
            sentence = _("Both concern MNR capability {capability} (through {via}).").format(
                capability=_capability(p.get("capability")), via=_via(p["via"])
            )
        else:
            sentence = _("Both concern MNR capability {capability}.").format(
                capability=_capability(p.get("capability"))
            )
        if p.get("gap"):
            sentence = " ".join((sentence, _("The capability is still a gap nationally.")))
        return sentence
    if code == "same_target_group":
        return _("Both reach {groups}.").format(groups=_labels(p.get("groups") or [], TargetGroup.choices))
    if code == "same_outcome":
        return _("Both serve the {outcome} outcome.").format(outcome=_labels([p.get("outcome")], Outcome.choices))
    if code == "complementary_resources":
        what = p.get("what") or "—"
        if p.get("offer") == "budget":
            return _("The local side needs a budget and the national side has a budget line: {what}.").format(what=what)
        if p.get("offer") == "capability":
            if p.get("what"):
                return _("The capability is established nationally; partners holding it: {what}.").format(what=what)
            return _("The capability is established nationally.")
        return _("The national side offers the expertise the local side needs: {what}.").format(what=what)
    if code == "high_local_rank":
        return _("The location's planning workshop ranked it {rank}.").format(rank=p.get("rank"))
    if code == "different_partners":
        return _("Two different partners lead them: {partners}.").format(partners=" · ".join(p.get("partners") or []))
    if code == "same_place":
        return _("Both are in {place}.").format(place=p.get("place") or "—")
    if code == "similar_text":
        return _("Their titles and descriptions are {percent}% alike.").format(percent=p.get("percent"))
    if code == "no_national_match":
        return _(
            "No national priority, strength or commitment of {country} shares its risks, MNR capability or resources."
        ).format(country=p.get("country") or "—")
    if code == "no_accepted_synergy":
        return _("No synergy of it has been accepted.")
    if code == "no_coordinated_action":
        return _("No coordinated action joins it.")
    return _("Other reason: {code}.").format(code=code)


def reason_sentences(reasons: Iterable[Mapping[str, Any]] | None) -> list[str]:
    return [reason_sentence(reason) for reason in reasons or [] if isinstance(reason, Mapping)]


@register.filter
def why(reasons: Any) -> list[str]:
    """``{{ synergy.reasons|why }}``: the reasons as sentences."""
    return reason_sentences(reasons if isinstance(reasons, list) else [])


# Links -------------------------------------------------------------------------------------------

# The national pages list priorities, strengths and commitments (searched for the item); an MNR capability
# is shown on its assessment's page.
NATIONAL_LISTS = {
    "national_priority": "national:priority_list",
    "national_strength": "national:strength_list",
    "commitment": "national:commitment_list",
}
EFFORT_PAGES = {"local_action": "planning:action_detail", "coordinated_action": "coordination:action_detail"}


def _reverse(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _national_list(kind: str, item: Any) -> str:
    url = _reverse(NATIONAL_LISTS[kind])
    if not url:
        return ""
    return f"{url}?{urlencode({'country': item.country.code, 'search': item.title})}"


@register.simple_tag
def national_url(synergy: Any) -> str:
    """The national page of a synergy's top-down item."""
    if synergy.mnr_rating_id:
        return _reverse("national:mnr_detail", synergy.mnr_rating.assessment_id)
    kind = next(k for k in NATIONAL_LISTS if getattr(synergy, f"{k}_id", None))
    return _national_list(kind, synergy.national_item)


@register.simple_tag
def local_url(synergy: Any) -> str:
    """The page of a synergy's bottom-up item: the action, or the priority on its workshop's page."""
    if synergy.local_action_id:
        return _reverse("planning:action_detail", synergy.local_action_id)
    return priority_url(synergy.local_priority)


@register.simple_tag
def effort_url(effort: Any) -> str:
    """The page of a local action, a coordinated action or a national commitment (duplicated effort)."""
    if effort.kind == "commitment":
        return _national_list("commitment", effort.obj)
    name = EFFORT_PAGES.get(effort.kind)
    return _reverse(name, effort.obj.pk) if name else ""


@register.simple_tag
def priority_url(priority: Any) -> str:
    """A local priority on its workshop's page."""
    url = _reverse("planning:workshop_detail", priority.workshop_id)
    return f"{url}#priority-{priority.pk}" if url else ""
