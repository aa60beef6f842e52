"""Who may open what: every URL pattern of the URLconf against every role.

The table below names a policy for every URL name. The first test fails when a
URL pattern exists that the table does not name, so a new view cannot escape
it. Each row is then tried as an anonymous visitor, an outsider with no
membership, a superuser, and each role; denied writes must change nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.authtoken.models import Token

from conftest import World, sign_in
from tests.permission_policies import (  # noqa: F401 - the policies are the table's vocabulary
    ALLOWED,
    AUDIT,
    FACILITATOR_HERE,
    MANAGER,
    MEMBER,
    PUBLIC,
    ROLES,
    SIGNED_IN,
    SUPERUSER,
    VISITORS,
    Row,
)
from tests.permission_rows import collect_rows


def org(w: World) -> dict[str, Any]:
    return {"pk": w.orgs["face"].pk}


def country(w: World) -> dict[str, Any]:
    return {"pk": w.countries["thailand"].pk}


def location(w: World) -> dict[str, Any]:
    return {"pk": w.locations["chiang_rai"].pk}


def phase(w: World) -> dict[str, Any]:
    from cpphub.partnership.models import Phase

    return {
        "pk": Phase.objects.create(
            name="Inception", kind="inception", start_date="2008-03-01", end_date="2009-03-31"
        ).pk
    }


def contact(w: World) -> dict[str, Any]:
    from cpphub.partnership.models import Contact

    return {"pk": Contact.objects.create(full_name="Ana Example", organisation=w.orgs["face"]).pk}


def person(w: World) -> dict[str, Any]:
    return {"pk": w.users["facilitator"].pk}


def membership(w: World) -> dict[str, Any]:
    return {"pk": w.users["facilitator"].memberships.get().pk}


def audit_event(w: World) -> dict[str, Any]:
    from cpphub.audit.services import audit_record

    return {"pk": audit_record(action="update", acting_user=w.users["coordinator"], obj=w.orgs["face"]).pk}


def access_entry(w: World) -> dict[str, Any]:
    from cpphub.audit.services import access_record

    return {"pk": access_record(user=w.users["coordinator"], obj=w.orgs["face"], label="record 1").pk}


def reset_link(w: World) -> dict[str, Any]:
    user = w.users["facilitator"]
    return {"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)}


def fmt(kwargs: Callable[[World], dict[str, Any]] | None = None) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"fmt": "xlsx", **(kwargs(w) if kwargs else {})}


READ = ("GET",)
WRITE = ("GET", "POST")
POST_ONLY = ("POST",)

TABLE: dict[str, Row] = {
    # The shell
    "shell:home": Row(SIGNED_IN),
    "shell:healthz": Row(PUBLIC),
    "set_language": Row(PUBLIC, POST_ONLY),
    # Sign-in and one's own account
    "two_factor:login": Row(PUBLIC),
    "two_factor:setup": Row(SIGNED_IN),
    "two_factor:qr": Row(SIGNED_IN, also_allowed=frozenset({404})),
    "two_factor:setup_complete": Row(SIGNED_IN),
    "two_factor:backup_tokens": Row(SIGNED_IN, WRITE),
    "two_factor:profile": Row(SIGNED_IN),
    "two_factor:disable": Row(SIGNED_IN),
    "accounts:profile": Row(SIGNED_IN, WRITE),
    "accounts:token": Row(SIGNED_IN),
    "accounts:token_create": Row(SIGNED_IN, POST_ONLY),
    "accounts:token_revoke": Row(SIGNED_IN, POST_ONLY),
    "accounts:logout": Row(PUBLIC, POST_ONLY, ends_on_sign_in=True),
    "accounts:password_change": Row(SIGNED_IN, WRITE),
    "accounts:password_change_done": Row(SIGNED_IN),
    "accounts:password_reset": Row(PUBLIC, WRITE),
    "accounts:password_reset_done": Row(PUBLIC),
    "accounts:password_reset_complete": Row(PUBLIC),
    "accounts:password_reset_confirm": Row(PUBLIC, kwargs=reset_link),
    # People and access
    "accounts:user_list": Row(MANAGER),
    "accounts:user_export": Row(MANAGER, kwargs=fmt()),
    "accounts:user_create": Row(MANAGER, WRITE),
    "accounts:user_detail": Row(MANAGER, kwargs=person),
    "accounts:user_edit": Row(MANAGER, WRITE, person),
    "accounts:user_set_active": Row(MANAGER, POST_ONLY, person),
    "accounts:membership_create": Row(MANAGER, WRITE, person),
    "accounts:membership_set_active": Row(MANAGER, POST_ONLY, membership),
    # Audit
    "audit:event_list": Row(AUDIT),
    "audit:event_detail": Row(AUDIT, kwargs=audit_event),
    "audit:event_export": Row(AUDIT, kwargs=fmt()),
    "audit:access_list": Row(AUDIT),
    "audit:access_export": Row(AUDIT, kwargs=fmt()),
    # API
    "api:me": Row(SIGNED_IN),
    "api:user-list": Row(MANAGER, WRITE),
    "api:user-detail": Row(MANAGER, ("GET", "PATCH"), person),
    "api:membership-list": Row(MANAGER, WRITE),
    "api:membership-detail": Row(MANAGER, ("GET", "PATCH"), membership),
    "api:audit-event-list": Row(AUDIT),
    "api:audit-event-detail": Row(AUDIT, kwargs=audit_event),
    "api:access-log-list": Row(AUDIT),
    "api:access-log-detail": Row(AUDIT, kwargs=access_entry),
    "api:schema": Row(PUBLIC),
    "api:docs": Row(PUBLIC),
}

# The partnership registers: members read, coordinators write (pages and API).
REGISTERS: list[tuple[str, Callable[[World], dict[str, Any]]]] = [
    ("organisation", org),
    ("country", country),
    ("location", location),
    ("phase", phase),
    ("contact", contact),
]
for _name, _kwargs in REGISTERS:
    TABLE[f"partnership:{_name}_list"] = Row(MEMBER)
    TABLE[f"partnership:{_name}_export"] = Row(MEMBER, kwargs=fmt())
    TABLE[f"partnership:{_name}_create"] = Row(MANAGER, WRITE)
    TABLE[f"partnership:{_name}_detail"] = Row(MEMBER, kwargs=_kwargs)
    TABLE[f"partnership:{_name}_edit"] = Row(MANAGER, WRITE, _kwargs)
    TABLE[f"partnership:{_name}_set_active"] = Row(MANAGER, POST_ONLY, _kwargs)
    TABLE[f"api:{_name}-list"] = Row(MEMBER, READ)
    TABLE[f"api:{_name}-detail"] = Row(MEMBER, READ, _kwargs)

# API writes of the registers, tried on top of the reads above: coordinators only.
API_WRITES: dict[str, str] = {
    f"api:{name}-{kind}": method for name, _ in REGISTERS for kind, method in [("list", "POST"), ("detail", "PATCH")]
}

# The rows of later domains live beside this file, one module per area (tests/permission_rows/).
TABLE.update(collect_rows())


def iter_patterns(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from iter_patterns(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else (pattern.name or "")
            yield name, prefix + str(pattern.pattern)


ALL_PATTERNS = sorted(set(iter_patterns(get_resolver().url_patterns)))
OWN_PATTERNS = sorted({name for name, route in ALL_PATTERNS if not route.startswith("admin/")})


def test_every_url_pattern_is_in_the_permission_table():
    unnamed = [route for name, route in ALL_PATTERNS if not name and not route.startswith("admin/")]
    assert not unnamed, f"URL patterns without a name escape the table: {unnamed}"
    missing = [name for name in OWN_PATTERNS if name not in TABLE]
    assert not missing, f"Add these URL names to the permission table: {missing}"
    stale = [name for name in TABLE if name not in OWN_PATTERNS]
    assert not stale, f"The table names URLs that no longer exist: {stale}"


def client_as(world: World, visitor: str) -> Client:
    if visitor == "anonymous":
        return Client()
    if visitor == "superuser":
        from cpphub.accounts.models import User

        user = User.objects.create_superuser("root@example.org", "x-unused-password-x")
        return sign_in(Client(), user)
    return sign_in(Client(), world.users[visitor])


def state() -> dict[str, Any]:
    """Everything a denied write could have changed."""
    from django.apps import apps

    from cpphub.accounts.models import Membership, User
    from cpphub.mapping import models as mapping
    from cpphub.partnership.models import Contact, Country, Organisation, Phase, PilotLocation

    snapshot: dict[str, Any] = {
        model.__name__: sorted(map(repr, model.objects.values()))
        for model in (
            Organisation,
            Country,
            PilotLocation,
            Phase,
            Contact,
            Membership,
            mapping.Instrument,
            mapping.Question,
            mapping.Choice,
            mapping.MappingSession,
            mapping.ParticipantGroup,
            mapping.Participant,
            mapping.Consent,
            mapping.ConsentRule,
            mapping.Submission,
            mapping.Answer,
            mapping.MapCount,
            mapping.Finding,
            mapping.ImportJob,
            mapping.MappingSettings,
            *apps.get_app_config("planning").get_models(),
            *apps.get_app_config("national").get_models(),
            *apps.get_app_config("coordination").get_models(),
            *apps.get_app_config("connect").get_models(),
        )
    }
    snapshot["User"] = sorted(map(repr, User.objects.values("email", "full_name", "is_active", "password")))
    snapshot["Token"] = sorted(Token.objects.values_list("user_id", flat=True))
    snapshot["m2m"] = sorted(
        map(repr, Organisation.sectors.through.objects.values_list("organisation_id", "sector_id"))
    ) + sorted(map(repr, PilotLocation.implementing_partners.through.objects.values_list()))
    # Many-to-many links of the top-down and coordination records (who took part, what an action joins).
    for app in ("national", "coordination", "connect"):
        for model in apps.get_app_config(app).get_models():
            for m2m in model._meta.many_to_many:
                through = getattr(model, m2m.name).through
                snapshot[f"m2m:{through._meta.label}"] = sorted(map(repr, through.objects.values_list()))
    return snapshot


def is_login_redirect(response: Any) -> bool:
    return response.status_code == 302 and reverse("two_factor:login") in response["Location"]


def outcome(response: Any, row: Row) -> str:
    if is_login_redirect(response) and row.ends_on_sign_in:
        return "allowed"
    if is_login_redirect(response) or response.status_code in (401, 403):
        return "denied"
    if response.status_code == 404 and 404 not in row.also_allowed:
        return "denied"
    return "allowed"


def request(client: Client, method: str, url: str) -> Any:
    if method == "GET":
        return client.get(url)
    if method == "POST":
        return client.post(url, {})
    return client.generic(method, url, "{}", content_type="application/json")


@pytest.mark.parametrize("name", sorted(TABLE))
def test_each_visitor_gets_what_the_table_says(name, world):
    row = TABLE[name]
    kwargs = row.kwargs(world)
    url = reverse(name, kwargs=kwargs)
    methods = row.methods
    if name in API_WRITES:
        methods = (*methods, API_WRITES[name])
    wrong: list[str] = []
    for visitor in VISITORS:
        client = client_as(world, visitor)
        for method in methods:
            is_write = method != "GET"
            policy = MANAGER if (name in API_WRITES and is_write) else row.policy
            if is_write and row.write_policy:
                policy = row.write_policy
            expected = "allowed" if visitor in ALLOWED[policy] else "denied"
            before = state() if is_write and expected == "denied" else None
            response = request(client, method, url)
            got = outcome(response, row)
            if got != expected:
                wrong.append(f"{visitor} {method}: expected {expected}, got {response.status_code}")
            if before is not None and state() != before:
                wrong.append(f"{visitor} {method}: a denied write changed the database")
            if response.status_code >= 500:
                wrong.append(f"{visitor} {method}: server error {response.status_code}")
        if visitor == "superuser":
            from cpphub.accounts.models import User

            User.objects.filter(email="root@example.org").delete()
    assert not wrong, f"{name} ({url}):\n" + "\n".join(wrong)


def admin_url(route: str) -> str:
    """A concrete URL for an admin route: first alternative of a choice, "1" for any other argument."""
    url = re.sub(r"\(\?P<\w+>\(?([\w]+)[^)]*\)\)?", lambda m: m.group(1), route)
    url = re.sub(r"\(\?P<\w+>[^)]*\)", "1", url)
    url = re.sub(r"<(?:\w+:)?\w+>", "1", url)
    return "/" + url.replace("^", "").replace("$", "").replace("\\", "")


ADMIN_ROUTES = sorted({route for name, route in ALL_PATTERNS if route.startswith("admin/")})


@pytest.mark.parametrize("route", ADMIN_ROUTES)
def test_the_django_admin_is_for_superusers_only(route, world):
    url = admin_url(route)
    wrong = []
    for visitor in ["anonymous", "outsider", *ROLES]:
        response = client_as(world, visitor).get(url)
        location = response.get("Location", "")
        sent_away = response.status_code == 302 and ("login" in location or location == "/admin/")
        if not (sent_away or response.status_code in (403, 404, 405)):
            wrong.append(f"{visitor}: {response.status_code} {location}")
    assert not wrong, f"{url}: {wrong}"


def test_a_verified_superuser_manages_the_registry_in_the_admin(world):
    client = client_as(world, "superuser")
    for url in ["/admin/", "/admin/partnership/organisation/", "/admin/accounts/user/", "/admin/audit/auditevent/"]:
        assert client.get(url).status_code == 200, url
    page = client.get(f"/admin/partnership/organisation/{world.orgs['face'].pk}/change/")
    assert page.status_code == 200
    assert "Foundation for Child Development" in page.content.decode()
