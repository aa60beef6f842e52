"""Pages of the HSDS 3.0 files: the public download, and the coordinators' import.

The download is the public directory (nothing confidential) as a zip of
``organizations.json``, ``services.json`` and ``service_at_locations.json``.
An import checks every object and reference first and changes nothing when
anything is wrong; the page lists the problems by file, item and path.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cpphub.audit.services import export_record
from cpphub.connect.forms.directory import HsdsImportForm
from cpphub.connect.models import Service
from cpphub.connect.selectors import access
from cpphub.connect.selectors.hsds import FILES
from cpphub.connect.services import hsds as services


@require_GET
def hsds_export(request: HttpRequest) -> HttpResponse:
    content = services.export_zip(include_confidential=False)
    export_record(acting_user=request.user, model=Service, fmt="hsds", rows=Service.objects.count())
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="cpphub-directory-hsds-3.0.zip"'
    return response


def _uploaded(files: list[Any]) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for upload in files:
        content = upload.read()
        if upload.name.lower().endswith(".zip"):
            found.update(services.read_zip(content))
        else:
            found[upload.name.rsplit("/", 1)[-1]] = content
    return {name: content for name, content in found.items() if name in FILES}


@require_http_methods(["GET", "POST"])
@login_required
def hsds_import(request: HttpRequest) -> HttpResponse:
    if not access.can_import_directory(request.user):
        raise PermissionDenied
    form = HsdsImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            counts = services.import_files(_uploaded(request.FILES.getlist("upload")), acting_user=request.user)
        except services.HsdsImportError as exc:
            problems = exc.problems
        else:
            messages.success(
                request,
                _(
                    "Imported {organizations} providers, {locations} locations, {services} services and "
                    "{links} services at locations."
                ).format(
                    organizations=counts.organizations,
                    locations=counts.locations,
                    services=counts.services,
                    links=counts.service_at_locations,
                ),
            )
            return redirect("connect:directory")
    return render(request, "connect/directory_hsds_import.html", {"form": form, "problems": problems})
