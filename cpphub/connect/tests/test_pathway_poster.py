"""A pathway's poster: one A4 page in each language, with the steps and never a confidential line."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.urls import reverse

from cpphub.connect.models import PathwayStep
from cpphub.connect.services.pathways import POSTER_LANGUAGES, poster_document
from cpphub.connect.tests import records

pytestmark = pytest.mark.django_db

LONG_ACTION = "Write down what the child said in their own words, without asking leading questions (step {n})"


def eight_step_pathway(world):
    pathway = records.pathway(world)
    pathway.summary = "Believe the child, keep them safe, and call the services below in this order."
    pathway.save()
    service = pathway.steps.get(order=2).service
    for n in range(3, 9):
        PathwayStep.objects.create(
            pathway=pathway,
            order=n,
            action=LONG_ACTION.format(n=n),
            service=service if n % 2 else None,
            responsible="The caseworker on duty",
            is_decision=n == 5,
            within_hours=n * 6 if n % 3 else None,
            notes="Keep the notes in the case file.",
        )
    return pathway


@pytest.mark.parametrize("language", POSTER_LANGUAGES)
def test_an_eight_step_poster_is_one_page_in_each_language(world, language):
    assert len(poster_document(eight_step_pathway(world), language).pages) == 1


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "poster.pdf"
    path.write_bytes(pdf)
    command = [shutil.which("pdftotext") or "pdftotext", "-layout", str(path), "-"]
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout  # noqa: S603 - our own file


@pytest.mark.parametrize("language", POSTER_LANGUAGES)
def test_the_poster_shows_the_steps_and_phones_but_never_the_direct_line(world, client, tmp_path, language):
    pathway = eight_step_pathway(world)
    response = client.get(reverse("connect:pathway_poster", args=[pathway.pk, language]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(_text(response.content, tmp_path).split())
    assert "Listen, reassure, do not investigate" in text
    assert "Refer for legal aid" in text
    assert "1387" in text  # the service's public phone
    assert records.DIRECT_LINE not in text
    assert "The case manager at FACE" in text  # who decides
    assert "168" in text  # the low-risk deadline


def test_a_draft_poster_is_hidden_from_the_public_and_unknown_languages_are_404(world, client):
    pathway = records.pathway(world)
    assert client.get(f"/connect/pathways/{pathway.pk}/poster-de.pdf").status_code == 404
    pathway.is_published = False
    pathway.save()
    assert client.get(reverse("connect:pathway_poster", args=[pathway.pk, "en"])).status_code == 404
