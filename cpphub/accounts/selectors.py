"""Reads of people and memberships, always on behalf of a viewer.

People and access are managed by coordinators (and superusers); everyone else
sees only their own account, through :func:`own_memberships`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from cpphub.accounts import permissions
from cpphub.accounts.filters import MembershipFilter, UserFilter
from cpphub.accounts.models import Membership, User


def require_people_manager(viewer: Any) -> None:
    """Raise PermissionDenied unless ``viewer`` may manage people and access."""
    if not permissions.can_manage_partnership(viewer):
        raise PermissionDenied


def _with_security(users: QuerySet[User]) -> QuerySet[User]:
    """Whether each person has enrolled a second factor and holds an API token."""
    return users.annotate(
        has_two_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        has_token=Exists(Token.objects.filter(user=OuterRef("pk"))),
    )


def _memberships() -> QuerySet[Membership]:
    return Membership.objects.select_related("organisation", "country", "location").order_by("-is_active", "role")


def user_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[User]:
    """The people a coordinator sees, with their active memberships, narrowed by ``filters``."""
    require_people_manager(viewer)
    users = _with_security(User.objects.all()).prefetch_related(
        Prefetch("memberships", queryset=_memberships().filter(is_active=True), to_attr="active_memberships")
    )
    users = users.order_by("email")
    if filters:
        users = UserFilter(filters, queryset=users).qs
    return users


def user_filter(*, viewer: Any, filters: Mapping[str, Any]) -> UserFilter:
    """The bound filter of the people list (its form is shown above the table)."""
    return UserFilter(filters, queryset=user_list(viewer=viewer))


def access_user(viewer: Any, pk: Any, write: bool = False) -> User:
    """The person ``pk`` with all their memberships, or PermissionDenied / Http404.

    Only a superuser may change a superuser.
    """
    require_people_manager(viewer)
    try:
        user = (
            _with_security(User.objects.all())
            .prefetch_related(
                Prefetch("memberships", queryset=_memberships(), to_attr="all_memberships"),
                Prefetch("memberships", queryset=_memberships().filter(is_active=True), to_attr="active_memberships"),
            )
            .get(pk=pk)
        )
    except (User.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if write and user.is_superuser and not getattr(viewer, "is_superuser", False):
        raise PermissionDenied
    return user


def membership_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Membership]:
    require_people_manager(viewer)
    memberships = _memberships().select_related("user").order_by("user__email", "role", "pk")
    if filters:
        memberships = MembershipFilter(filters, queryset=memberships).qs
    return memberships


def access_membership(viewer: Any, pk: Any, write: bool = False) -> Membership:
    require_people_manager(viewer)
    try:
        membership = _memberships().select_related("user").get(pk=pk)
    except (Membership.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if write and membership.user.is_superuser and not getattr(viewer, "is_superuser", False):
        raise PermissionDenied
    return membership


def own_memberships(viewer: Any) -> list[Membership]:
    """The viewer's own memberships, ended ones last."""
    if not getattr(viewer, "is_authenticated", False):
        return []
    return list(_memberships().filter(user=viewer))


def own_token(viewer: Any) -> Token | None:
    """The viewer's API token (its key is never shown again after creation)."""
    if not getattr(viewer, "is_authenticated", False):
        return None
    return Token.objects.filter(user=viewer).first()
