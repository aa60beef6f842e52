"""Pages of the national engagement work: the overview, meetings and what they yielded.

Thin views: one access check (the selectors raise 403 when the viewer may not
read, or may not change the record's country), one service call, one
response. Members read every country's records; a country's focal points and
coordinators change them. Lists answer HTMX with just their region; marking a
commitment done answers HTMX with just its status cell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from cpphub.audit.services import export_record
from cpphub.lib.choices import choice_labels
from cpphub.lib.forms import saved
from cpphub.lib.listing import list_page
from cpphub.lib.tabular import FORMATS, export_response
from cpphub.mapping.models import IctTag, RiskDimension
from cpphub.national.filters.engagements import (
    NOT_FILTERS,
    CommitmentFilter,
    EngagementFilter,
    PriorityFilter,
    StrengthFilter,
)
from cpphub.national.forms.engagements import (
    CommitmentForm,
    EngagementForm,
    ExpectationForm,
    PriorityForm,
    StrengthForm,
)
from cpphub.national.models import (
    Commitment,
    NationalEngagement,
    NationalPriority,
    NationalStrength,
)
from cpphub.national.selectors import engagements as selectors
from cpphub.national.selectors.access import (
    access_national_write,
    can_write_any_national,
    can_write_national,
    writable_country_ids,
)
from cpphub.national.services import engagements as services
from cpphub.national.tables.engagements import CommitmentTable, EngagementTable, PriorityTable, StrengthTable
from cpphub.partnership.models import Country
from cpphub.planning.models import TargetGroup


def _filters(request: HttpRequest) -> dict[str, Any]:
    return {key: value for key, value in request.GET.items() if key not in NOT_FILTERS}


def _writer_somewhere(request: HttpRequest) -> None:
    if not can_write_any_national(request.user):
        raise PermissionDenied


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return None


# The overview ---------------------------------------------------------------------------------


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    overviews = selectors.country_overviews(viewer=request.user)
    return render(
        request,
        "national/home.html",
        {
            "overviews": overviews,
            "can_create": can_write_any_national(request.user),
            "today": timezone.localdate(),
        },
    )


# Export columns --------------------------------------------------------------------------------


Column = tuple[Any, str, Callable[[Any], Any]]


def _focus_columns() -> list[Column]:
    return [
        (gettext_lazy("MNR capability"), "#indicator+mnr", lambda r: r.get_mnr_capability_display() or ""),
        (gettext_lazy("4Cs risks"), "#risk+type", lambda r: choice_labels(r.risks, RiskDimension.choices)),
        (gettext_lazy("Online harms"), "#risk+ict", lambda r: choice_labels(r.ict_tags, IctTag.choices)),
        (
            gettext_lazy("Target groups"),
            "#population+type",
            lambda r: choice_labels(r.target_groups, TargetGroup.choices),
        ),
        (gettext_lazy("Outcome"), "#sector+outcome", lambda r: r.get_outcome_display()),
    ]


def _record_columns() -> list[Column]:
    return [
        (gettext_lazy("ID"), "#meta+id", lambda r: r.pk),
        (gettext_lazy("Country"), "#country+name", lambda r: r.country.name),
        (gettext_lazy("Country code"), "#country+code", lambda r: r.country.code),
        (gettext_lazy("Partner"), "#org+name", lambda r: r.organisation.name if r.organisation else ""),
        (gettext_lazy("Meeting"), "#activity+meeting", lambda r: r.engagement.title if r.engagement else ""),
        (gettext_lazy("Meeting date"), "#date+meeting", lambda r: r.engagement.date if r.engagement else None),
    ]


ENGAGEMENT_COLUMNS: list[Column] = [
    (gettext_lazy("ID"), "#meta+id", lambda e: e.pk),
    (gettext_lazy("Date"), "#date", lambda e: e.date),
    (gettext_lazy("Country"), "#country+name", lambda e: e.country.name),
    (gettext_lazy("Country code"), "#country+code", lambda e: e.country.code),
    (gettext_lazy("Kind"), "#activity+type", lambda e: e.get_kind_display()),
    (gettext_lazy("Subject"), "#activity+name", lambda e: e.title),
    (gettext_lazy("Organisations"), "#org+name", lambda e: [o.name for o in e.organisations.all()]),
    (gettext_lazy("Participants"), "#meta+participants", lambda e: e.participants),
    (gettext_lazy("Minutes"), "#description", lambda e: e.minutes),
    (gettext_lazy("Priorities"), "#indicator+priorities", lambda e: getattr(e, "priority_count", 0)),
    (gettext_lazy("Commitments"), "#indicator+commitments", lambda e: getattr(e, "commitment_count", 0)),
]
PRIORITY_COLUMNS: list[Column] = [
    *_record_columns(),
    (gettext_lazy("Priority"), "#activity+priority", lambda p: p.title),
    (gettext_lazy("Description"), "#description", lambda p: p.description),
    (gettext_lazy("Importance"), "#priority", lambda p: p.importance),
    *_focus_columns(),
    (gettext_lazy("Status"), "#status", lambda p: p.get_status_display()),
]
STRENGTH_COLUMNS: list[Column] = [
    *_record_columns(),
    (gettext_lazy("Strength"), "#capacity+name", lambda s: s.title),
    (gettext_lazy("Kind"), "#capacity+type", lambda s: s.get_kind_display()),
    (gettext_lazy("Description"), "#description", lambda s: s.description),
    (gettext_lazy("Expertise"), "#capacity+expertise", lambda s: s.expertise),
    (gettext_lazy("Amount"), "#value", lambda s: s.amount),
    (gettext_lazy("Unit"), "#value+unit", lambda s: s.unit),
    *_focus_columns(),
]
COMMITMENT_COLUMNS: list[Column] = [
    *_record_columns(),
    (gettext_lazy("Commitment"), "#activity+name", lambda c: c.title),
    (gettext_lazy("Who"), "#contact+name", lambda c: c.owner_name),
    (gettext_lazy("Due"), "#date+due", lambda c: c.due_date),
    (gettext_lazy("Done"), "#date+done", lambda c: c.done_at),
    (gettext_lazy("Overdue"), "#status+overdue", lambda c: bool(getattr(c, "overdue", c.is_overdue()))),
    *_focus_columns(),
]


def _export(request: HttpRequest, *, fmt: str, model: Any, records: Any, columns: list[Column], name: str) -> Any:
    if fmt not in FORMATS:
        raise BadRequest("unknown format")
    records = list(records)
    export_record(acting_user=request.user, model=model, fmt=fmt, rows=len(records), filters=_filters(request))
    return export_response(
        filename=name,
        headers=[str(header) for header, _hxl, _value in columns],
        hxl=[hxl for _header, hxl, _value in columns],
        rows=([value(record) for _header, _hxl, value in columns] for record in records),
        fmt=fmt,
        sheet_title=str(model._meta.verbose_name_plural).capitalize(),
    )


# Meetings ------------------------------------------------------------------------------------


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def engagement_list(request: HttpRequest) -> HttpResponse:
    records = selectors.engagement_list(viewer=request.user, filters=_filters(request))
    return list_page(
        request,
        table=EngagementTable(records, region_id="engagement-list", caption=_("Roundtables and bilaterals")),
        filter_form=EngagementFilter(request.GET or None).form,
        template="national/engagement_list.html",
        count_text=lambda n: ngettext("{count} meeting", "{count} meetings", n).format(count=n),
        export_url_name="national:engagement_export",
        can_create=can_write_any_national(request.user),
    )


@require_GET
@login_required
def engagement_export(request: HttpRequest, fmt: str) -> HttpResponse:
    records = selectors.engagement_list(viewer=request.user, filters=_filters(request))
    return _export(
        request,
        fmt=fmt,
        model=NationalEngagement,
        records=records,
        columns=ENGAGEMENT_COLUMNS,
        name="national-meetings",
    )


def _engagement_form_page(request: HttpRequest, form: Any, engagement: Any = None) -> HttpResponse:
    title = _("Edit {name}").format(name=engagement.title) if engagement else _("Record a roundtable or bilateral")
    return render(request, "national/engagement_form.html", {"form": form, "engagement": engagement, "title": title})


def _initial_country(request: HttpRequest) -> dict[str, Any]:
    """``?country=TH`` preselects a country the viewer may write for."""
    code = request.GET.get("country")
    if not code:
        return {}
    country = Country.objects.filter(code__iexact=code).first()
    return {"country": country.pk} if country and can_write_national(request.user, country) else {}


@require_http_methods(["GET", "POST"])
@login_required
def engagement_create(request: HttpRequest) -> HttpResponse:
    _writer_somewhere(request)
    initial = {"date": timezone.localdate(), **_initial_country(request)}
    form = EngagementForm(request.POST or None, viewer=request.user, initial=initial)
    if request.method == "POST":

        def write(data: dict[str, Any]) -> Any:
            access_national_write(request.user, data["country"])
            return services.engagement_create(country=data["country"], data=data, acting_user=request.user)

        engagement = saved(form, write)
        if engagement is not None:
            messages.success(request, _("The meeting was recorded. Add what it yielded below."))
            return redirect("national:engagement_detail", pk=engagement.pk)
    return _engagement_form_page(request, form)


@require_http_methods(["GET", "POST"])
@login_required
def engagement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = selectors.access_engagement(request.user, pk, write=True)
    form = EngagementForm(request.POST or None, instance=engagement, viewer=request.user)
    if request.method == "POST":
        updated = saved(
            form, lambda data: services.engagement_update(engagement=engagement, data=data, acting_user=request.user)
        )
        if updated is not None:
            messages.success(request, _("The meeting was saved."))
            return redirect("national:engagement_detail", pk=updated.pk)
    return _engagement_form_page(request, form, engagement)


@require_GET
@login_required
def engagement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = selectors.access_engagement(request.user, pk)
    return render(
        request,
        "national/engagement_detail.html",
        {
            "engagement": engagement,
            "outcomes": selectors.engagement_outcomes(engagement),
            "can_write": can_write_national(request.user, engagement.country_id),
            "writable": writable_country_ids(request.user),
        },
    )


# Priorities, strengths, expectations, commitments ---------------------------------------------


@dataclass(frozen=True)
class RecordKind:
    """How the pages of one kind of meeting outcome differ."""

    form: Any
    create: Callable[..., Any]
    update: Callable[..., Any]
    argument: str  # the update service's keyword for the record
    access: Callable[..., Any]
    new_title: Any
    added: Any
    list_url: str


KINDS: dict[str, RecordKind] = {
    "priority": RecordKind(
        PriorityForm,
        services.priority_create,
        services.priority_update,
        "priority",
        selectors.access_priority,
        gettext_lazy("New national priority"),
        gettext_lazy("The priority was saved."),
        "national:priority_list",
    ),
    "strength": RecordKind(
        StrengthForm,
        services.strength_create,
        services.strength_update,
        "strength",
        selectors.access_strength,
        gettext_lazy("New national strength"),
        gettext_lazy("The strength was saved."),
        "national:strength_list",
    ),
    "expectation": RecordKind(
        ExpectationForm,
        services.expectation_create,
        services.expectation_update,
        "expectation",
        selectors.access_expectation,
        gettext_lazy("New expectation of the partnership"),
        gettext_lazy("The expectation was saved."),
        "national:home",
    ),
    "commitment": RecordKind(
        CommitmentForm,
        services.commitment_create,
        services.commitment_update,
        "commitment",
        selectors.access_commitment,
        gettext_lazy("New commitment"),
        gettext_lazy("The commitment was saved."),
        "national:commitment_list",
    ),
}


def _after_save(record: Any, kind: RecordKind) -> HttpResponse:
    if record.engagement_id:
        return redirect("national:engagement_detail", pk=record.engagement_id)
    return redirect(kind.list_url)


def _record_form_page(request: HttpRequest, kind_name: str, form: Any, record: Any = None) -> HttpResponse:
    kind = KINDS[kind_name]
    title = _("Edit {name}").format(name=record) if record is not None else str(kind.new_title)
    meeting = record.engagement if record is not None else form.initial.get("engagement_obj")
    return render(
        request,
        "national/record_form.html",
        {"form": form, "record": record, "title": title, "kind": kind_name, "meeting": meeting},
    )


def _initial_meeting(request: HttpRequest) -> dict[str, Any]:
    """``?engagement=<pk>`` (the meeting page's buttons) prefills the meeting and its country."""
    pk = request.GET.get("engagement")
    if not (pk and pk.isdigit()):
        return _initial_country(request)
    engagement = NationalEngagement.objects.select_related("country").filter(pk=int(pk)).first()
    if engagement is None or not can_write_national(request.user, engagement.country_id):
        return _initial_country(request)
    return {"engagement": engagement.pk, "country": engagement.country_id, "engagement_obj": engagement}


def record_create(request: HttpRequest, kind_name: str) -> HttpResponse:
    _writer_somewhere(request)
    kind = KINDS[kind_name]
    initial = _initial_meeting(request)
    if kind_name == "commitment":
        initial.setdefault("due_date", timezone.localdate())
    form = kind.form(request.POST or None, viewer=request.user, initial=initial)
    if request.method == "POST":

        def write(data: dict[str, Any]) -> Any:
            access_national_write(request.user, data["country"])
            return kind.create(country=data["country"], data=data, acting_user=request.user)

        record = saved(form, write)
        if record is not None:
            messages.success(request, str(kind.added))
            return _after_save(record, kind)
    return _record_form_page(request, kind_name, form)


def record_edit(request: HttpRequest, kind_name: str, pk: int) -> HttpResponse:
    kind = KINDS[kind_name]
    record = kind.access(request.user, pk, write=True)
    form = kind.form(request.POST or None, instance=record, viewer=request.user)
    if request.method == "POST":
        updated = saved(form, lambda data: kind.update(**{kind.argument: record}, data=data, acting_user=request.user))
        if updated is not None:
            messages.success(request, str(kind.added))
            return _after_save(updated, kind)
    return _record_form_page(request, kind_name, form, record)


def _create_view(kind_name: str) -> Callable[[HttpRequest], HttpResponse]:
    @require_http_methods(["GET", "POST"])
    @login_required
    def view(request: HttpRequest) -> HttpResponse:
        return record_create(request, kind_name)

    view.__name__ = f"{kind_name}_create"
    return view


def _edit_view(kind_name: str) -> Callable[[HttpRequest, int], HttpResponse]:
    @require_http_methods(["GET", "POST"])
    @login_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        return record_edit(request, kind_name, pk)

    view.__name__ = f"{kind_name}_edit"
    return view


priority_create = _create_view("priority")
priority_edit = _edit_view("priority")
strength_create = _create_view("strength")
strength_edit = _edit_view("strength")
expectation_create = _create_view("expectation")
expectation_edit = _edit_view("expectation")
commitment_create = _create_view("commitment")
commitment_edit = _edit_view("commitment")


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def priority_list(request: HttpRequest) -> HttpResponse:
    records = selectors.priority_list(viewer=request.user, filters=_filters(request))
    return list_page(
        request,
        table=PriorityTable(
            records,
            region_id="priority-list",
            caption=_("National priorities"),
            writable=writable_country_ids(request.user),
        ),
        filter_form=PriorityFilter(request.GET or None).form,
        template="national/record_list.html",
        count_text=lambda n: ngettext("{count} priority", "{count} priorities", n).format(count=n),
        export_url_name="national:priority_export",
        can_create=can_write_any_national(request.user),
        title=_("National priorities"),
        intro=_("What national partners want to achieve, with the MNR capability and the 4Cs risks it concerns."),
        create_url_name="national:priority_create",
        create_label=_("New priority"),
    )


@require_GET
@login_required
def priority_export(request: HttpRequest, fmt: str) -> HttpResponse:
    records = selectors.priority_list(viewer=request.user, filters=_filters(request))
    return _export(
        request, fmt=fmt, model=NationalPriority, records=records, columns=PRIORITY_COLUMNS, name="national-priorities"
    )


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def strength_list(request: HttpRequest) -> HttpResponse:
    records = selectors.strength_list(viewer=request.user, filters=_filters(request))
    return list_page(
        request,
        table=StrengthTable(
            records,
            region_id="strength-list",
            caption=_("National strengths"),
            writable=writable_country_ids(request.user),
        ),
        filter_form=StrengthFilter(request.GET or None).form,
        template="national/record_list.html",
        count_text=lambda n: ngettext("{count} strength", "{count} strengths", n).format(count=n),
        export_url_name="national:strength_export",
        can_create=can_write_any_national(request.user),
        title=_("National strengths"),
        intro=_(
            "What national partners bring: capabilities, staff, budget lines, legal powers and the data they hold."
        ),
        create_url_name="national:strength_create",
        create_label=_("New strength"),
    )


@require_GET
@login_required
def strength_export(request: HttpRequest, fmt: str) -> HttpResponse:
    records = selectors.strength_list(viewer=request.user, filters=_filters(request))
    return _export(
        request, fmt=fmt, model=NationalStrength, records=records, columns=STRENGTH_COLUMNS, name="national-strengths"
    )


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def commitment_list(request: HttpRequest) -> HttpResponse:
    records = selectors.commitment_list(viewer=request.user, filters=_filters(request))
    return list_page(
        request,
        table=CommitmentTable(
            records, region_id="commitment-list", caption=_("Commitments"), writable=writable_country_ids(request.user)
        ),
        filter_form=CommitmentFilter(request.GET or None).form,
        template="national/record_list.html",
        count_text=lambda n: ngettext("{count} commitment", "{count} commitments", n).format(count=n),
        export_url_name="national:commitment_export",
        can_create=can_write_any_national(request.user),
        title=_("Commitments"),
        intro=_(
            "What national partners promised, by whom and by when. Overdue: the due date has passed and it is not done."
        ),
        create_url_name="national:commitment_create",
        create_label=_("New commitment"),
    )


@require_GET
@login_required
def commitment_export(request: HttpRequest, fmt: str) -> HttpResponse:
    records = selectors.commitment_list(viewer=request.user, filters=_filters(request))
    return _export(
        request, fmt=fmt, model=Commitment, records=records, columns=COMMITMENT_COLUMNS, name="national-commitments"
    )


@require_POST
@login_required
def commitment_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a commitment done, or open again (``done=false``); without ``done`` it toggles."""
    commitment = selectors.access_commitment(request.user, pk, write=True)
    wanted = request.POST.get("done")
    done = commitment.done_at is None if wanted is None else wanted in ("true", "1", "on")
    services.commitment_set_done(commitment=commitment, done=done, acting_user=request.user)
    commitment = selectors.access_commitment(request.user, pk)
    text = _("Done: {name}.") if commitment.done_at else _("Open again: {name}.")
    if getattr(request, "htmx", False):
        return render(
            request,
            "national/_commitment_done.html",
            {
                "commitment": commitment,
                "can_write": True,
                "status_text": text.format(name=commitment),
                "focus": True,
                "next_url": _safe_next(request),
            },
        )
    messages.success(request, text.format(name=commitment))
    return redirect(_safe_next(request) or "national:commitment_list")
