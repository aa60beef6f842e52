import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cpphub.audit.models import AuditEvent
from cpphub.audit.selectors import audit_event_list
from cpphub.audit.tests.factories import an_old_event, build_trail

URL = reverse("audit:event_list")


def listed_ids(response) -> set[int]:
    return {event.pk for event in response.context["page"].object_list}


def test_the_dpo_sees_the_whole_trail_newest_first(world, client_for):
    client = client_for("dpo")
    old = an_old_event(world, days=40)
    trail = build_trail(world)

    response = client.get(URL)

    assert response.status_code == 200
    events = list(response.context["page"].object_list)
    assert events == list(AuditEvent.objects.order_by("-at", "-id"))
    assert events.index(trail.password_changed) < events.index(trail.created) < events.index(trail.renamed)
    assert events[-1] == old


def test_the_dpo_finds_an_event_by_actor_and_object(world, client_for):
    trail = build_trail(world)
    face = world.orgs["face"]

    response = client_for("dpo").get(
        URL, {"who": "coordinator@", "object_type": "partnership.organisation", "object_id": str(face.pk)}
    )

    assert listed_ids(response) == {trail.renamed.pk}
    assert "Foundation for Child Development" in response.text
    assert "FACE Foundation" in response.text


def test_it_shows_changed_fields_as_old_then_new(world, client_for):
    build_trail(world)

    response = client_for("dpo").get(URL, {"action": "update"})

    html = response.text
    assert '<code>website</code>: <span class="empty" title="empty">∅</span>' in html
    assert '<span class="new">https://face.example</span>' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"action": "password_changed"}, {"password_changed"}),
        ({"who": "CASEWORKER"}, {"password_changed"}),
        ({"q": "FACE Foundation"}, {"renamed"}),
        ({"q": "santo andré"}, {"created"}),  # inside the changes, stored as escaped JSON on SQLite
        ({"address": "10.0.0.7"}, {"renamed", "created", "password_changed"}),
        ({"address": "10.0.0.8"}, set()),
    ],
)
def test_the_dpo_filters_the_trail(world, client_for, query, expected):
    trail = build_trail(world)

    response = client_for("dpo").get(URL, query)

    assert listed_ids(response) == {getattr(trail, name).pk for name in expected}


def test_it_filters_by_date_range(world, client_for):
    build_trail(world)
    old = an_old_event(world, days=40)
    day = timezone.localdate() - dt.timedelta(days=40)

    response = client_for("dpo").get(URL, {"date_from": day.isoformat(), "date_to": day.isoformat()})

    assert listed_ids(response) == {old.pk}


def test_a_malformed_value_is_reported_and_left_out_of_the_search(world, client_for):
    client = client_for("dpo")
    build_trail(world)

    response = client.get(URL, {"date_from": "yesterday", "address": "not-an-address", "action": "update"})

    assert response.status_code == 200
    assert response.context["filter_form"].errors.keys() == {"date_from", "address"}
    assert response.context["page"].paginator.count == 1


def test_it_pages_the_trail_and_keeps_the_search_in_the_page_links(world, client_for):
    for n in range(51):
        AuditEvent.objects.create(action=AuditEvent.Action.TOKEN_CREATED, actor_email=f"user{n}@example.org")
    client = client_for("dpo")

    response = client.get(URL, {"action": "token_created"})

    assert len(response.context["page"].object_list) == 50
    assert "?action=token_created&amp;page=2" in response.text
    second = client.get(URL, {"action": "token_created", "page": 2}).context["page"]
    assert second.number == 2
    assert len(second.object_list) == 1


def test_the_list_page_makes_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    build_trail(world)
    for n in range(30):
        AuditEvent.objects.create(action=AuditEvent.Action.SIGN_IN, actor_email=f"user{n}@example.org")
    client = client_for("dpo")
    client.get(URL)  # warm the shell's once-a-minute cache (is the demo loaded?)

    with django_assert_max_num_queries(10):
        response = client.get(URL)

    assert response.status_code == 200


def test_the_selector_refuses_a_viewer_who_may_not_read_the_audit(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        audit_event_list(viewer=world.user("coordinator"), filters={})
