"""The instrument pages: list, preview in any language, import, tags in place, deactivation."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cpphub.audit.models import AuditEvent
from cpphub.mapping.models import Choice, Instrument, Question
from cpphub.mapping.services.instruments import instrument_import
from cpphub.mapping.tests.forms import xlsx


@pytest.fixture
def chiang_rai_form(world):
    return instrument_import(
        file_name="form.xlsx", content=xlsx(), location=world.locations["chiang_rai"], acting_user=None
    )


@pytest.fixture
def template_form(world):
    return instrument_import(file_name="template.xlsx", content=xlsx(), location=None, acting_user=None)


def _upload(content: bytes = b"", name: str = "form.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content or xlsx())


@pytest.mark.parametrize("persona", ["coordinator", "steering_member", "facilitator", "caseworker"])
def test_members_see_the_list_with_location_or_template(client_for, chiang_rai_form, template_form, persona):
    page = client_for(persona).get(reverse("mapping:instrument_list")).content.decode()
    assert "Children online" in page
    assert "Chiang Rai" in page
    assert "Partnership template" in page
    assert "English (en)" in page


@pytest.mark.parametrize("persona", ["outsider", None])
def test_it_refuses_the_list_to_non_members(client_for, persona):
    response = client_for(persona).get(reverse("mapping:instrument_list"))
    assert response.status_code in (302, 403)


def test_the_list_filters_by_location(client_for, chiang_rai_form, template_form):
    page = client_for("coordinator").get(reverse("mapping:instrument_list"), {"location": "santo-andre"})
    assert "Children online" not in page.content.decode()


def test_the_list_makes_a_fixed_number_of_queries(client_for, world, django_assert_max_num_queries):
    for n in range(12):
        instrument_import(
            file_name=f"f{n}.xlsx", content=xlsx(), location=world.locations["chiang_rai"], acting_user=None
        )
    client = client_for("facilitator")
    client.get(reverse("mapping:instrument_list"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("mapping:instrument_list")).status_code == 200


def test_the_preview_shows_the_chosen_language_with_nesting_choices_and_tags(client_for, chiang_rai_form):
    question = chiang_rai_form.questions.get(name="online")
    question.risk_dimension, question.ict_tags = "contact", ["grooming"]
    question.save()
    url = reverse("mapping:instrument_detail", args=[chiang_rai_form.pk])
    page = client_for("steering_member").get(url, {"language": "ไทย (th)"}).content.decode()
    assert "คุณอายุเท่าไร" in page
    assert "ใช่" in page  # a choice label in Thai
    assert "Repeat" in page and "select_multiple channel" in page
    assert "Contact" in page and "Grooming" in page
    assert "Edit tags" not in page  # a steering member reads, never tags


def test_the_preview_follows_the_page_language_by_default(client_for, chiang_rai_form):
    client = client_for("facilitator")
    client.cookies["django_language"] = "pt-br"
    page = client.get(reverse("mapping:instrument_detail", args=[chiang_rai_form.pk]), HTTP_ACCEPT_LANGUAGE="pt-br")
    assert "Quantos anos você tem?" in page.content.decode()


def test_a_facilitator_imports_a_form_to_their_location(client_for, world):
    response = client_for("facilitator").post(
        reverse("mapping:instrument_import"), {"file": _upload(), "location": world.locations["chiang_rai"].pk}
    )
    instrument = Instrument.objects.get()
    assert response.status_code == 302
    assert instrument.location == world.locations["chiang_rai"]


def test_a_form_pyxform_refuses_is_shown_and_nothing_is_saved(client_for, world):
    bad = xlsx(survey=[["select_one missing_list", "q", "Q", "Q", "Q"]])
    response = client_for("facilitator").post(
        reverse("mapping:instrument_import"), {"file": _upload(bad), "location": world.locations["chiang_rai"].pk}
    )
    assert response.status_code == 200
    assert "missing_list" in response.content.decode()
    assert not Instrument.objects.exists()
    assert not Question.objects.exists()


def test_a_facilitator_cannot_import_to_another_location_nor_a_template(client_for, world):
    client = client_for("facilitator")
    other = client.post(
        reverse("mapping:instrument_import"), {"file": _upload(), "location": world.locations["santo_andre"].pk}
    )
    template = client.post(reverse("mapping:instrument_import"), {"file": _upload()})
    assert other.status_code == template.status_code == 200
    assert not Instrument.objects.exists()


def test_a_coordinator_imports_a_partnership_template(client_for):
    client_for("coordinator").post(reverse("mapping:instrument_import"), {"file": _upload()})
    assert Instrument.objects.get().location is None


def test_a_member_who_facilitates_nothing_may_not_import(client_for):
    assert client_for("steering_member").get(reverse("mapping:instrument_import")).status_code == 403


def test_a_facilitator_tags_a_question_in_place(client_for, chiang_rai_form):
    question = chiang_rai_form.questions.get(name="online")
    response = client_for("facilitator").post(
        reverse("mapping:question_tag", args=[question.pk]),
        {"risk_dimension": "contact", "risk_row": "sexual", "ict_tags": ["sextortion"], "channels": ["webcam"]},
        HTTP_HX_REQUEST="true",
    )
    question.refresh_from_db()
    assert response.status_code == 200
    assert f'id="tags-question-{question.pk}"' in response.content.decode()
    assert "Sextortion" in response.content.decode()
    assert (question.risk_dimension, question.ict_tags, question.channels) == ("contact", ["sextortion"], ["webcam"])
    assert AuditEvent.objects.filter(object_type="mapping.question", object_id=str(question.pk)).exists()


def test_a_facilitator_tags_a_choice_with_a_strength(client_for, chiang_rai_form):
    choice = Choice.objects.get(question__instrument=chiang_rai_form, name="yes")
    response = client_for("facilitator").post(
        reverse("mapping:choice_tag", args=[choice.pk]), {"strength": "peer_support"}
    )
    choice.refresh_from_db()
    assert response.status_code == 302
    assert choice.strength == "peer_support"


def test_a_bad_tag_is_refused_on_the_form(client_for, chiang_rai_form):
    question = chiang_rai_form.questions.get(name="online")
    response = client_for("facilitator").post(
        reverse("mapping:question_tag", args=[question.pk]), {"risk_dimension": "commerce"}, HTTP_HX_REQUEST="true"
    )
    question.refresh_from_db()
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert question.risk_dimension == ""


@pytest.mark.parametrize("persona", ["other_facilitator", "coordinator", "steering_member"])
def test_only_facilitators_of_the_location_tag_its_instruments(client_for, chiang_rai_form, persona):
    question = chiang_rai_form.questions.get(name="online")
    response = client_for(persona).post(
        reverse("mapping:question_tag", args=[question.pk]), {"risk_dimension": "contact"}
    )
    question.refresh_from_db()
    assert response.status_code == 403
    assert question.risk_dimension == ""


def test_coordinators_tag_templates_and_facilitators_do_not(client_for, template_form):
    question = template_form.questions.get(name="online")
    url = reverse("mapping:question_tag", args=[question.pk])
    assert client_for("facilitator").post(url, {"risk_dimension": "contact"}).status_code == 403
    assert client_for("coordinator").post(url, {"risk_dimension": "content"}).status_code == 302
    question.refresh_from_db()
    assert question.risk_dimension == "content"


def test_a_facilitator_deactivates_an_instrument(client_for, chiang_rai_form):
    url = reverse("mapping:instrument_set_active", args=[chiang_rai_form.pk])
    assert client_for("other_facilitator").post(url, {"active": "false"}).status_code == 403
    assert client_for("facilitator").post(url, {"active": "false"}).status_code == 302
    chiang_rai_form.refresh_from_db()
    assert not chiang_rai_form.is_active
    assert AuditEvent.objects.filter(action="deactivate", object_type="mapping.instrument").exists()
