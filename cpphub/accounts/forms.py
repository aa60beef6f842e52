"""Forms of sign-in, the own account and people-and-access."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _
from two_factor.forms import AuthenticationTokenForm, BackupTokenForm

from cpphub.accounts import services
from cpphub.accounts.models import Membership, User
from cpphub.partnership.models import Country, Organisation, PilotLocation


def language_choices() -> list[tuple[str, Any]]:
    return [("", _("As my browser asks")), *settings.LANGUAGES]


class EmailAuthenticationForm(auth_forms.AuthenticationForm):
    """Django's sign-in form, asking for an email address."""

    username = auth_forms.UsernameField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username", "inputmode": "email"}),
    )
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _("The email address or the password is not right. Please try again."),
    }


class CodeOnFieldMixin(forms.Form):
    """A wrong code marks the code field itself (aria-invalid), not only the form."""

    def clean(self) -> dict[str, Any] | None:
        try:
            return super().clean()
        except ValidationError as exc:
            if "otp_token" not in self.fields or "otp_token" in self.errors:
                raise
            self.add_error("otp_token", exc)
            return self.cleaned_data


class SignInCodeForm(CodeOnFieldMixin, AuthenticationTokenForm):
    pass


class SignInBackupCodeForm(CodeOnFieldMixin, BackupTokenForm):
    pass


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Also reaches people who have not chosen a first password yet."""

    def get_users(self, email: str) -> Iterator[Any]:
        return iter(User.objects.filter(email__iexact=email.strip(), is_active=True))


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=language_choices, required=False)


class UserForm(ProfileForm):
    """A person as a coordinator creates or edits them."""

    email = forms.EmailField(label=_("Email address"), max_length=254)
    field_order = ["email", "full_name", "preferred_language"]

    def __init__(self, *args: Any, instance: User | None = None, **kwargs: Any) -> None:
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(instance, name) for name in services.USER_FIELDS}
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email = services.normalise_email(self.cleaned_data["email"])
        if services.email_taken(email, exclude=self.instance):
            raise ValidationError(_("A person with this email address already exists."))
        return email


class MembershipForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.filter(is_active=True))
    # No role is preselected: a hurried click must not make anyone a coordinator.
    role = forms.ChoiceField(label=_("Role"), choices=[("", "---------"), *Membership.Role.choices])
    scope = forms.ChoiceField(label=_("Scope"), choices=[("", "---------"), *Membership.Scope.choices])
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.filter(is_active=True),
        required=False,
        help_text=_("Only for a country scope."),
    )
    location = forms.ModelChoiceField(
        label=_("Pilot location"),
        queryset=PilotLocation.objects.filter(is_active=True).select_related("country"),
        required=False,
        help_text=_("Only for a pilot-location scope."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        candidate = Membership(user=self.user, **{name: cleaned.get(name) for name in services.MEMBERSHIP_FIELDS})
        try:
            candidate.full_clean(exclude=set(self.errors))
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                self.add_error(None if field == NON_FIELD_ERRORS else field, messages)
        return cleaned
