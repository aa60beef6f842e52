"""The data protection officer's "who saw this record": a case reference in, the access log out."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cpphub.audit.models import AccessLogEntry
from cpphub.audit.services import export_record
from cpphub.connect.selectors.who_saw import access_who_saw, who_saw
from cpphub.lib.tabular import FORMATS, export_response

SHOWN = 500


@require_GET
@login_required
def who_saw_page(request: HttpRequest) -> HttpResponse:
    access_who_saw(request.user)
    reference = str(request.GET.get("reference") or "").strip()
    answer = who_saw(viewer=request.user, reference=reference) if reference else None
    entries = list(answer.entries[: SHOWN + 1]) if answer and answer.found else []
    query = urlencode({"reference": answer.reference}) if answer and answer.found else ""
    return render(
        request,
        "connect/who_saw.html",
        {
            "reference": reference,
            "answer": answer,
            "entries": entries[:SHOWN],
            "more": len(entries) > SHOWN,
            "shown": SHOWN,
            "downloads": [
                (fmt.upper(), reverse("connect:who_saw_export", kwargs={"fmt": fmt}) + "?" + query) for fmt in FORMATS
            ]
            if query
            else [],
        },
    )


@require_GET
@login_required
def who_saw_export(request: HttpRequest, fmt: str) -> HttpResponse:
    access_who_saw(request.user)
    if fmt not in FORMATS:
        raise BadRequest("unknown format")
    reference = str(request.GET.get("reference") or "").strip()
    answer = who_saw(viewer=request.user, reference=reference)
    entries = list(answer.entries) if answer.found else []
    export_record(
        acting_user=request.user, model=AccessLogEntry, fmt=fmt, rows=len(entries), filters={"reference": reference}
    )
    return export_response(
        filename=f"who-saw-{answer.reference or 'unknown'}",
        headers=[_("When"), _("Who"), _("Action"), _("Record"), _("Record type"), _("Reason"), _("Address")],
        hxl=["#date", "#contact+email", "#activity+type", "#meta+record", "#meta+type", "#description", "#meta+ip"],
        rows=(
            [
                entry.at,
                entry.user_email,
                entry.get_action_display(),
                entry.object_repr,
                _("Referral") if entry.object_type == "connect.referral" else _("Case"),
                entry.reason,
                entry.ip_address,
            ]
            for entry in entries
        ),
        fmt=fmt,
        sheet_title=_("Who saw"),
    )
