"""Pages of the Engage stage: the stakeholder register and its power/interest grid, the engagement log.

Thin views: one access check (the selectors raise 403 when the viewer may not
read, or may not change the record's location), one service call, one
response. Lists, the grid and the follow-ups answer HTMX with just their region.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from cpphub.audit.services import export_record
from cpphub.lib.forms import saved
from cpphub.lib.listing import list_page
from cpphub.lib.tabular import FORMATS, export_response
from cpphub.planning.filters.engage import NOT_FILTERS, EngagementFilter, StakeholderFilter
from cpphub.planning.forms.engage import (
    ActiveForm,
    DoneForm,
    EngagementForm,
    FollowUpForm,
    MoveForm,
    StakeholderForm,
    my_locations,
)
from cpphub.planning.models import Engagement, Stakeholder
from cpphub.planning.selectors import engage as selectors
from cpphub.planning.selectors.access import facilitated_location_ids, facilitates
from cpphub.planning.services import engage as services
from cpphub.planning.tables.engage import EngagementTable, StakeholderTable

FOLLOW_UP_PREFIX = "followup"


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _filters(request: HttpRequest) -> dict[str, Any]:
    return {key: value for key, value in request.GET.items() if key not in NOT_FILTERS}


def _facilitator_only(request: HttpRequest) -> None:
    if not facilitated_location_ids(request.user):
        raise PermissionDenied


def _initial_location(request: HttpRequest) -> dict[str, Any]:
    """``?location=<slug>`` preselects a location the viewer facilitates."""
    slug = request.GET.get("location")
    location = my_locations(request.user).filter(slug=slug).first() if slug else None
    return {"location": location} if location else {}


@require_GET
@login_required
def engage_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "planning/engage_home.html",
        {
            "summaries": selectors.engage_summary(viewer=request.user),
            "facilitates_any": bool(facilitated_location_ids(request.user)),
        },
    )


# Stakeholders -----------------------------------------------------------------------------


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def stakeholder_list(request: HtmxHttpRequest) -> HttpResponse:
    records = selectors.stakeholder_list(viewer=request.user, filters=_filters(request))
    return list_page(
        request,
        table=StakeholderTable(records, region_id="stakeholder-list", caption=_("Stakeholders")),
        filter_form=StakeholderFilter(request.GET or None).form,
        template="planning/stakeholder_list.html",
        count_text=lambda n: ngettext("{count} stakeholder", "{count} stakeholders", n).format(count=n),
        export_url_name="planning:stakeholder_export",
        can_create=bool(facilitated_location_ids(request.user)),
    )


STAKEHOLDER_COLUMNS: list[tuple[Any, str, Callable[[Stakeholder], Any]]] = [
    (gettext_lazy("ID"), "#meta+id", lambda s: s.pk),
    (gettext_lazy("Country"), "#country+name", lambda s: s.location.country.name),
    (gettext_lazy("Location"), "#adm2+name", lambda s: s.location.name),
    (gettext_lazy("Stakeholder"), "#org+name", lambda s: s.name),
    (
        gettext_lazy("Partner organisation"),
        "#org+name+partner",
        lambda s: s.organisation.name if s.organisation else "",
    ),
    (gettext_lazy("Sector"), "#sector", lambda s: str(s.sector)),
    (gettext_lazy("What it can do for children"), "#description", lambda s: s.can_do),
    (gettext_lazy("Contact person"), "#contact+name", lambda s: s.contact_name),
    (gettext_lazy("Contact details"), "#contact", lambda s: s.contact_details),
    (gettext_lazy("Power"), "#indicator+power", lambda s: s.power),
    (gettext_lazy("Interest"), "#indicator+interest", lambda s: s.interest),
    (gettext_lazy("Quadrant"), "#indicator+quadrant", lambda s: str(s.quadrant.label)),
    (gettext_lazy("Active"), "#status", lambda s: s.is_active),
    (gettext_lazy("Notes"), "#description+notes", lambda s: s.notes),
]


def _export(
    request: HttpRequest, *, fmt: str, model: Any, records: list[Any], columns: Any, name: str, title: str
) -> HttpResponse:
    export_record(acting_user=request.user, model=model, fmt=fmt, rows=len(records), filters=_filters(request))
    return export_response(
        filename=name,
        headers=[str(header) for header, _hxl, _value in columns],
        hxl=[hxl for _header, hxl, _value in columns],
        rows=([value(record) for _header, _hxl, value in columns] for record in records),
        fmt=fmt,
        sheet_title=title,
    )


@require_GET
@login_required
def stakeholder_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise BadRequest("unknown format")
    records = list(selectors.stakeholder_list(viewer=request.user, filters=_filters(request)))
    return _export(
        request,
        fmt=fmt,
        model=Stakeholder,
        records=records,
        columns=STAKEHOLDER_COLUMNS,
        name="stakeholders",
        title=_("Stakeholders"),
    )


def _stakeholder_form_page(request: HttpRequest, form: Any, stakeholder: Any = None) -> HttpResponse:
    title = _("Edit {name}").format(name=stakeholder) if stakeholder else _("New stakeholder")
    return render(request, "planning/stakeholder_form.html", {"form": form, "stakeholder": stakeholder, "title": title})


@require_http_methods(["GET", "POST"])
@login_required
def stakeholder_create(request: HttpRequest) -> HttpResponse:
    _facilitator_only(request)
    form = StakeholderForm(request.POST or None, viewer=request.user, initial=_initial_location(request))
    if request.method == "POST":
        stakeholder = saved(form, lambda data: services.stakeholder_create(data=data, acting_user=request.user))
        if stakeholder is not None:
            messages.success(request, _("{name} was added.").format(name=stakeholder))
            return redirect("planning:stakeholder_detail", pk=stakeholder.pk)
    return _stakeholder_form_page(request, form)


@require_GET
@login_required
def stakeholder_detail(request: HttpRequest, pk: int) -> HttpResponse:
    stakeholder = selectors.access_stakeholder(request.user, pk)
    return render(
        request,
        "planning/stakeholder_detail.html",
        {
            "stakeholder": stakeholder,
            "can_write": facilitates(request.user, stakeholder.location_id),
            "engagements": selectors.stakeholder_engagements(stakeholder),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def stakeholder_edit(request: HttpRequest, pk: int) -> HttpResponse:
    stakeholder = selectors.access_stakeholder(request.user, pk, write=True)
    form = StakeholderForm(request.POST or None, instance=stakeholder, viewer=request.user)
    if request.method == "POST":
        updated = saved(
            form,
            lambda data: services.stakeholder_update(stakeholder=stakeholder, data=data, acting_user=request.user),
        )
        if updated is not None:
            messages.success(request, _("{name} was saved.").format(name=updated))
            return redirect("planning:stakeholder_detail", pk=updated.pk)
    return _stakeholder_form_page(request, form, stakeholder)


@require_POST
@login_required
def stakeholder_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    stakeholder = selectors.access_stakeholder(request.user, pk, write=True)
    form = ActiveForm(request.POST)
    if not form.is_valid():
        raise BadRequest("active must be true or false")
    active = form.cleaned_data["active"]
    try:
        stakeholder = services.stakeholder_set_active(stakeholder=stakeholder, active=active, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = _("{name} is active again.") if active else _("{name} was deactivated: it left the grid.")
        messages.success(request, text.format(name=stakeholder))
    return redirect("planning:stakeholder_detail", pk=stakeholder.pk)


def _grid_url(location: Any, pk: int | None = None) -> str:
    url = f"{reverse('planning:stakeholder_grid')}?{urlencode({'location': location.slug})}"
    return f"{url}#stakeholder-{pk}" if pk else url


@require_GET
@login_required
def stakeholder_grid(request: HttpRequest) -> HttpResponse:
    location = selectors.grid_location(request.user, request.GET.get("location"))
    return render(
        request,
        "planning/stakeholder_grid.html",
        {
            "grid": selectors.stakeholder_grid(viewer=request.user, location=location),
            "locations": selectors.grid_locations(request.user),
        },
    )


@require_POST
@login_required
def stakeholder_move(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A step up or down in power or interest (the chips' −/+ buttons), or new values; no dragging needed."""
    stakeholder = selectors.access_stakeholder(request.user, pk, write=True)
    form = MoveForm(request.POST)
    status_text = error = ""
    if not form.is_valid():
        error = _("Power and interest are moved one step (−1 or +1) or set to a score from 1 to 5.")
    else:
        try:
            stakeholder = services.stakeholder_move(
                stakeholder=stakeholder, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            status_text = _("{name}: power {power}, interest {interest} ({quadrant}).").format(
                name=stakeholder,
                power=stakeholder.power,
                interest=stakeholder.interest,
                quadrant=stakeholder.quadrant.label,
            )
    if request.htmx:
        return render(
            request,
            "planning/stakeholder_grid_region.html",
            {
                "grid": selectors.stakeholder_grid(viewer=request.user, location=stakeholder.location),
                "status_text": status_text,
                "error": error,
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, status_text)
    if request.POST.get("back") == "detail":
        return redirect("planning:stakeholder_detail", pk=stakeholder.pk)
    return redirect(_grid_url(stakeholder.location, stakeholder.pk))


# Engagements ------------------------------------------------------------------------------


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def engagement_list(request: HtmxHttpRequest) -> HttpResponse:
    records = selectors.engagement_list(viewer=request.user, filters=_filters(request))
    return list_page(
        request,
        table=EngagementTable(records, region_id="engagement-list", caption=_("Engagements")),
        filter_form=EngagementFilter(request.GET or None).form,
        template="planning/engagement_list.html",
        count_text=lambda n: ngettext("{count} engagement", "{count} engagements", n).format(count=n),
        export_url_name="planning:engagement_export",
        can_create=bool(facilitated_location_ids(request.user)),
    )


ENGAGEMENT_COLUMNS: list[tuple[Any, str, Callable[[Engagement], Any]]] = [
    (gettext_lazy("ID"), "#meta+id", lambda e: e.pk),
    (gettext_lazy("Date"), "#date", lambda e: e.date),
    (gettext_lazy("Location"), "#adm2+name", lambda e: e.location.name),
    (gettext_lazy("Kind"), "#activity+type", lambda e: e.get_kind_display()),
    (gettext_lazy("Subject"), "#activity+name", lambda e: e.title),
    (gettext_lazy("Stakeholders present"), "#org+name", lambda e: [s.name for s in e.stakeholders.all()]),
    (gettext_lazy("Sectors present"), "#sector", lambda e: [str(s) for s in e.sectors.all()]),
    (gettext_lazy("Participants"), "#meta+participants", lambda e: e.participants),
    (gettext_lazy("What was agreed"), "#description", lambda e: e.agreed),
    (gettext_lazy("Open follow-ups"), "#indicator+followups+open", lambda e: getattr(e, "open_count", 0)),
    (gettext_lazy("Overdue follow-ups"), "#indicator+followups+overdue", lambda e: getattr(e, "overdue_count", 0)),
]


@require_GET
@login_required
def engagement_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise BadRequest("unknown format")
    records = selectors.engagement_export_rows(viewer=request.user, filters=_filters(request))
    return _export(
        request,
        fmt=fmt,
        model=Engagement,
        records=records,
        columns=ENGAGEMENT_COLUMNS,
        name="engagements",
        title=_("Engagements"),
    )


def _engagement_form_page(request: HttpRequest, form: Any, engagement: Any = None) -> HttpResponse:
    title = _("Edit {name}").format(name=engagement.title) if engagement else _("New engagement")
    return render(request, "planning/engagement_form.html", {"form": form, "engagement": engagement, "title": title})


@require_http_methods(["GET", "POST"])
@login_required
def engagement_create(request: HttpRequest) -> HttpResponse:
    _facilitator_only(request)
    initial = {"date": timezone.localdate(), **_initial_location(request)}
    form = EngagementForm(request.POST or None, viewer=request.user, initial=initial)
    if request.method == "POST":
        engagement = saved(form, lambda data: services.engagement_create(data=data, acting_user=request.user))
        if engagement is not None:
            messages.success(request, _("The engagement was recorded. Add its follow-ups below."))
            return redirect("planning:engagement_detail", pk=engagement.pk)
    return _engagement_form_page(request, form)


@require_http_methods(["GET", "POST"])
@login_required
def engagement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = selectors.access_engagement(request.user, pk, write=True)
    form = EngagementForm(request.POST or None, instance=engagement, viewer=request.user)
    if request.method == "POST":
        updated = saved(
            form,
            lambda data: services.engagement_update(engagement=engagement, data=data, acting_user=request.user),
        )
        if updated is not None:
            messages.success(request, _("The engagement was saved."))
            return redirect("planning:engagement_detail", pk=updated.pk)
    return _engagement_form_page(request, form, engagement)


def _follow_ups_context(request: HttpRequest, engagement: Engagement, **extra: Any) -> dict[str, Any]:
    can_write = facilitates(request.user, engagement.location_id)
    context: dict[str, Any] = {
        "engagement": engagement,
        "follow_ups": list(engagement.follow_ups.order_by("due_date", "id")),
        "can_write": can_write,
        "follow_up_form": FollowUpForm(prefix=FOLLOW_UP_PREFIX) if can_write else None,
        "today": timezone.localdate(),
        "status_text": "",
        "error": "",
    }
    context.update({key: value for key, value in extra.items() if value is not None})
    return context


@require_GET
@login_required
def engagement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = selectors.access_engagement(request.user, pk)
    return render(request, "planning/engagement_detail.html", _follow_ups_context(request, engagement))


def _follow_ups_answer(request: HtmxHttpRequest, engagement: Engagement, **extra: Any) -> HttpResponse:
    engagement = selectors.access_engagement(request.user, engagement.pk)
    context = _follow_ups_context(request, engagement, **extra)
    if request.htmx:
        return render(request, "planning/engagement_followups.html", context)
    form = extra.get("follow_up_form")
    if form is not None and form.errors:
        return render(request, "planning/engagement_detail.html", context)
    if extra.get("error"):
        messages.error(request, extra["error"])
    elif extra.get("status_text"):
        messages.success(request, extra["status_text"])
    return redirect("planning:engagement_detail", pk=engagement.pk)


@require_POST
@login_required
def followup_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    engagement = selectors.access_engagement(request.user, pk, write=True)
    form = FollowUpForm(request.POST, prefix=FOLLOW_UP_PREFIX)
    follow_up = saved(
        form, lambda data: services.follow_up_create(engagement=engagement, data=data, acting_user=request.user)
    )
    if follow_up is None:
        return _follow_ups_answer(request, engagement, follow_up_form=form)
    return _follow_ups_answer(
        request, engagement, status_text=_("Follow-up added: {name}.").format(name=follow_up.description)
    )


@require_POST
@login_required
def followup_done(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    follow_up = selectors.access_follow_up(request.user, pk, write=True)
    form = DoneForm(request.POST)
    if not form.is_valid():
        raise BadRequest("done_at must be a date")
    try:
        follow_up = services.follow_up_mark_done(
            follow_up=follow_up, done_at=form.cleaned_data["done_at"], acting_user=request.user
        )
    except ValidationError as exc:
        return _follow_ups_answer(request, follow_up.engagement, error=" ".join(exc.messages))
    return _follow_ups_answer(
        request, follow_up.engagement, status_text=_("Done: {name}.").format(name=follow_up.description)
    )
