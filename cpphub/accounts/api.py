"""The accounts part of the REST API: the caller, people and memberships.

``/me/`` is for everyone signed in; ``/users/`` and ``/memberships/`` are for
coordinators (others get 403). Writes go through the services, which audit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, permissions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from cpphub.accounts import permissions as account_permissions
from cpphub.accounts import selectors, services
from cpphub.accounts.emails import SiteLink
from cpphub.accounts.filters import MembershipFilter, UserFilter
from cpphub.accounts.models import Membership, User
from cpphub.accounts.serializers import MembershipSerializer, MeSerializer, UserSerializer


@contextmanager
def service_errors() -> Iterator[None]:
    """A service's ValidationError as a 400 with field errors, all writes undone."""
    try:
        with transaction.atomic():
            yield
    except DjangoValidationError as exc:
        raise serializers.ValidationError(serializers.as_serializer_error(exc)) from exc


class ManagesPartnership(permissions.BasePermission):
    """Coordinators (and superusers) manage people and access."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return account_permissions.can_manage_partnership(request.user)


class MeView(generics.GenericAPIView[User]):
    serializer_class = MeSerializer
    pagination_class = None
    filter_backends: list[Any] = []

    @extend_schema(summary="The caller, their memberships and roles")
    def get(self, request: Request) -> Response:
        return Response(self.get_serializer(request.user).data)


class UserViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[User],
):
    """People of the partnership. Creating one emails them a link to choose a password.

    A new person is always active; deactivate one by updating ``is_active`` to false.
    """

    serializer_class = UserSerializer
    permission_classes = [permissions.IsAuthenticated, ManagesPartnership]
    filterset_class = UserFilter
    search_fields = ["email", "full_name"]
    ordering_fields = ["email", "full_name", "date_joined", "last_login"]

    def get_queryset(self) -> QuerySet[User]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no viewer
            return User.objects.none()
        return selectors.user_list(viewer=self.request.user)

    def get_object(self) -> User:
        write = self.request.method not in permissions.SAFE_METHODS
        user = selectors.access_user(self.request.user, self.kwargs["pk"], write=write)
        self.check_object_permissions(self.request, user)
        return user

    def perform_create(self, serializer: BaseSerializer[User]) -> None:
        with service_errors():
            data = dict(serializer.validated_data)
            data.pop("is_active", None)
            user = services.user_create(**data, acting_user=self.request.user, site=SiteLink.from_request(self.request))
            serializer.instance = selectors.access_user(self.request.user, user.pk)

    def perform_update(self, serializer: BaseSerializer[User]) -> None:
        with service_errors():
            user = serializer.instance
            assert user is not None
            data = dict(serializer.validated_data)
            is_active = data.pop("is_active", None)
            services.user_update(user=user, acting_user=self.request.user, **data)
            if is_active is not None:
                services.user_set_active(user=user, is_active=is_active, acting_user=self.request.user)
            serializer.instance = selectors.access_user(self.request.user, user.pk)


class MembershipViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Membership],
):
    """Who holds which role in which organisation, within which scope.

    A new membership is always active; end one by updating ``is_active`` to false.
    """

    serializer_class = MembershipSerializer
    permission_classes = [permissions.IsAuthenticated, ManagesPartnership]
    filterset_class = MembershipFilter
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    ordering_fields = ["created_at", "role", "user__email"]

    def get_queryset(self) -> QuerySet[Membership]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no viewer
            return Membership.objects.none()
        return selectors.membership_list(viewer=self.request.user)

    def get_object(self) -> Membership:
        write = self.request.method not in permissions.SAFE_METHODS
        membership = selectors.access_membership(self.request.user, self.kwargs["pk"], write=write)
        self.check_object_permissions(self.request, membership)
        return membership

    def perform_create(self, serializer: BaseSerializer[Membership]) -> None:
        with service_errors():
            data = dict(serializer.validated_data)
            data.pop("is_active", None)
            user = selectors.access_user(self.request.user, data.pop("user").pk, write=True)
            serializer.instance = services.membership_create(user=user, **data, acting_user=self.request.user)

    def perform_update(self, serializer: BaseSerializer[Membership]) -> None:
        with service_errors():
            membership = serializer.instance
            assert membership is not None
            data = dict(serializer.validated_data)
            data.pop("user", None)
            is_active = data.pop("is_active", None)
            services.membership_update(membership=membership, acting_user=self.request.user, **data)
            if is_active is not None:
                services.membership_set_active(
                    membership=membership, is_active=is_active, acting_user=self.request.user
                )
