"""Reading the demo sign-ins back, for the console and the README's promise."""

from __future__ import annotations

from dataclasses import dataclass

from cpphub.accounts.models import Membership

_ROLE_ORDER = {role: index for index, role in enumerate(Membership.Role.values)}


@dataclass(frozen=True)
class DemoSignIn:
    email: str
    full_name: str
    role: str
    scope: str
    two_factor: bool


def _scope_text(membership: Membership) -> str:
    if membership.scope == Membership.Scope.PARTNERSHIP:
        return str(membership.get_scope_display())
    return f"{membership.get_scope_display()}: {membership.scope_label}"


def demo_sign_ins() -> list[DemoSignIn]:
    """One row per active membership of an active demo user, coordinators first."""
    memberships = Membership.objects.filter(is_active=True, user__is_demo=True, user__is_active=True).select_related(
        "user", "organisation", "country", "location"
    )
    rows = sorted(memberships, key=lambda m: (_ROLE_ORDER.get(m.role, len(_ROLE_ORDER)), m.user.email))
    return [
        DemoSignIn(
            email=m.user.email,
            full_name=m.user.full_name,
            role=str(m.get_role_display()),
            scope=_scope_text(m),
            two_factor=m.requires_two_factor,
        )
        for m in rows
    ]
