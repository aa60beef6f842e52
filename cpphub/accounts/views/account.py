"""The signed-in person's own account: profile, API token, password, sign-out."""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from two_factor.utils import default_device

from cpphub.accounts import permissions, selectors, services, throttle
from cpphub.accounts.forms import PasswordResetForm, ProfileForm


@login_required
@never_cache
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={"full_name": user.full_name, "preferred_language": user.preferred_language},  # type: ignore[union-attr]
    )
    if request.method == "POST" and form.is_valid():
        services.user_update(user=user, acting_user=user, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, _("Your details are saved."))
        response = redirect("accounts:profile")
        if form.cleaned_data["preferred_language"]:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, form.cleaned_data["preferred_language"], samesite="Lax")
        return response
    context = {
        "form": form,
        "memberships": selectors.own_memberships(user),
        "has_two_factor": default_device(user) is not None,
        "two_factor_required": permissions.requires_two_factor(user),
        "token": selectors.own_token(user),
    }
    return render(request, "accounts/profile.html", context)


@login_required
@require_GET
@never_cache
def token(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/token.html", {"token": selectors.own_token(request.user)})


@login_required
@require_POST
@never_cache
def token_create(request: HttpRequest) -> HttpResponse:
    # The key is shown in this one response and never again: no redirect, no message storage.
    new = services.token_create(user=request.user, acting_user=request.user)  # type: ignore[arg-type]
    return render(request, "accounts/token.html", {"token": new, "new_key": new.key})


@login_required
@require_POST
def token_revoke(request: HttpRequest) -> HttpResponse:
    if services.token_revoke(user=request.user, acting_user=request.user):  # type: ignore[arg-type]
        messages.success(request, _("Your API token is revoked. Programs that used it can no longer sign in."))
    return redirect("accounts:token")


logout = auth_views.LogoutView.as_view()  # POST only, as in Django 5

password_change = auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("accounts:password_change_done"))
password_change_done = auth_views.PasswordChangeDoneView.as_view()


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, sending only a few emails an hour per client address and per email address."""

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:  # type: ignore[override]
        wait = throttle.admit_password_reset(self.request, form.cleaned_data["email"])
        if wait:
            # The same page for every address, with or without an account: it tells nobody who has one.
            context = {"minutes": math.ceil(wait / 60)}
            response = render(self.request, "registration/password_reset_throttled.html", context, status=429)
            response["Retry-After"] = str(wait)
            return response
        return super().form_valid(form)


password_reset = PasswordResetView.as_view(
    form_class=PasswordResetForm,
    email_template_name="registration/password_reset_email.txt",
    subject_template_name="registration/password_reset_subject.txt",
    extra_email_context={"site_name": gettext_lazy("CPP Hub")},
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view()
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    success_url=reverse_lazy("accounts:password_reset_complete")
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view()
