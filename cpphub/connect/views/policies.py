"""Pages of the per-country referral policies: response deadlines by risk level and retention of closed cases.

Coordinators with their second factor (``access.can_manage_referrals``) read
and change them; anyone else is refused. A country without a policy of its own
shows the defaults (24 hours, 72 hours, 7 days; two years, then anonymised).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cpphub.connect.forms.policies import PolicyForm
from cpphub.connect.selectors import policies as selectors
from cpphub.connect.services import policies as services
from cpphub.lib.forms import saved


@require_GET
@login_required
def policy_list(request: HttpRequest) -> HttpResponse:
    return render(request, "connect/policy_list.html", {"policies": selectors.policy_rows(request.user)})


@require_http_methods(["GET", "POST"])
@login_required
def policy_edit(request: HttpRequest, country_pk: int) -> HttpResponse:
    policy = selectors.access_policy(request.user, country_pk)
    country = policy.country
    form = PolicyForm(request.POST or None, instance=policy)
    if request.method == "POST":

        def write(data: dict[str, Any]) -> Any:
            return services.policy_set(country=country, data=data, acting_user=request.user)

        if saved(form, write) is not None:
            messages.success(request, _("The referral policy of {country} was saved.").format(country=country))
            return redirect("connect:policy_list")
    return render(request, "connect/policy_form.html", {"form": form, "policy": policy, "country": country})
