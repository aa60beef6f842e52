"""Pages of the Map stage's records: sessions and groups, participants and consent, findings, settings.

Thin views: one access check (the selectors raise 403, or 404 for research
data of a location the viewer does not facilitate), one service call, one
response. Lists answer HTMX with just their table region.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from cpphub.audit.services import export_record
from cpphub.lib.forms import saved
from cpphub.lib.listing import list_page
from cpphub.lib.tabular import FORMATS, export_response
from cpphub.mapping.filters import NOT_FILTERS, FindingFilter, ParticipantFilter, SessionFilter
from cpphub.mapping.forms import (
    CarryForwardForm,
    ConsentForm,
    ConsentRuleFormSet,
    FindingForm,
    GroupForm,
    ParticipantForm,
    SessionForm,
    SettingsForm,
    WithdrawForm,
)
from cpphub.mapping.models import Channel, ConsentRule, Finding, IctTag
from cpphub.mapping.models.people import DEFAULT_CONSENT_RULES
from cpphub.mapping.selectors import access
from cpphub.mapping.selectors import records as selectors
from cpphub.mapping.services import findings as finding_services
from cpphub.mapping.services import people
from cpphub.mapping.services.settings import mapping_settings_update
from cpphub.mapping.services.submissions import participant_withdraw
from cpphub.mapping.tables import FindingTable, ParticipantTable, SessionTable


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _filters(request: HttpRequest) -> dict[str, Any]:
    return {key: value for key, value in request.GET.items() if key not in NOT_FILTERS}


def url_or_none(name: str, **kwargs: Any) -> str | None:
    """The address of a page of another area, or None while that area is not there yet."""
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


@require_GET
@login_required
def mapping_home(request: HttpRequest) -> HttpResponse:
    access.access_mapping(request.user)
    return render(
        request,
        "mapping/mapping_home.html",
        {
            "facilitates_any": bool(access.facilitated_location_ids(request.user)),
            "can_manage": access.can_manage_templates(request.user),
            "riskmap_url": url_or_none("mapping:riskmap"),
            "import_list_url": url_or_none("mapping:import_list"),
            "submission_list_url": url_or_none("mapping:submission_list"),
        },
    )


# Sessions and groups --------------------------------------------------------------------


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def session_list(request: HtmxHttpRequest) -> HttpResponse:
    records = selectors.session_list(viewer=request.user, filters=_filters(request))
    return list_page(
        request,
        table=SessionTable(records, region_id="session-list", caption=_("Mapping sessions")),
        filter_form=SessionFilter(request.GET or None).form,
        template="mapping/session_list.html",
        count_text=lambda n: ngettext("{count} session", "{count} sessions", n).format(count=n),
        can_create=bool(access.facilitated_location_ids(request.user)),
    )


def _session_form_page(request: HttpRequest, form: Any, session: Any = None) -> HttpResponse:
    title = _("Edit {name}").format(name=session) if session else _("New mapping session")
    return render(request, "mapping/session_form.html", {"form": form, "session": session, "title": title})


@require_http_methods(["GET", "POST"])
@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    if not access.facilitated_location_ids(request.user):
        raise PermissionDenied
    form = SessionForm(request.POST or None, viewer=request.user, initial=request.GET.dict())
    if request.method == "POST":
        session = saved(form, lambda data: people.session_create(data=data, acting_user=request.user))
        if session is not None:
            messages.success(request, _("{name} was added.").format(name=session))
            return redirect("mapping:session_detail", pk=session.pk)
    return _session_form_page(request, form)


@require_http_methods(["GET", "POST"])
@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.access_session(request.user, pk, write=True)
    form = SessionForm(request.POST or None, instance=session, viewer=request.user)
    if request.method == "POST":
        updated = saved(form, lambda data: people.session_update(session=session, data=data, acting_user=request.user))
        if updated is not None:
            messages.success(request, _("{name} was saved.").format(name=updated))
            return redirect("mapping:session_detail", pk=session.pk)
    return _session_form_page(request, form, session)


def _groups_context(request: HttpRequest, session: Any, form: Any = None, editing: Any = None) -> dict[str, Any]:
    can_write = access.facilitates(request.user, session.location_id)
    return {
        "session": session,
        "groups": list(session.groups.order_by("perspective", "age_band", "sex", "informant_role", "id")),
        "show_sizes": selectors.shows_sizes(request.user, session),
        "can_write": can_write,
        "group_form": form if form is not None else (GroupForm(prefix="new") if can_write else None),
        "editing": editing,
    }


@require_GET
@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.access_session(request.user, pk)
    context = _groups_context(request, session)
    context["findings"] = session.findings.filter(withdrawn_at__isnull=True).order_by("-created_at")[:20]
    return render(request, "mapping/session_detail.html", context)


def _groups_answer(request: HtmxHttpRequest, session: Any, **kwargs: Any) -> HttpResponse:
    if request.htmx:
        return render(request, "mapping/session_groups.html", _groups_context(request, session, **kwargs))
    if kwargs.get("form") is not None and kwargs["form"].errors:
        context = _groups_context(request, session, **kwargs)
        context["findings"] = []
        return render(request, "mapping/session_detail.html", context, status=200)
    return redirect("mapping:session_detail", pk=session.pk)


@require_POST
@login_required
def group_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    session = selectors.access_session(request.user, pk, write=True)
    form = GroupForm(request.POST, prefix="new")
    group = saved(form, lambda data: people.group_create(session=session, data=data, acting_user=request.user))
    return _groups_answer(request, session, form=None if group is not None else form)


@require_http_methods(["GET", "POST"])
@login_required
def group_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    group = selectors.access_group(request.user, pk, write=True)
    session = selectors.access_session(request.user, group.session_id, write=True)
    if request.method == "GET":
        form = GroupForm(instance=group, prefix="edit")
        return _groups_answer_edit(request, session, group, form)
    form = GroupForm(request.POST, instance=group, prefix="edit")
    updated = saved(form, lambda data: people.group_update(group=group, data=data, acting_user=request.user))
    if updated is None:
        return _groups_answer_edit(request, session, group, form)
    return _groups_answer(request, session)


def _groups_answer_edit(request: HtmxHttpRequest, session: Any, group: Any, form: Any) -> HttpResponse:
    context = _groups_context(request, session, editing=group)
    context["edit_form"] = form
    template = "mapping/session_groups.html" if request.htmx else "mapping/session_group_edit.html"
    return render(request, template, context)


@require_POST
@login_required
def group_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    group = selectors.access_group(request.user, pk, write=True)
    session = selectors.access_session(request.user, group.session_id, write=True)
    people.group_delete(group=group, acting_user=request.user)
    return _groups_answer(request, session)


# Participants and consent ---------------------------------------------------------------


def _facilitator_only(request: HttpRequest) -> None:
    if not access.facilitated_location_ids(request.user):
        raise PermissionDenied


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def participant_list(request: HtmxHttpRequest) -> HttpResponse:
    _facilitator_only(request)
    records = selectors.participant_list(viewer=request.user, filters=_filters(request))
    table = ParticipantTable(
        records, rules=selectors.viewer_rules(request.user), region_id="participant-list", caption=_("Participants")
    )
    filter_form = ParticipantFilter(request.GET or None).form
    filter_form.fields["location"].queryset = access.facilitated_locations(request.user).order_by("name")
    return list_page(
        request,
        table=table,
        filter_form=filter_form,
        template="mapping/participant_list.html",
        count_text=lambda n: ngettext("{count} participant", "{count} participants", n).format(count=n),
    )


@require_http_methods(["GET", "POST"])
@login_required
def participant_create(request: HttpRequest) -> HttpResponse:
    _facilitator_only(request)
    form = ParticipantForm(request.POST or None, viewer=request.user, initial=request.GET.dict())
    if request.method == "POST":
        participant = saved(form, lambda data: people.participant_create(data=data, acting_user=request.user))
        if participant is not None:
            messages.success(request, _("Participant {code} was added.").format(code=participant.code))
            return redirect("mapping:participant_detail", pk=participant.pk)
    return render(request, "mapping/participant_form.html", {"form": form, "title": _("New participant")})


@require_GET
@login_required
def participant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    participant = selectors.access_participant(request.user, pk)
    return render(
        request,
        "mapping/participant_detail.html",
        {
            "participant": participant,
            "consents": list(participant.consents.all()),
            "status": participant.consent_status,  # type: ignore[attr-defined]
            "consent_form": ConsentForm() if participant.withdrawn_at is None else None,
            "country": participant.location.country,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def consent_create(request: HttpRequest, pk: int) -> HttpResponse:
    participant = selectors.access_participant(request.user, pk, log=False)
    form = ConsentForm(request.POST or None)
    if request.method == "POST":
        consent = saved(
            form, lambda data: people.consent_record(participant=participant, data=data, acting_user=request.user)
        )
        if consent is not None:
            messages.success(request, _("{type} was recorded.").format(type=consent.get_type_display()))
            return redirect("mapping:participant_detail", pk=participant.pk)
    return render(request, "mapping/consent_form.html", {"form": form, "participant": participant})


@require_http_methods(["GET", "POST"])
@login_required
def participant_withdraw_page(request: HttpRequest, pk: int) -> HttpResponse:
    participant = selectors.access_participant(request.user, pk, log=False)
    if participant.withdrawn_at is not None:
        messages.info(request, _("Participant {code} has already withdrawn.").format(code=participant.code))
        return redirect("mapping:participant_detail", pk=participant.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST":
        done = saved(
            form,
            lambda data: participant_withdraw(participant=participant, reason=data["reason"], acting_user=request.user),
        )
        if done is not None:
            messages.success(
                request,
                _("Participant {code} has withdrawn: their answers and findings leave every output.").format(
                    code=participant.code
                ),
            )
            return redirect("mapping:participant_detail", pk=participant.pk)
    return render(request, "mapping/participant_withdraw.html", {"form": form, "participant": participant})


@require_http_methods(["GET", "POST"])
@login_required
def consent_rules(request: HttpRequest, pk: int) -> HttpResponse:
    """A country's consent rules: members read them, coordinators change them."""
    country = selectors.access_country_rules(request.user, pk)
    can_write = access.can_manage_templates(request.user)
    rules = selectors.consent_rules(country)
    initial = [{"min_age": r.min_age, "max_age": r.max_age, "requirement": r.requirement} for r in rules]
    formset = None
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        formset = ConsentRuleFormSet(request.POST, initial=initial)
        if formset.is_valid():
            wanted = [
                (form.cleaned_data["min_age"], form.cleaned_data["max_age"], form.cleaned_data["requirement"])
                for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            try:
                people.consent_rules_set(country=country, rules=wanted, acting_user=request.user)
            except ValidationError as exc:
                formset.rule_errors = exc.messages  # type: ignore[attr-defined]
            else:
                messages.success(request, _("The consent rules of {country} were saved.").format(country=country))
                return redirect("mapping:consent_rules", pk=country.pk)
    elif can_write:
        formset = ConsentRuleFormSet(initial=initial)
    defaults = [] if rules else list(DEFAULT_CONSENT_RULES)
    return render(
        request,
        "mapping/consent_rules.html",
        {
            "country": country,
            "rules": rules,
            "defaults": [
                (first, last, ConsentRule.Requirement(requirement).label) for first, last, requirement in defaults
            ],
            "formset": formset,
            "can_write": can_write,
        },
    )


# Findings -----------------------------------------------------------------------------------


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def finding_list(request: HtmxHttpRequest) -> HttpResponse:
    records = selectors.finding_list(viewer=request.user, filters=_filters(request))
    return list_page(
        request,
        table=FindingTable(records, region_id="finding-list", caption=_("Findings")),
        filter_form=FindingFilter(request.GET or None).form,
        template="mapping/finding_list.html",
        count_text=lambda n: ngettext("{count} finding", "{count} findings", n).format(count=n),
        export_url_name="mapping:finding_export",
        can_create=bool(access.facilitated_location_ids(request.user)),
    )


EXPORT_COLUMNS: list[tuple[Any, str, Callable[[Finding], Any]]] = [
    (gettext_lazy("ID"), "#meta+id", lambda f: f.pk),
    (gettext_lazy("Location"), "#adm2+name", lambda f: f.location.name),
    (gettext_lazy("Kind"), "#indicator+type", lambda f: f.get_kind_display()),
    (gettext_lazy("Finding"), "#description", lambda f: f.summary),
    (gettext_lazy("4Cs dimension"), "#indicator+risk+dimension", lambda f: f.get_risk_dimension_display()),
    (gettext_lazy("Risk row"), "#indicator+risk+row", lambda f: f.get_risk_row_display()),
    (gettext_lazy("ICT tags"), "#indicator+ict", lambda f: [dict(IctTag.choices).get(c, c) for c in f.ict_tags]),
    (gettext_lazy("Channels"), "#indicator+channel", lambda f: [dict(Channel.choices).get(c, c) for c in f.channels]),
    (gettext_lazy("Strength"), "#indicator+strength", lambda f: f.get_strength_display()),
    (gettext_lazy("Source"), "#meta+source", lambda f: f.get_source_type_display()),
    (gettext_lazy("Whose view"), "#population+type", lambda f: f.get_perspective_display()),
    (gettext_lazy("Age band"), "#population+age", lambda f: f.get_age_band_display()),
    (gettext_lazy("Sex"), "#population+sex", lambda f: f.get_sex_display()),
    (gettext_lazy("Informant role"), "#population+role", lambda f: f.get_informant_role_display()),
    (gettext_lazy("Quote"), "#description+quote", lambda f: f.quote),
    (gettext_lazy("Severity"), "#severity", lambda f: f.get_severity_display() if f.severity else ""),
    (gettext_lazy("Carried forward"), "#status+planning", lambda f: f.carried_forward),
    (gettext_lazy("Coded"), "#date", lambda f: f.created_at),
]


@require_GET
@login_required
def finding_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise BadRequest("unknown format")
    filters = _filters(request)
    records = list(selectors.finding_list(viewer=request.user, filters=filters).order_by("-created_at", "-id"))
    export_record(acting_user=request.user, model=Finding, fmt=fmt, rows=len(records), filters=filters)
    return export_response(
        filename="findings",
        headers=[str(header) for header, _hxl, _value in EXPORT_COLUMNS],
        hxl=[hxl for _header, hxl, _value in EXPORT_COLUMNS],
        rows=([value(finding) for _header, _hxl, value in EXPORT_COLUMNS] for finding in records),
        fmt=fmt,
        sheet_title=_("Findings"),
    )


def _finding_form_page(request: HttpRequest, form: Any, finding: Any = None) -> HttpResponse:
    title = _("Edit finding") if finding else _("New finding")
    return render(request, "mapping/finding_form.html", {"form": form, "finding": finding, "title": title})


@require_http_methods(["GET", "POST"])
@login_required
def finding_create(request: HttpRequest) -> HttpResponse:
    _facilitator_only(request)
    form = FindingForm(request.POST or None, viewer=request.user, initial=request.GET.dict())
    if request.method == "POST":
        finding = saved(form, lambda data: finding_services.finding_create(data=data, acting_user=request.user))
        if finding is not None:
            messages.success(request, _("The finding was saved."))
            return redirect("mapping:finding_detail", pk=finding.pk)
    return _finding_form_page(request, form)


@require_http_methods(["GET", "POST"])
@login_required
def finding_edit(request: HttpRequest, pk: int) -> HttpResponse:
    finding = selectors.access_finding(request.user, pk, write=True)
    form = FindingForm(request.POST or None, instance=finding, viewer=request.user)
    if request.method == "POST":
        updated = saved(
            form, lambda data: finding_services.finding_update(finding=finding, data=data, acting_user=request.user)
        )
        if updated is not None:
            messages.success(request, _("The finding was saved."))
            return redirect("mapping:finding_detail", pk=finding.pk)
    return _finding_form_page(request, form, finding)


@require_GET
@login_required
def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    finding = selectors.access_finding(request.user, pk)
    return render(
        request,
        "mapping/finding_detail.html",
        {
            "finding": finding,
            "can_write": access.facilitates(request.user, finding.location_id),
            "show_participants": selectors.shows_participants(request.user, finding),
            "ict_labels": [dict(IctTag.choices).get(code, code) for code in finding.ict_tags],
            "channel_labels": [dict(Channel.choices).get(code, code) for code in finding.channels],
        },
    )


@require_POST
@login_required
def finding_carry_forward(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    finding = selectors.access_finding(request.user, pk, write=True)
    form = CarryForwardForm(request.POST)
    if not form.is_valid():
        raise BadRequest("carried_forward must be true or false")
    finding = finding_services.finding_carry_forward(
        finding=finding, carried_forward=form.cleaned_data["carried_forward"], acting_user=request.user
    )
    if request.htmx:
        return render(request, "mapping/finding_carry.html", {"finding": finding, "can_write": True, "focus": True})
    return redirect("mapping:finding_detail", pk=finding.pk)


# Settings -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def mapping_settings(request: HttpRequest) -> HttpResponse:
    current = selectors.access_settings(request.user)
    form = SettingsForm(request.POST or None, initial={"threshold": current.threshold})
    if request.method == "POST":
        updated = saved(
            form, lambda data: mapping_settings_update(threshold=data["threshold"], acting_user=request.user)
        )
        if updated is not None:
            messages.success(request, _("The small-cell threshold is now {k}.").format(k=updated.threshold))
            return redirect("mapping:settings")
    return render(request, "mapping/settings_form.html", {"form": form, "settings": current})
