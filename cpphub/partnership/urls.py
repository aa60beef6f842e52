"""The pages of the partnership registry, under /partnership/.

Every register has the same six routes, named ``<register>_<operation>``:
``organisation_list``, ``organisation_create``, ``organisation_detail`` and so on.
"""

from __future__ import annotations

from django.urls import URLPattern, path, re_path

from cpphub.partnership import registers, views
from cpphub.partnership.registers import Register

app_name = "partnership"


def _routes(register: Register, prefix: str) -> list[URLPattern]:
    name = register.name
    kwargs = {"register": register}
    return [
        path(f"{prefix}/", views.register_list, kwargs, name=f"{name}_list"),
        re_path(rf"^{prefix}/export\.(?P<fmt>csv|xlsx)$", views.register_export, kwargs, name=f"{name}_export"),
        path(f"{prefix}/new/", views.RegisterCreate.as_view(), kwargs, name=f"{name}_create"),
        path(f"{prefix}/<int:pk>/", views.register_detail, kwargs, name=f"{name}_detail"),
        path(f"{prefix}/<int:pk>/edit/", views.RegisterEdit.as_view(), kwargs, name=f"{name}_edit"),
        path(f"{prefix}/<int:pk>/active/", views.register_set_active, kwargs, name=f"{name}_set_active"),
    ]


urlpatterns = [
    *_routes(registers.ORGANISATIONS, "organisations"),
    *_routes(registers.COUNTRIES, "countries"),
    *_routes(registers.LOCATIONS, "locations"),
    *_routes(registers.PHASES, "phases"),
    *_routes(registers.CONTACTS, "contacts"),
]
