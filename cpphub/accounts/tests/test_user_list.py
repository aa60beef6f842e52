"""The people list: search, filters, pages, downloads; a fixed number of queries."""

from __future__ import annotations

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from conftest import PERSONAS, password_hash
from cpphub.accounts.models import Membership, User
from cpphub.accounts.views.people import PAGE_SIZE
from cpphub.audit.models import AuditEvent


def emails(response) -> set[str]:  # type: ignore[no-untyped-def]
    return {person.email for person in response.context["page_obj"]}


def test_it_lists_everyone_with_their_memberships(client_for, world):
    response = client_for("coordinator").get(reverse("accounts:user_list"))

    body = response.content.decode()
    assert emails(response) == {user.email for user in world.users.values()}
    assert "Chiang Rai" in body
    assert reverse("accounts:user_export", args=["xlsx"]) in body


def test_it_searches_by_name_or_email(client_for):
    response = client_for("coordinator").get(reverse("accounts:user_list"), {"q": "hotline"})

    assert emails(response) == {"hotline_analyst@example.org"}


def test_it_filters_by_role_and_organisation_on_the_same_membership(client_for, world):
    client = client_for("coordinator")
    Membership.objects.create(
        user=world.user("dpo"), organisation=world.orgs["face"], role="caseworker", scope="organisation"
    )

    by_role = client.get(reverse("accounts:user_list"), {"role": "caseworker"})
    by_both = client.get(
        reverse("accounts:user_list"), {"role": "caseworker", "organisation": world.orgs["plan_thailand"].pk}
    )

    assert emails(by_role) == {
        "caseworker@example.org",
        "receiving_caseworker@example.org",
        "other_caseworker@example.org",
        "dpo@example.org",
    }
    assert emails(by_both) == {"caseworker@example.org"}


def test_it_filters_by_status(client_for, world):
    outsider = world.user("outsider")
    outsider.is_active = False
    outsider.save(update_fields=["is_active"])
    client = client_for("coordinator")

    inactive = client.get(reverse("accounts:user_list"), {"is_active": "false"})
    active = client.get(reverse("accounts:user_list"), {"is_active": "true"})

    assert emails(inactive) == {"outsider@example.org"}
    assert "outsider@example.org" not in emails(active)


def test_it_pages_with_a_fixed_number_of_queries(client_for, world, django_assert_max_num_queries):
    User.objects.bulk_create(
        User(email=f"person{n:03}@example.org", full_name=f"Person {n}", password=password_hash()) for n in range(40)
    )
    for user in User.objects.filter(email__startswith="person0"):
        Membership.objects.create(user=user, organisation=world.orgs["face"], role="facilitator", scope="organisation")
    client = client_for("coordinator")

    with django_assert_max_num_queries(13):
        first = client.get(reverse("accounts:user_list"))
    second = client.get(reverse("accounts:user_list"), {"page": 2})

    assert len(first.context["page_obj"]) == PAGE_SIZE
    assert first.context["page_obj"].paginator.count == 40 + len(PERSONAS) + 1  # and the outsider
    assert emails(first).isdisjoint(emails(second))


def test_the_csv_download_follows_the_filters_and_is_audited(client_for, world):
    response = client_for("coordinator").get(reverse("accounts:user_export", args=["csv"]), {"role": "facilitator"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Type"].startswith("text/csv")
    assert rows[0][0] == "Email address"
    assert sorted(row[0] for row in rows[1:]) == ["facilitator@example.org", "other_facilitator@example.org"]
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.actor == world.user("coordinator")
    assert event.changes["rows"] == 2
    assert event.changes["filters"] == {"role": "facilitator"}


def test_the_xlsx_download_has_a_row_per_person(client_for, world):
    response = client_for("coordinator").get(reverse("accounts:user_export", args=["xlsx"]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet.max_row == 1 + len(world.users)


def test_an_unknown_download_format_is_not_found(client_for):
    assert client_for("coordinator").get(reverse("accounts:user_export", args=["pdf"])).status_code == 404
