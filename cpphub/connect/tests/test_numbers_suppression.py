"""The numbers of referrals: right, and suppressed everywhere a small count could single children out."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from cpphub.connect.models import Case, Referral
from cpphub.connect.selectors.numbers import Params, referral_numbers
from cpphub.connect.tests import records
from cpphub.mapping.models import MappingSettings

pytestmark = pytest.mark.django_db


def referrals_in(world, location_key: str, n: int, **fields) -> list[Referral]:
    made = []
    for _ in range(n):
        referral = records.referral(world, **fields)
        Case.objects.filter(pk=referral.case_id).update(location=world.locations[location_key])
        made.append(referral)
    return made


@pytest.fixture
def twelve_and_two(world):
    referrals_in(world, "chiang_rai", 12)
    referrals_in(world, "santo_andre", 2)
    return world


def test_a_small_location_is_hidden_and_cannot_be_recovered_from_the_totals(twelve_and_two, client_for) -> None:
    w = twelve_and_two
    numbers = referral_numbers(viewer=w.users["steering_member"])
    by_slug = {g.key: g for g in numbers.by_location}
    assert by_slug[w.locations["chiang_rai"].slug].made.value == 12
    small = by_slug[w.locations["santo_andre"].slug].made
    assert small.suppressed and small.value is None and small.reason == "primary"
    # The total across locations would give 14 - 12 = 2 away: it is withheld too, and so are the sex and age margins.
    assert numbers.total.made.suppressed and numbers.total.made.value is None
    assert all(g.made.value != 14 for g in (*numbers.by_sex, *numbers.by_age_band))
    published = [
        g.made.value
        for g in (*numbers.by_location, numbers.total, *numbers.by_sex, *numbers.by_age_band)
        if not g.made.suppressed
    ]
    assert 2 not in published and 14 not in published

    # The API.
    body = client_for("steering_member").get("/api/v1/referral-numbers/").json()
    rows = {row["key"]: row for row in body["by_location"]}
    assert rows[w.locations["santo_andre"].slug]["made"] == {"value": None, "suppressed": True, "reason": "primary"}
    assert rows[w.locations["chiang_rai"].slug]["made"] == {"value": 12, "suppressed": False}
    assert body["total"]["made"]["value"] is None and body["total"]["made"]["suppressed"] is True
    assert '"value": 2,' not in str(body).replace("'", '"') and "14" not in str(body["total"])

    # The page.
    page = client_for("steering_member").get("/connect/numbers/").content.decode()
    assert "&lt;10" in page and ">12<" in page and ">14<" not in page and ">2<" not in page

    # The spreadsheet: a withheld number is an empty cell.
    response = client_for("steering_member").get("/connect/numbers/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    lines = {row[1]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert lines[w.locations["chiang_rai"].name][2] == 12
    assert lines[w.locations["santo_andre"].name][2] is None
    values = [v for row in sheet.iter_rows(min_row=3, values_only=True) for v in row[2:6]]
    assert 2 not in values and 14 not in values


def test_a_location_filter_shows_the_location_alone(twelve_and_two, client_for) -> None:
    w = twelve_and_two
    body = client_for("facilitator").get(f"/api/v1/referral-numbers/?location={w.locations['chiang_rai'].slug}").json()
    assert [row["key"] for row in body["by_location"]] == [w.locations["chiang_rai"].slug]
    assert body["total"]["made"] == {"value": 12, "suppressed": False}
    assert {row["key"]: row["made"]["value"] for row in body["by_sex"]}["female"] == 12
    assert client_for("facilitator").get("/api/v1/referral-numbers/?sent_from=yesterday").status_code == 400
    assert client_for("facilitator").get("/api/v1/referral-numbers/?location=nowhere").status_code == 400


def test_the_median_days_to_first_service_on_a_hand_built_set(world) -> None:
    MappingSettings.objects.update_or_create(pk=1, defaults={"threshold": 5})
    today = timezone.localdate()
    now = timezone.now()
    # Days from identification to first service: 1, 2, 4, 7, 10 -> median 4; a sixth case never served.
    for days in (1, 2, 4, 7, 10):
        referral = records.referral(world, status="accepted", accepted_at=now)
        Case.objects.filter(pk=referral.case_id).update(identified_on=today - dt.timedelta(days=days))
        # A second, later referral of the same case does not change its first service.
        Referral.objects.create(
            case=referral.case,
            service=referral.service,
            provider=referral.provider,
            status="in_progress",
            sent_at=now,
            deadline_at=now,
            accepted_at=now,
            started_at=now + dt.timedelta(days=30),
        )
    records.referral(world)
    numbers = referral_numbers(viewer=world.users["coordinator"], params=Params(location=world.locations["chiang_rai"]))
    assert numbers.total.counts["served"].value == 5
    assert numbers.total.median_days.value == 4
    assert numbers.total.made.value == 11
    # By sex: all girls; the boys' median has nothing under it.
    by_sex = {g.key: g for g in numbers.by_sex}
    assert by_sex["female"].median_days.value == 4 and by_sex["male"].median_days.value is None


def test_the_median_is_withheld_over_fewer_than_k_cases(world) -> None:
    now = timezone.now()
    for _ in range(3):
        records.referral(world, status="accepted", accepted_at=now)
    numbers = referral_numbers(viewer=world.users["coordinator"])
    assert numbers.total.median_days.suppressed and numbers.total.median_days.value is None


def test_the_share_answered_within_the_deadline(world) -> None:
    MappingSettings.objects.update_or_create(pk=1, defaults={"threshold": 5})
    now = timezone.now()
    deadline = now - dt.timedelta(hours=1)
    sent = now - dt.timedelta(days=2)
    for _ in range(6):  # answered in time
        records.referral(world, status="accepted", sent_at=sent, deadline_at=deadline, accepted_at=sent)
    for _ in range(2):  # declined late
        records.referral(world, status="declined", sent_at=sent, deadline_at=deadline, declined_at=now)
    for _ in range(2):  # never answered, past the deadline
        records.referral(world, status="sent", sent_at=sent, deadline_at=deadline)
    records.referral(world, status="sent", sent_at=now, deadline_at=now + dt.timedelta(days=1))  # not due yet
    records.referral(world, status="revoked", sent_at=sent, deadline_at=deadline, revoked_at=sent)  # revoked in time
    numbers = referral_numbers(viewer=world.users["coordinator"], params=Params(location=world.locations["chiang_rai"]))
    assert numbers.total.counts["due"].value == 10
    assert numbers.total.counts["in_time"].value == 6
    assert numbers.total.in_time_share.value == 0.6
    assert numbers.total.made.value == 12 and numbers.total.accepted.value == 6
