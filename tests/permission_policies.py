"""The policies of the permission table: who is allowed. Everyone else is denied."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from conftest import World

ROLES = [
    "coordinator",
    "steering_member",
    "facilitator",
    "other_facilitator",
    "national_focal_point",
    "caseworker",
    "receiving_caseworker",
    "other_caseworker",
    "hotline_analyst",
    "dpo",
]
VISITORS = ["anonymous", "outsider", "superuser", *ROLES]

# Policies: who is allowed. Everyone else is denied.
PUBLIC = "public"  # anyone, signed in or not
SIGNED_IN = "signed_in"  # anyone signed in, members or not
MEMBER = "member"  # any partnership member (an active membership) and superusers
MANAGER = "manager"  # coordinators and superusers
AUDIT = "audit"  # data protection officers and superusers
SUPERUSER = "superuser"  # the Django admin
# Row-level research data of Chiang Rai (the kwargs factories build Chiang Rai records):
# only the facilitators of that location, not even superusers or coordinators.
FACILITATOR_HERE = "facilitator_here"
# Pages and lists of the Map stage each facilitator uses for their own locations.
FACILITATOR_ANY = "facilitator_any"
# Importing an instrument: to a location one facilitates, or as a partnership template (coordinators).
FACILITATOR_OR_MANAGER = "facilitator_or_manager"
# A location's planning weights: its facilitators and coordinators.
FACILITATOR_HERE_OR_MANAGER = "facilitator_here_or_manager"
# Top-down records of Thailand (the kwargs factories build Thai records): Thailand's focal points and
# coordinators; also the MNR details of Thailand, which no one else reads.
FOCAL_POINT_HERE_OR_MANAGER = "focal_point_here_or_manager"
# A coordinated action in Chiang Rai, Thailand: those who take part (the location's facilitators,
# the country's focal points) and coordinators.
PARTICIPANT_OR_MANAGER = "participant_or_manager"
# Connect. The kwargs factories build a Plan Thailand case referred to a FACE service.
# Cases and referrals are for caseworkers only (not coordinators, not superusers):
CASEWORKERS = "caseworkers"  # any caseworker: their own lists, registering a case
CASE_OWNER = "case_owner"  # the caseworker of the registering organisation (Plan Thailand)
REFERRAL_PARTIES = "referral_parties"  # the sending (Plan Thailand) and receiving (FACE) caseworkers
REFERRAL_RECEIVER = "referral_receiver"  # the receiving caseworker (FACE): accept, decline, start, complete
# The directory: coordinators keep it (the kwargs factories build providers that are not partners).
# Coordinators, with their second factor, also see the register of referrals without any child's data.

ALLOWED: dict[str, set[str]] = {
    PUBLIC: set(VISITORS),
    SIGNED_IN: set(VISITORS) - {"anonymous"},
    MEMBER: {"superuser", *ROLES},
    MANAGER: {"superuser", "coordinator"},
    AUDIT: {"superuser", "dpo"},
    SUPERUSER: {"superuser"},
    FACILITATOR_HERE: {"facilitator"},
    FACILITATOR_ANY: {"facilitator", "other_facilitator"},
    FACILITATOR_OR_MANAGER: {"facilitator", "other_facilitator", "coordinator", "superuser"},
    FACILITATOR_HERE_OR_MANAGER: {"facilitator", "coordinator", "superuser"},
    FOCAL_POINT_HERE_OR_MANAGER: {"national_focal_point", "coordinator", "superuser"},
    PARTICIPANT_OR_MANAGER: {"facilitator", "national_focal_point", "coordinator", "superuser"},
    CASEWORKERS: {"caseworker", "receiving_caseworker", "other_caseworker"},
    CASE_OWNER: {"caseworker"},
    REFERRAL_PARTIES: {"caseworker", "receiving_caseworker"},
    REFERRAL_RECEIVER: {"receiving_caseworker"},
}


@dataclass(frozen=True)
class Row:
    policy: str
    methods: tuple[str, ...] = ("GET",)
    kwargs: Callable[[World], dict[str, Any]] = lambda w: {}
    # Statuses that also count as "allowed" for this row (e.g. 404 of a view
    # that needs state the test does not build).
    also_allowed: frozenset[int] = field(default_factory=frozenset)
    # Signing out sends everyone to the sign-in page: that is its success.
    ends_on_sign_in: bool = False
    # Who may use the row's write methods, when not the same people who may read.
    write_policy: str | None = None
