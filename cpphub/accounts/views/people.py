"""People and access: coordinators add people, edit them and give or end memberships."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cpphub.accounts import selectors, services, tables
from cpphub.accounts.emails import SiteLink
from cpphub.accounts.forms import MembershipForm, UserForm
from cpphub.accounts.models import User
from cpphub.audit import services as audit_services
from cpphub.lib import tabular

PAGE_SIZE = 25


def _truthy(value: str | None) -> bool:
    return value in {"true", "1", "on", "yes"}


@login_required
@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    filterset = selectors.user_filter(viewer=request.user, filters=request.GET)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"filter": filterset, "page_obj": page})


@login_required
@require_GET
def user_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in tabular.FORMATS:
        raise Http404
    users = selectors.user_list(viewer=request.user, filters=request.GET)
    rows = tables.people_rows(users)
    audit_services.export_record(acting_user=request.user, model=User, fmt=fmt, rows=len(rows), filters=request.GET)
    return tabular.export_response(
        filename="people", headers=tables.people_headers(), rows=rows, fmt=fmt, sheet_title=_("People")
    )


@login_required
@require_GET
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.access_user(request.user, pk)
    return render(request, "accounts/user_detail.html", {"person": person})


@login_required
def user_create(request: HttpRequest) -> HttpResponse:
    selectors.require_people_manager(request.user)
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.user_create(
                **form.cleaned_data, acting_user=request.user, site=SiteLink.from_request(request)
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("{email} is added and will get an email to choose a password.").format(email=person.email)
            )
            return redirect("accounts:user_detail", pk=person.pk)
    return render(request, "accounts/user_form.html", {"form": form})


@login_required
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.access_user(request.user, pk, write=True)
    form = UserForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(user=person, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("accounts:user_detail", pk=person.pk)
    return render(request, "accounts/user_form.html", {"form": form, "person": person})


@login_required
@require_POST
def user_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.access_user(request.user, pk, write=True)
    try:
        services.user_set_active(user=person, is_active=_truthy(request.POST.get("active")), acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("accounts:user_detail", pk=person.pk)


@login_required
def membership_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.access_user(request.user, pk, write=True)
    form = MembershipForm(request.POST or None, user=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_create(user=person, **form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The membership is added."))
            return redirect("accounts:user_detail", pk=person.pk)
    return render(request, "accounts/membership_form.html", {"form": form, "person": person})


@login_required
@require_POST
def membership_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    membership = selectors.access_membership(request.user, pk, write=True)
    try:
        services.membership_set_active(
            membership=membership, is_active=_truthy(request.POST.get("active")), acting_user=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("accounts:user_detail", pk=membership.user_id)
