"""Pages of the Map stage's instruments: the list, a preview in any of the form's languages, import, tags.

Every member reads instruments. Facilitators of a location import and tag
that location's instruments; coordinators import and tag partnership
templates. Tags are edited in place with HTMX (each page also works without).
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_tables2 import RequestConfig

from cpphub.lib.forms import saved
from cpphub.lib.listing import PAGE_SIZE
from cpphub.mapping.filters import NOT_FILTERS, InstrumentFilter
from cpphub.mapping.forms import ActiveForm, InstrumentImportForm, TagForm
from cpphub.mapping.models import Choice, Instrument, Question
from cpphub.mapping.selectors import access
from cpphub.mapping.selectors import records as selectors
from cpphub.mapping.selectors.instruments import instrument_labels
from cpphub.mapping.services.instrument_status import instrument_set_active as set_active
from cpphub.mapping.services.instruments import instrument_import as import_service
from cpphub.mapping.services.instruments import instrument_tag
from cpphub.mapping.tables import InstrumentTable
from cpphub.mapping.views.records import HtmxHttpRequest

LANGUAGE_CODE = re.compile(r"\(([\w-]+)\)\s*$")


def _filters(request: HttpRequest) -> dict[str, Any]:
    return {key: value for key, value in request.GET.items() if key not in NOT_FILTERS}


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def instrument_list(request: HtmxHttpRequest) -> HttpResponse:
    records = selectors.instrument_list(viewer=request.user, filters=_filters(request))
    region_id = "instrument-list"
    table = InstrumentTable(records, region_id=region_id, caption=_("Instruments"))
    RequestConfig(request, paginate={"per_page": PAGE_SIZE}).configure(table)
    partial = bool(request.htmx) and request.htmx.target == region_id
    return render(
        request,
        "includes/list_region.html" if partial else "mapping/instrument_list.html",
        {
            "table": table,
            "filter_form": InstrumentFilter(request.GET or None).form,
            "list_url": request.path,
            "region_id": region_id,
            "count_text": ngettext("{count} instrument", "{count} instruments", table.paginator.count).format(
                count=table.paginator.count
            ),
            "can_import": selectors.can_import_instruments(request.user),
        },
    )


def preview_language(instrument: Instrument, requested: str | None) -> str:
    """The form language to show: the one asked for, else the one matching the page's language, else the default."""
    languages = list(instrument.languages or [])
    if requested and requested in languages:
        return requested
    ui = (get_language() or "en").lower()
    for language in languages:
        match = LANGUAGE_CODE.search(language)
        code = (match.group(1) if match else language).lower().replace("_", "-")
        if code == ui or code.split("-")[0] == ui.split("-")[0]:
            return language
    return instrument.default_language or (languages[0] if languages else "")


@require_GET
@login_required
def instrument_detail(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = selectors.access_instrument(request.user, pk)
    language = preview_language(instrument, request.GET.get("language"))
    return render(
        request,
        "mapping/instrument_detail.html",
        {
            "instrument": instrument,
            "items": instrument_labels(instrument, language),
            "language": language,
            "can_write": selectors.can_write_instrument(request.user, instrument),
            "facilitates": access.facilitates(request.user, instrument.location_id),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def instrument_import(request: HttpRequest) -> HttpResponse:
    if not selectors.can_import_instruments(request.user):
        raise PermissionDenied
    form = InstrumentImportForm(request.POST or None, request.FILES or None, viewer=request.user)
    if request.method == "POST":
        instrument = saved(
            form,
            lambda data: import_service(
                file_name=data["file"].name,
                content=data["file"].read(),
                location=data.get("location"),
                acting_user=request.user,
            ),
            field="file",
        )
        if instrument is not None:
            messages.success(request, _("{title} was imported.").format(title=instrument))
            return redirect("mapping:instrument_detail", pk=instrument.pk)
    return render(request, "mapping/instrument_import.html", {"form": form})


def _tags_answer(request: HtmxHttpRequest, item: Question | Choice, instrument: Instrument, form: Any) -> HttpResponse:
    kind = "question" if isinstance(item, Question) else "choice"
    context = {"item": item, "kind": kind, "form": form, "instrument": instrument, "can_write": True}
    if form is not None:
        template = "mapping/instrument_tag_form.html" if request.htmx else "mapping/instrument_tag.html"
    else:
        template = "mapping/instrument_tags.html"
    return render(request, template, context)


def _tag(request: HtmxHttpRequest, item: Question | Choice, instrument: Instrument) -> HttpResponse:
    initial = {
        field: getattr(item, field) for field in ("risk_dimension", "risk_row", "ict_tags", "channels", "strength")
    }
    if request.method == "GET":
        return _tags_answer(request, item, instrument, TagForm(initial=initial))
    form = TagForm(request.POST)
    updated = saved(form, lambda data: instrument_tag(question_or_choice=item, acting_user=request.user, **data))
    if updated is None:
        return _tags_answer(request, item, instrument, form)
    if request.htmx:
        return _tags_answer(request, updated, instrument, None)
    messages.success(request, _("The tags of {item} were saved.").format(item=updated))
    return redirect("mapping:instrument_detail", pk=instrument.pk)


@require_http_methods(["GET", "POST"])
@login_required
def question_tag(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    question = selectors.access_question(request.user, pk, write=True)
    return _tag(request, question, question.instrument)


@require_http_methods(["GET", "POST"])
@login_required
def choice_tag(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    choice = selectors.access_choice(request.user, pk, write=True)
    return _tag(request, choice, choice.question.instrument)


@require_POST
@login_required
def instrument_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = selectors.access_instrument(request.user, pk, write=True)
    form = ActiveForm(request.POST)
    if not form.is_valid():
        raise BadRequest("active must be true or false")
    active = form.cleaned_data["active"]
    instrument = set_active(instrument=instrument, active=active, acting_user=request.user)
    text = _("{title} is active again.") if active else _("{title} was deactivated.")
    messages.success(request, text.format(title=instrument))
    return redirect("mapping:instrument_detail", pk=instrument.pk)
