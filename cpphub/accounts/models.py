"""Users sign in by email; memberships say what each may do and where."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        # Sign-in ignores the case of the email address: Ana@Example.org is ana@example.org.
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person who signs in. The email address is the sign-in name."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=10, blank=True)
    is_demo = models.BooleanField(_("demo account"), default=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[misc,assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def clean(self) -> None:
        super().clean()
        self.email = (self.email or "").strip().lower()


DUPLICATE_MEMBERSHIP = _("This person already has this membership. If it has ended, restore it instead.")


class Membership(models.Model):
    """Ties a user to an organisation with a role, within a scope."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        STEERING_MEMBER = "steering_member", _("Steering member")
        FACILITATOR = "facilitator", _("Facilitator")
        NATIONAL_FOCAL_POINT = "national_focal_point", _("National focal point")
        CASEWORKER = "caseworker", _("Caseworker")
        HOTLINE_ANALYST = "hotline_analyst", _("Hotline analyst")
        DATA_PROTECTION_OFFICER = "data_protection_officer", _("Data protection officer")

    class Scope(models.TextChoices):
        PARTNERSHIP = "partnership", _("Whole partnership")
        COUNTRY = "country", _("Country")
        LOCATION = "location", _("Pilot location")
        ORGANISATION = "organisation", _("Organisation")

    # Roles whose holders must sign in with a second factor.
    TWO_FACTOR_ROLES = frozenset(
        {Role.COORDINATOR, Role.CASEWORKER, Role.HOTLINE_ANALYST, Role.DATA_PROTECTION_OFFICER}
    )

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    organisation = models.ForeignKey(
        "partnership.Organisation",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices)
    country = models.ForeignKey(
        "partnership.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("country"),
    )
    location = models.ForeignKey(
        "partnership.PilotLocation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("pilot location"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user__email", "role"]
        # One constraint per kind of scope: a unique constraint over a column
        # that is NULL never fires (NULL is distinct from NULL in SQL).
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role", "scope"],
                condition=models.Q(country__isnull=True, location__isnull=True),
                name="membership_unique_unplaced",
                violation_error_message=_(
                    "This person already has this membership. If it has ended, restore it instead."
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "organisation", "role", "country"],
                condition=models.Q(scope="country"),
                name="membership_unique_country",
                violation_error_message=_(
                    "This person already has this membership. If it has ended, restore it instead."
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "organisation", "role", "location"],
                condition=models.Q(scope="location"),
                name="membership_unique_location",
                violation_error_message=_(
                    "This person already has this membership. If it has ended, restore it instead."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.scope_label}"

    @property
    def scope_label(self) -> str:
        if self.scope == self.Scope.COUNTRY and self.country:
            return str(self.country)
        if self.scope == self.Scope.LOCATION and self.location:
            return str(self.location)
        if self.scope == self.Scope.ORGANISATION:
            return str(self.organisation)
        return str(self.get_scope_display())

    @property
    def requires_two_factor(self) -> bool:
        return self.role in self.TWO_FACTOR_ROLES

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.scope == self.Scope.COUNTRY and not self.country_id:
            errors["country"] = str(_("A country scope needs a country."))
        if self.scope == self.Scope.LOCATION and not self.location_id:
            errors["location"] = str(_("A pilot-location scope needs a pilot location."))
        if self.scope != self.Scope.COUNTRY and self.country_id:
            errors["country"] = str(_("Only a country scope takes a country."))
        if self.scope != self.Scope.LOCATION and self.location_id:
            errors["location"] = str(_("Only a pilot-location scope takes a pilot location."))
        if errors:
            raise ValidationError(errors)
