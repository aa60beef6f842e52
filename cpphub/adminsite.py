"""The Django admin is for superusers only, behind the same two-factor sign-in."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.admin import AdminSite
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse


def restrict_admin_to_superusers(site: AdminSite) -> None:
    def has_permission(request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser and user.is_verified())  # type: ignore[union-attr,attr-defined]

    def login(request: HttpRequest, extra_context: dict[str, object] | None = None) -> HttpResponse:
        # Never the admin's own password form: it would skip the second factor.
        query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
        return HttpResponseRedirect(f"{reverse('two_factor:login')}?{query}")

    site.has_permission = has_permission  # type: ignore[method-assign]
    site.login = login  # type: ignore[method-assign]
