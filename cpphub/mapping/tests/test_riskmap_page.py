"""The risk map page, its API and its findings: parameters, findings beside the numbers, languages."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cpphub.mapping.models import Finding
from cpphub.mapping.selectors.riskmap import form_language, riskmap_findings
from cpphub.mapping.tests.riskmap_counts import write_counts


@pytest.fixture
def findings(world):
    location = world.locations["chiang_rai"]
    common = {"location": location, "source_type": "focus_group", "perspective": "child"}
    shown = Finding.objects.create(
        kind="risk",
        summary="Strangers ask for photos in game chats",
        risk_dimension="contact",
        risk_row="sexual",
        severity=3,
        quote="they ask for pictures",
        **common,
    )
    withdrawn = Finding.objects.create(
        kind="strength", summary="Older sisters help", strength="peer_support", withdrawn_at=timezone.now(), **common
    )
    return shown, withdrawn


def test_the_findings_beside_the_numbers_leave_out_withdrawn_ones(world, findings, client_for):
    shown, withdrawn = findings
    assert list(riskmap_findings(viewer=world.users["steering_member"], location=world.locations["chiang_rai"])) == [
        shown
    ]
    html = client_for("steering_member").get("/mapping/map/?location=chiang-rai").content.decode()
    assert shown.summary in html and "they ask for pictures" in html
    assert withdrawn.summary not in html


@pytest.mark.parametrize(
    "query",
    ["location=nowhere", "round=two", "round=0", "by=age_band,colour", "perspective=teachers"],
)
def test_bad_parameters_get_a_400_with_a_reason(world, client_for, query):
    client = client_for("steering_member")
    api = client.get(f"/api/v1/riskmap/?{query}")
    assert api.status_code == 400
    assert api.json()["detail"]
    assert client.get(f"/mapping/map/?{query}").status_code == 400
    assert client.get(f"/mapping/map/export.csv?table=heatmap&{query}").status_code == 400


def test_an_unknown_export_table_is_a_400(world, client_for):
    assert client_for("coordinator").get("/mapping/map/export.csv?table=answers").status_code == 400


@pytest.mark.parametrize("persona", [None, "outsider"])
def test_outsiders_get_nothing(world, client_for, persona):
    write_counts(world.locations["chiang_rai"], {("10_12", "female", "respondents"): 50})
    client = client_for(persona)
    assert client.get("/api/v1/riskmap/").status_code in (401, 403)
    assert client.get("/mapping/map/").status_code in (302, 403)
    assert client.get("/mapping/map/export.csv?table=heatmap").status_code in (302, 403)


def test_the_api_names_its_question(world, client_for):
    write_counts(world.locations["chiang_rai"], {("10_12", "female", "respondents"): 50}, round=2)
    body = client_for("caseworker").get("/api/v1/riskmap/?location=chiang-rai&by=sex").json()
    assert (body["location"], body["round"], body["by"], body["perspective"]) == ("chiang-rai", 2, ["sex"], "child")
    assert body["respondents"]["total"] == {"value": 50, "suppressed": False}


def test_the_page_reads_in_thai(world, client_for):
    write_counts(world.locations["chiang_rai"], {("10_12", "female", "respondents"): 50})
    client = client_for("facilitator")
    client.cookies["django_language"] = "th"
    response = client.get("/mapping/map/?location=chiang-rai", HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200
    assert 'lang="th"' in response.content.decode()


@pytest.mark.parametrize(
    ("code", "expected"),
    [("th", "ไทย (th)"), ("pt-br", "Português (pt)"), ("en", "English (en)"), ("fr", "")],
)
def test_the_form_language_follows_the_page_language(code, expected):
    assert form_language(["English (en)", "Português (pt)", "ไทย (th)"], code) == expected


def test_the_map_reads_counts_not_answers(world, django_assert_max_num_queries):
    from cpphub.mapping.selectors.riskmap import riskmap

    write_counts(world.locations["chiang_rai"], {("10_12", "female", "respondents"): 50})
    viewer = world.users["coordinator"]
    viewer.memberships.all()  # warm the viewer's memberships
    riskmap(viewer=viewer, location=world.locations["chiang_rai"])
    with django_assert_max_num_queries(4):
        riskmap(viewer=viewer, location=world.locations["chiang_rai"], by=("age_band", "sex"))
