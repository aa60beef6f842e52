"""Scaling out: a new location from a template copies instruments, settings and action templates, never people."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cpphub.audit.models import AuditEvent
from cpphub.mapping.models import Choice, Finding, Instrument, MappingSession, Participant, Question
from cpphub.mapping.services.instruments import instrument_import, instrument_tag
from cpphub.mapping.tests.forms import xlsx
from cpphub.partnership.models import PilotLocation
from cpphub.planning.models import ActionTemplate, Engagement, PlanningConfig, StageMove, Stakeholder, Workshop
from cpphub.planning.services.scale_out import location_from_template
from cpphub.planning.tests import cycle_world as make


def build_template(world):  # type: ignore[no-untyped-def]
    """Chiang Rai with an instrument (one question and one choice tagged), settings, templates and people data."""
    template = world.locations["chiang_rai"]
    instrument = instrument_import(file_name="form.xlsx", content=xlsx(), location=template, acting_user=None)
    instrument_tag(
        question_or_choice=instrument.questions.get(name="online"), risk_dimension="contact", acting_user=None
    )
    instrument_tag(
        question_or_choice=Choice.objects.get(question__instrument=instrument, name="webcam"),
        channels=["webcam"],
        acting_user=None,
    )
    PlanningConfig.objects.create(
        location=template,
        weights={"severity": 5, "children": 2, "feasibility": 2, "strengths": 1},
        checklist={
            "map": {"sessions": 2, "findings": 4},
            "engage": {"stakeholders": 3, "engagements": 1},
            "plan": {"workshops": 1, "ranked_priorities": 2},
            "create": {"action_plans": 1, "actions": 1},
        },
    )
    ActionTemplate.objects.create(
        location=template, title="Safer LAN houses", outcome="equip", target_groups=["lan_house_owners"]
    )
    ActionTemplate.objects.create(location=world.locations["santo_andre"], title="Not this one", outcome="connect")
    make.full_map(world)
    make.stakeholders(world, 2)
    make.engagements(world, 1)
    make.workshop(world, ranked=1)
    Participant.objects.create(location=template, code="CR-001", perspective="child", age_band="10_12", sex="female")
    template.stage = "create"
    template.save()
    return template


def test_it_copies_instruments_settings_and_templates_and_nothing_about_people(world):
    template = build_template(world)
    result = location_from_template(
        template=template,
        name="Chiang Mai",
        slug="",
        country=world.countries["thailand"],
        acting_user=world.users["coordinator"],
    )
    new = result.location
    assert (new.slug, new.stage, new.country) == ("chiang-mai", "map", world.countries["thailand"])
    assert (result.instruments, result.questions, result.choices, result.action_templates) == (1, 5, 4, 1)

    original = Instrument.objects.get(location=template)
    copy = Instrument.objects.get(location=new)
    assert copy.pk != original.pk and copy.title == original.title and copy.languages == original.languages
    assert list(copy.questions.values_list("path", "kind", "type")) == list(
        original.questions.values_list("path", "kind", "type")
    )
    # The tree is kept: the copied question sits in the copied group.
    age = copy.questions.get(name="age")
    assert age.parent is not None and age.parent.instrument == copy and age.parent.name == "about"
    assert copy.questions.get(name="online").risk_dimension == "contact"
    assert Choice.objects.get(question__instrument=copy, name="webcam").channels == ["webcam"]
    assert Choice.objects.get(question__instrument=copy, name="yes").labels["English (en)"] == "Yes"

    config = PlanningConfig.objects.get(location=new)
    assert config.weights == {"severity": 5, "children": 2, "feasibility": 2, "strengths": 1}
    assert config.checklist["map"] == {"sessions": 2, "findings": 4}
    assert list(ActionTemplate.objects.filter(location=new).values_list("title", "target_groups")) == [
        ("Safer LAN houses", ["lan_house_owners"])
    ]
    for model, field in [
        (Participant, "location"),
        (MappingSession, "location"),
        (Finding, "location"),
        (Stakeholder, "location"),
        (Engagement, "location"),
        (Workshop, "location"),
        (StageMove, "location"),
    ]:
        assert not model.objects.filter(**{field: new}).exists(), model.__name__
    event = AuditEvent.objects.get(object_type="partnership.pilotlocation", object_id=str(new.pk))
    assert event.action == "create" and event.changes["template"] == [None, "chiang-rai"]
    assert event.changes["copied"][1]["instruments"] == 1


def test_a_template_without_settings_gives_the_defaults(world):
    result = location_from_template(
        template=world.locations["santo_andre"],
        name="São Paulo",
        slug="sao-paulo",
        country=world.countries["brazil"],
        acting_user=None,
    )
    config = PlanningConfig.objects.get(location=result.location)
    assert config.checklist["map"] == {"sessions": 1, "findings": 3}
    assert result.instruments == 0


@pytest.mark.parametrize(
    ("name", "slug", "country", "field"),
    [
        ("Chiang Rai", "chiang-rai-2", "thailand", "name"),
        ("Somewhere", "santo-andre", "brazil", "slug"),
        ("Somewhere", "Not A Slug", "brazil", "slug"),
        ("", "", "brazil", "name"),
        ("Somewhere", "somewhere", None, "country"),
    ],
    ids=["duplicate-name", "duplicate-slug", "bad-slug", "no-name", "no-country"],
)
def test_bad_input_changes_nothing(world, name, slug, country, field):
    template = build_template(world)
    before = (PilotLocation.objects.count(), Instrument.objects.count(), Question.objects.count())
    with pytest.raises(ValidationError) as refused:
        location_from_template(
            template=template,
            name=name,
            slug=slug,
            country=world.countries[country] if country else None,
            acting_user=None,
        )
    assert field in refused.value.message_dict
    assert (PilotLocation.objects.count(), Instrument.objects.count(), Question.objects.count()) == before


def test_the_coordinator_starts_a_location_on_the_page(world, client_for):
    build_template(world)
    client = client_for("coordinator")
    url = reverse("planning:location_new_from")
    assert client.get(url, {"from": world.locations["chiang_rai"].pk}).status_code == 200
    response = client.post(
        url,
        {
            "template": world.locations["chiang_rai"].pk,
            "name": "Recife",
            "slug": "recife",
            "country": world.countries["brazil"].pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    new = PilotLocation.objects.get(slug="recife")
    assert response.redirect_chain[-1][0] == reverse("planning:cycle", kwargs={"pk": new.pk})
    assert "Started Recife (recife) from Chiang Rai: 1 instruments" in response.content.decode()


def test_a_duplicate_slug_on_the_page_is_a_field_error(world, client_for):
    response = client_for("coordinator").post(
        reverse("planning:location_new_from"),
        {
            "template": world.locations["chiang_rai"].pk,
            "name": "Other",
            "slug": "santo-andre",
            "country": world.countries["brazil"].pk,
        },
    )
    assert response.status_code == 200
    assert "already has the short name santo-andre" in str(response.context["form"].errors["slug"])
    assert PilotLocation.objects.count() == 2


@pytest.mark.parametrize("persona", ["facilitator", "steering_member", "national_focal_point"])
def test_only_coordinators_start_locations(world, client_for, persona):
    response = client_for(persona).post(
        reverse("planning:location_new_from"),
        {"template": world.locations["chiang_rai"].pk, "name": "Recife", "country": world.countries["brazil"].pk},
    )
    assert response.status_code == 403
    assert not PilotLocation.objects.filter(name="Recife").exists()
