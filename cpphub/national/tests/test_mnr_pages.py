"""The MNR pages: the aggregate for everyone, an assessment's details and ratings for its country's own."""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

from conftest import sign_in
from cpphub.national.models import MnrAssessment
from cpphub.national.tests.national_records import brazil_assessment, thai_assessment


def test_the_overview_shows_the_aggregate_and_no_countrys_ratings(world, client):
    thai_assessment(world)
    brazil_assessment(world)
    sign_in(client, world.users["steering_member"])
    page = client.get(reverse("national:mnr_overview"))
    html = page.content.decode()
    assert page.context["aggregate"].shown and 'id="mnr-chart-data"' in html
    assert "Criminal justice" in html and "Brazil" in html and "Thailand" in html
    assert "Evidence for capability" not in html and "Thailand MNR 2009" not in html
    assert "None that you may open." in html


def test_a_focal_point_of_one_of_two_countries_is_told_why_the_aggregate_is_withheld(world, client):
    thai = thai_assessment(world)
    brazil_assessment(world)
    sign_in(client, world.users["national_focal_point"])
    html = client.get(reverse("national:mnr_overview")).content.decode()
    assert "The aggregate is withheld" in html and 'id="mnr-chart-data"' not in html
    assert reverse("national:mnr_detail", args=[thai.pk]) in html  # their own assessment, to open


def test_the_detail_shows_groups_gaps_and_changes_to_the_countrys_own(world, client):
    thai_assessment(world)
    later = thai_assessment(
        world, title="Thailand MNR 2010", assessed_on="2010-05-01", phases={1: 4, 5: 1, 6: 2, 11: 3}
    )
    sign_in(client, world.users["national_focal_point"])
    page = client.get(reverse("national:mnr_detail", args=[later.pk]))
    html = page.content.decode()
    assert "Model National Response 2022 with maturity model" in html
    assert html.count('class="gap"') == page.context["gap_count"] == 18  # 17 unrated + capability 5 in phase 1
    rows = {row.number: row.change for group in page.context["groups"] for row in group.rows}
    assert (rows[1], rows[5], rows[6], rows[11]) == ("up", "same", "new", "down")
    assert "↑ Up" in html and "↓ Down" in html
    assert "Thailand MNR 2009" in html  # compared with


def test_others_do_not_find_an_assessment(world, client):
    thai = thai_assessment(world)
    for persona in ["steering_member", "facilitator", "other_facilitator"]:
        sign_in(client, world.users[persona])
        for name, kwargs in [
            ("national:mnr_detail", {"pk": thai.pk}),
            ("national:mnr_edit", {"pk": thai.pk}),
            ("national:mnr_export", {"pk": thai.pk, "fmt": "csv"}),
        ]:
            assert client.get(reverse(name, kwargs=kwargs)).status_code == 404, (persona, name)


def test_a_focal_point_makes_an_assessment_from_the_previous_one_and_rates_it(world, client):
    thai_assessment(world)
    sign_in(client, world.users["national_focal_point"])
    made = client.post(
        reverse("national:mnr_create"),
        {
            "country": world.countries["thailand"].pk,
            "title": "Thailand MNR 2010",
            "assessed_on": "2010-05-01",
            "framework_version": "2022",
            "status": "draft",
            "copy_previous": "on",
        },
    )
    assessment = MnrAssessment.objects.get(title="Thailand MNR 2010")
    assert made.status_code == 302 and made["Location"] == reverse("national:mnr_edit", args=[assessment.pk])
    edit = client.get(made["Location"])
    formset = edit.context["formset"]
    assert len(formset.forms) == 21 and formset.forms[0].initial["phase"] == 3  # copied from 2009
    data = {"title": "Thailand MNR 2010", "assessed_on": "2010-05-01", "framework_version": "2022", "status": "final"}
    data.update({f"ratings-{key}": value for key, value in formset.management_form.initial.items()})
    for index, form in enumerate(formset.forms):
        data[f"ratings-{index}-id"] = form.instance.pk
        data[f"ratings-{index}-phase"] = form.initial["phase"] or ""
        data[f"ratings-{index}-evidence"] = form.initial["evidence"]
    data["ratings-5-phase"] = "2"  # capability 6 rated for the first time
    data["ratings-5-evidence"] = "Probation service follows offenders"
    saved = client.post(made["Location"], data)
    assert saved.status_code == 302, saved.context["formset"].errors if saved.context else saved
    rating = assessment.ratings.get(capability=6)
    assert rating.phase == 2 and rating.evidence == "Probation service follows offenders"
    assessment.refresh_from_db()
    assert assessment.status == "final"


def test_the_assessment_form_asks_for_all_four_phase_names(world, client):
    sign_in(client, world.users["coordinator"])
    response = client.post(
        reverse("national:mnr_create"),
        {
            "country": world.countries["brazil"].pk,
            "title": "Brasil MNR",
            "assessed_on": "2010-05-01",
            "framework_version": "2022",
            "status": "draft",
            "phase_1": "Inicial",
            "phase_2": "Em desenvolvimento",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["phase_3"] == [
        "Name all four phases, or none for the framework's own names."
    ]
    assert not MnrAssessment.objects.exists()


def test_the_export_has_every_capability_with_its_phase_and_partners(world, client):
    thai = thai_assessment(world)
    sign_in(client, world.users["coordinator"])
    response = client.get(reverse("national:mnr_export", args=[thai.pk, "xlsx"]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == "#country+name" and len(rows) == 2 + 21
    education = next(r for r in rows[2:] if r[rows[0].index("Capability")] == 13)
    assert education[rows[0].index("Phase name")] == "Developing"
    assert education[rows[0].index("Partners holding it")] == "Foundation for Child Development; Plan Thailand"
