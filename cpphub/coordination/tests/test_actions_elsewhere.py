"""A coordinated action is seen from both sides: the national overview of its country and its location's pages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import sign_in
from cpphub.coordination.tests.synergy_records import chiang_rai_coordinated_action
from cpphub.national.tests.national_records import thai_priority

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "page"),
    [
        ("national_focal_point", "national"),
        ("steering_member", "national"),
        ("facilitator", "location"),
        ("other_facilitator", "cycle"),
    ],
)
def test_a_coordinated_action_shows_on_the_national_and_the_location_pages(world, client: Client, persona, page):
    thai_priority(world)  # the overview lists the countries with national work
    action = chiang_rai_coordinated_action(world)
    chiang_rai = world.locations["chiang_rai"]
    url = {
        "national": reverse("national:home"),
        "location": chiang_rai.get_absolute_url(),
        "cycle": reverse("planning:cycle", args=[chiang_rai.pk]),
    }[page]
    html = sign_in(client, world.user(persona)).get(url).content.decode()
    assert action.title in html
    assert reverse("coordination:action_detail", args=[action.pk]) in html


def test_a_location_without_coordinated_actions_says_so(world, client: Client):
    chiang_rai_coordinated_action(world)
    santo_andre = world.locations["santo_andre"]
    html = sign_in(client, world.user("other_facilitator")).get(santo_andre.get_absolute_url()).content.decode()
    assert "No coordinated actions yet." in html
    assert "Teachers and police against online grooming" not in html
