"""The navigation of the shell: the sections of the seed, each shown only once it has pages.

Sections follow the partnership's own words: Partnership · Bottom up · Top down ·
Coordination · Equip · Connect · Results. An app adds its pages here; a section
with no page the viewer may open is not shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cpphub.accounts import permissions
from cpphub.connect.selectors import access as connect_access
from cpphub.mapping.selectors import access as mapping_access


def facilitates_somewhere(user: Any) -> bool:
    """Row-level research pages (participants, imports): facilitators of at least one location."""
    return bool(mapping_access.facilitated_location_ids(user))


def _opens_or_manages_referrals(user: Any) -> bool:
    return connect_access.can_open_cases(user) or connect_access.can_manage_referrals(user)


@dataclass(frozen=True)
class NavItem:
    label: Promise | str
    url_name: str
    allowed: Callable[[Any], bool] = permissions.is_member


@dataclass(frozen=True)
class NavSection:
    key: str
    label: Promise | str
    items: list[NavItem] = field(default_factory=list)


SECTIONS: list[NavSection] = [
    NavSection(
        "partnership",
        _("Partnership"),
        [
            NavItem(_("Overview"), "shell:home"),
            NavItem(_("Organisations"), "partnership:organisation_list"),
            NavItem(_("Pilot locations"), "partnership:location_list"),
            NavItem(_("Countries"), "partnership:country_list"),
            NavItem(_("Phases"), "partnership:phase_list"),
            NavItem(_("Contacts"), "partnership:contact_list"),
            NavItem(_("People and access"), "accounts:user_list", permissions.can_manage_partnership),
        ],
    ),
    NavSection(
        "mapping",
        _("Mapping"),
        [
            NavItem(_("Risk and strength map"), "mapping:riskmap"),
            NavItem(_("Instruments"), "mapping:instrument_list"),
            NavItem(_("Mapping sessions"), "mapping:session_list"),
            NavItem(_("Findings"), "mapping:finding_list"),
            NavItem(_("Participants and consent"), "mapping:participant_list", facilitates_somewhere),
            NavItem(_("Imports"), "mapping:import_list", facilitates_somewhere),
            NavItem(_("Mapping settings"), "mapping:settings", permissions.can_manage_partnership),
        ],
    ),
    NavSection(
        "bottom_up",
        _("Bottom up"),
        [
            NavItem(_("Triple A board"), "planning:board"),
            NavItem(_("Engage"), "planning:engage_home"),
            NavItem(_("Stakeholders"), "planning:stakeholder_list"),
            NavItem(_("Power and interest grid"), "planning:stakeholder_grid"),
            NavItem(_("Engagement log"), "planning:engagement_list"),
            NavItem(_("Planning workshops"), "planning:workshop_list"),
            NavItem(_("Action plans"), "planning:plan_list"),
            NavItem(
                _("New location from a template"), "planning:location_new_from", permissions.can_manage_partnership
            ),
        ],
    ),
    NavSection(
        "top_down",
        _("Top down"),
        [
            NavItem(_("National partners"), "national:home"),
            NavItem(_("Roundtables and bilaterals"), "national:engagement_list"),
            NavItem(_("National priorities"), "national:priority_list"),
            NavItem(_("National strengths"), "national:strength_list"),
            NavItem(_("Commitments"), "national:commitment_list"),
            NavItem(_("MNR assessment"), "national:mnr_overview"),
        ],
    ),
    NavSection(
        "coordination",
        _("Coordination"),
        [
            NavItem(_("Synergies"), "coordination:synergy_list"),
            NavItem(_("Coordinated actions"), "coordination:action_list"),
            NavItem(_("Capacities and needs"), "coordination:resource_overview"),
            NavItem(_("Resource allocation"), "coordination:allocation_list"),
            NavItem(_("Who does what where (3W)"), "coordination:three_w"),
        ],
    ),
    NavSection("equip", _("Equip")),
    NavSection(
        "connect",
        _("Connect"),
        [
            NavItem(_("Service directory"), "connect:directory"),
            NavItem(_("Referral pathways"), "connect:pathway_list"),
            NavItem(_("Cases"), "connect:case_list", connect_access.can_open_cases),
            NavItem(_("Referrals"), "connect:referral_list", connect_access.can_open_cases),
            NavItem(_("Overdue referrals"), "connect:overdue_list", _opens_or_manages_referrals),
            NavItem(_("Referral numbers"), "connect:numbers", connect_access.can_read_numbers),
            NavItem(_("Service providers"), "connect:provider_list", connect_access.can_import_directory),
            NavItem(_("Referral deadlines and retention"), "connect:policy_list", connect_access.can_manage_referrals),
            NavItem(_("Who saw this record"), "connect:who_saw", connect_access.can_ask_who_saw),
        ],
    ),
    NavSection(
        "results",
        _("Results"),
        [NavItem(_("Audit and access log"), "audit:event_list", permissions.can_read_audit)],
    ),
]


def navigation_for(user: Any, current_path: str) -> list[dict[str, Any]]:
    """Sections with the items this user may open; empty sections are left out."""
    sections = []
    for section in SECTIONS:
        items = []
        for item in section.items:
            if not item.allowed(user):
                continue
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:  # an area whose pages are not there (yet): leave its item out
                continue
            current = current_path == url or (url != "/" and current_path.startswith(url))
            items.append({"label": item.label, "url": url, "current": current})
        if items:
            sections.append(
                {
                    "key": section.key,
                    "label": section.label,
                    "items": items,
                    "current": any(i["current"] for i in items),
                }
            )
    return sections
