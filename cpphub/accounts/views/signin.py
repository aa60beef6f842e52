"""django-two-factor-auth's sign-in and enrolment views, fitted to CPP Hub.

The class names stay those of the library: the wizard names its form prefix
after the class (``login_view-current_step``), and scripts and tests post it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from two_factor import views as two_factor_views
from two_factor.forms import AuthenticationTokenForm
from two_factor.utils import get_otpauth_url, totp_digits

from cpphub.accounts import permissions, services
from cpphub.accounts.forms import EmailAuthenticationForm, SignInBackupCodeForm, SignInCodeForm


def issuer() -> str:
    """The name authenticator apps show next to the code (not the host name)."""
    return str(getattr(settings, "OTP_TOTP_ISSUER", "CPP Hub"))


def _relabel_code_field(form: BaseForm, label: str) -> None:
    for name in ("otp_token", "token"):
        if name in form.fields:
            form.fields[name].label = label
            form.fields[name].widget.attrs.setdefault("inputmode", "numeric")


class LoginView(two_factor_views.LoginView):
    form_list = (
        (two_factor_views.LoginView.AUTH_STEP, EmailAuthenticationForm),
        (two_factor_views.LoginView.TOKEN_STEP, SignInCodeForm),
        (two_factor_views.LoginView.BACKUP_STEP, SignInBackupCodeForm),
    )

    def get_form_list(self) -> dict[str, type[BaseForm]]:
        # The library picks the token form from the device's method on every request;
        # its authenticator-app form is swapped for one that marks the field on a wrong code.
        form_list = super().get_form_list()
        if form_list.get(self.TOKEN_STEP) is AuthenticationTokenForm:
            form_list[self.TOKEN_STEP] = SignInCodeForm
        return form_list

    def get_form(self, step: str | None = None, **kwargs: Any) -> BaseForm:
        form = super().get_form(step=step, **kwargs)
        current = step or self.steps.current
        if current == self.TOKEN_STEP:
            _relabel_code_field(form, _("Code from your authenticator app"))
        elif current == self.BACKUP_STEP:
            _relabel_code_field(form, _("Backup code"))
            form.fields["otp_token"].widget.attrs["inputmode"] = "text"
        return form


class SetupView(two_factor_views.SetupView):
    def get_form(self, step: str | None = None, **kwargs: Any) -> BaseForm:
        form = super().get_form(step=step, **kwargs)
        _relabel_code_field(form, _("Code from your authenticator app"))
        return form

    def get_context_data(self, form: BaseForm, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(form, **kwargs)
        if self.steps.current == "generator":
            context["issuer"] = issuer()
            context["otpauth_url"] = get_otpauth_url(
                self.request.user.get_username(), context["secret_key"], issuer(), totp_digits()
            )
            # The secret in groups of four, as authenticator apps ask for it when typed in.
            secret = context["secret_key"]
            context["secret_groups"] = [secret[i : i + 4] for i in range(0, len(secret), 4)]
        context["two_factor_required"] = permissions.requires_two_factor(self.request.user)
        return context


class QRGeneratorView(two_factor_views.QRGeneratorView):
    """The QR code as an SVG image from this site (the CSP allows img-src 'self')."""

    def get_issuer(self) -> str:
        return issuer()


class ProfileView(two_factor_views.ProfileView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["two_factor_required"] = permissions.requires_two_factor(self.request.user)
        return context


class DisableView(two_factor_views.DisableView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["two_factor_required"] = permissions.requires_two_factor(self.request.user)
        return context

    def form_valid(self, form: BaseForm) -> HttpResponse:
        services.two_factor_disable(user=self.request.user, acting_user=self.request.user)  # type: ignore[arg-type]
        messages.success(self.request, _("Two-factor sign-in is off for your account."))
        return redirect("two_factor:profile")


SetupCompleteView = two_factor_views.SetupCompleteView
BackupTokensView = two_factor_views.BackupTokensView
