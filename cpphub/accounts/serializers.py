"""API representations of people and memberships.

Validation gives field errors (400) in the same words as the pages: the model's
``clean()`` and constraints are run on the candidate membership, and their
errors are reported against the fields they name.
"""

from __future__ import annotations

import copy
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from cpphub.accounts import permissions, services
from cpphub.accounts.models import Membership, User


def _field_errors(exc: DjangoValidationError) -> dict[str, Any]:
    return {
        (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
        for field, messages in exc.message_dict.items()
    }


class MembershipSummarySerializer(serializers.ModelSerializer[Membership]):
    """A membership as part of a person: what they hold, in which organisation, where."""

    organisation_name = serializers.CharField(source="organisation.__str__", read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    scope_label = serializers.CharField(read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "role",
            "role_label",
            "scope",
            "scope_label",
            "country",
            "location",
            "is_active",
        ]
        read_only_fields = fields


class MembershipSerializer(serializers.ModelSerializer[Membership]):
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    scope_label = serializers.CharField(read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "user",
            "organisation",
            "role",
            "role_label",
            "scope",
            "scope_label",
            "country",
            "location",
            "is_active",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]
        # Uniqueness is checked with the model's own constraints in validate().
        validators: list[Any] = []

    def validate_user(self, value: User) -> User:
        if self.instance is not None and value.pk != self.instance.user_id:
            raise serializers.ValidationError(_("A membership cannot move to another person."))
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        candidate = copy.copy(self.instance) if self.instance is not None else Membership()
        for name in ("user", *services.MEMBERSHIP_FIELDS):
            if name in attrs:
                setattr(candidate, name, attrs[name])
        try:
            candidate.full_clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(_field_errors(exc)) from exc
        return attrs


class UserSerializer(serializers.ModelSerializer[User]):
    email = serializers.EmailField(max_length=254)
    preferred_language = serializers.ChoiceField(
        choices=[("", _("As the browser asks")), *settings.LANGUAGES], required=False, allow_blank=True
    )
    has_two_factor = serializers.BooleanField(read_only=True, default=False)
    memberships = MembershipSummarySerializer(source="active_memberships", many=True, read_only=True)

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "full_name",
            "preferred_language",
            "is_active",
            "has_two_factor",
            "last_login",
            "date_joined",
            "memberships",
        ]
        read_only_fields = ["id", "last_login", "date_joined"]
        # As on the page: a person is created with a name, never without one.
        extra_kwargs = {"full_name": {"required": True, "allow_blank": False}}

    def validate_email(self, value: str) -> str:
        email = services.normalise_email(value)
        if services.email_taken(email, exclude=self.instance):
            raise serializers.ValidationError(_("A person with this email address already exists."))
        return email


class MeSerializer(serializers.ModelSerializer[User]):
    """The caller: who they are, what they hold, what that lets them do."""

    roles = serializers.SerializerMethodField()
    requires_two_factor = serializers.SerializerMethodField()
    can_manage_partnership = serializers.SerializerMethodField()
    memberships = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "full_name",
            "preferred_language",
            "roles",
            "requires_two_factor",
            "can_manage_partnership",
            "memberships",
        ]
        read_only_fields = fields

    def get_roles(self, user: User) -> list[str]:
        return sorted(permissions.roles(user))

    def get_requires_two_factor(self, user: User) -> bool:
        return permissions.requires_two_factor(user)

    def get_can_manage_partnership(self, user: User) -> bool:
        return permissions.can_manage_partnership(user)

    @extend_schema_field(MembershipSummarySerializer(many=True))
    def get_memberships(self, user: User) -> list[dict[str, Any]]:
        return list(MembershipSummarySerializer(permissions.memberships(user), many=True).data)
