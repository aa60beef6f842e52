"""Only the data protection officer (and a superuser) may read the audit trail and the access log."""

import pytest
from django.urls import reverse

from conftest import ROLES, sign_in
from cpphub.audit.models import AuditEvent
from cpphub.audit.tests.factories import build_trail

PAGES = ["audit:event_list", "audit:access_list", "audit:event_detail", "audit:event_export", "audit:access_export"]
API = ["api:audit-event-list", "api:access-log-list", "api:audit-event-detail", "api:access-log-detail"]


def page_url(name, trail):
    if name == "audit:event_detail":
        return reverse(name, args=[trail.renamed.pk])
    if name.endswith("_export"):
        return reverse(name, args=["csv"])
    return reverse(name)


def api_url(name, trail):
    if name == "api:audit-event-detail":
        return reverse(name, args=[trail.renamed.pk])
    if name == "api:access-log-detail":
        return reverse(name, args=[trail.viewed.pk])
    return reverse(name)


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize(("persona", "status"), [(role, 200 if role == "dpo" else 403) for role in ROLES])
def test_only_the_dpo_opens_the_audit_pages(world, client_for, persona, status, name):
    trail = build_trail(world)
    client = client_for(persona)
    exports_before = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).count()

    response = client.get(page_url(name, trail))

    assert response.status_code == status
    if status == 403:
        # A refused export leaves no trace of data leaving, because none did.
        assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).count() == exports_before


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(world, client_for, name):
    trail = build_trail(world)

    response = client_for("anonymous").get(page_url(name, trail))

    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor:login"))


@pytest.mark.parametrize("name", API)
@pytest.mark.parametrize(("persona", "status"), [(role, 200 if role == "dpo" else 403) for role in ROLES])
def test_only_the_dpo_reads_the_audit_api(world, client_for, persona, status, name):
    trail = build_trail(world)

    response = client_for(persona).get(api_url(name, trail))

    assert response.status_code == status


@pytest.mark.parametrize("name", API)
def test_the_audit_api_refuses_anonymous_callers(world, client_for, name):
    trail = build_trail(world)

    response = client_for("anonymous").get(api_url(name, trail))

    assert response.status_code in (401, 403)
    assert "results" not in response.json()


def test_a_superuser_reads_the_audit(world):
    from django.test import Client

    from cpphub.accounts.models import User

    root = User.objects.create_superuser("root@example.org", "a-long-enough-password")
    client = sign_in(Client(), root)
    build_trail(world)

    assert client.get(reverse("audit:event_list")).status_code == 200
    assert client.get(reverse("audit:access_list")).status_code == 200
    assert client.get(reverse("api:audit-event-list")).status_code == 200


def test_an_unknown_event_is_not_found(world, client_for):
    assert client_for("dpo").get(reverse("audit:event_detail", args=[999999])).status_code == 404
