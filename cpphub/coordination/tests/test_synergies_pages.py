"""The synergy pages: members read the list with why, duplicated effort and gaps; coordinators decide."""

from __future__ import annotations

from django.urls import reverse

from cpphub.coordination.models import Synergy
from cpphub.coordination.tests.synergy_records import chiang_rai_action, thai_synergy
from cpphub.national.tests.national_records import thai_assessment, thai_priority

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_a_member_reads_each_suggestion_with_both_sides_the_score_and_why(world, client_for):
    thai_synergy(world)
    page = client_for("steering_member").get(reverse("coordination:synergy_list"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Grooming in online games" in html and "Stop online grooming of children in the north" in html
    assert "Chiang Rai" in html and "Thailand" in html
    assert "Score 75 of 100" in html
    assert "Both address Contact risks and the online harms Grooming." in html
    assert "Duplicated effort" in html and "Gaps" in html
    assert "/accept/" not in html and "Find synergies" not in html  # not a coordinator


def test_the_tabs_show_suggested_by_default_and_the_others_on_request(world, client_for):
    thai_synergy(world)
    thai_synergy(world, on="action", status="dismissed", dismiss_reason="Done already")
    client = client_for("coordinator")
    default = client.get(reverse("coordination:synergy_list")).content.decode()
    assert "Suggested (1)" in default and "Dismissed (1)" in default
    assert "Train teachers to spot online grooming" not in default.split("synergy-cards")[1]
    dismissed = client.get(reverse("coordination:synergy_list"), {"status": "dismissed"}).content.decode()
    assert "Done already" in dismissed


def test_a_filter_asked_for_by_htmx_answers_only_the_region(world, client_for):
    thai_synergy(world)
    answer = client_for("coordinator").get(
        reverse("coordination:synergy_list"), {"country": "BR"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="synergy-list"
    )
    html = answer.content.decode()
    assert "<html" not in html and "0 synergies" in html


def test_the_list_takes_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    for _ in range(3):
        thai_synergy(world)
    client = client_for("coordinator")
    client.get(reverse("coordination:synergy_list"))
    with django_assert_max_num_queries(30):
        client.get(reverse("coordination:synergy_list"))
    for _ in range(6):
        thai_synergy(world)
    with django_assert_max_num_queries(30):
        client.get(reverse("coordination:synergy_list"))


def test_a_coordinator_runs_the_finder_and_reads_the_counts(world, client_for):
    chiang_rai_action(world)
    thai_priority(world)
    answer = client_for("coordinator").post(reverse("coordination:synergy_find"), {"country": "TH"}, follow=True)
    assert "The finder ran: 2 new, 0 updated, 0 unchanged, 0 withdrawn." in answer.content.decode()
    assert Synergy.objects.count() == 2
    unknown = client_for("coordinator").post(reverse("coordination:synergy_find"), {"country": "XX"}, follow=True)
    assert "Select a valid choice." in unknown.content.decode()


def test_a_coordinator_accepts_in_place_and_the_card_offers_the_coordinated_action(world, client_for):
    synergy = thai_synergy(world)
    answer = client_for("coordinator").post(reverse("coordination:synergy_accept", args=[synergy.pk]), **HTMX)
    html = answer.content.decode()
    assert answer.status_code == 200 and f'id="synergy-{synergy.pk}"' in html
    assert "Make a coordinated action" in html and f"?synergy={synergy.pk}" in html
    synergy.refresh_from_db()
    assert synergy.status == "accepted" and synergy.decided_by == world.users["coordinator"]


def test_dismissing_needs_a_reason(world, client_for):
    synergy = thai_synergy(world)
    client = client_for("coordinator")
    answer = client.post(reverse("coordination:synergy_dismiss", args=[synergy.pk]), {"reason": "  "}, **HTMX)
    assert "Say why the synergy is dismissed." in answer.content.decode()
    synergy.refresh_from_db()
    assert synergy.status == "suggested"
    plain = client.post(
        reverse("coordination:synergy_dismiss", args=[synergy.pk]), {"reason": "", "next": "/coordination/synergies/"}
    )
    assert plain.status_code == 302 and plain["Location"] == "/coordination/synergies/"
    done = client.post(reverse("coordination:synergy_dismiss", args=[synergy.pk]), {"reason": "The ministry does it"})
    assert done.status_code == 302
    synergy.refresh_from_db()
    assert (synergy.status, synergy.dismiss_reason) == ("dismissed", "The ministry does it")


def test_a_dismissed_synergy_is_suggested_again_on_request(world, client_for):
    synergy = thai_synergy(world, status="dismissed", dismiss_reason="Wrong")
    client_for("coordinator").post(reverse("coordination:synergy_reopen", args=[synergy.pk]), **HTMX)
    synergy.refresh_from_db()
    assert (synergy.status, synergy.dismiss_reason) == ("suggested", "")


def test_accepting_twice_says_why_instead_of_failing(world, client_for):
    synergy = thai_synergy(world, status="accepted")
    answer = client_for("coordinator").post(reverse("coordination:synergy_accept", args=[synergy.pk]), **HTMX)
    assert answer.status_code == 200
    assert "Only a suggested synergy can be accepted; this one is accepted." in answer.content.decode()


def test_a_facilitator_may_not_decide(world, client_for):
    synergy = thai_synergy(world)
    answer = client_for("facilitator").post(reverse("coordination:synergy_accept", args=[synergy.pk]))
    assert answer.status_code == 403
    synergy.refresh_from_db()
    assert synergy.status == "suggested"


def test_a_synergy_that_does_not_exist_is_a_404(world, client_for):
    assert client_for("coordinator").get(reverse("coordination:synergy_detail", args=[999999])).status_code == 404
    assert client_for("coordinator").post(reverse("coordination:synergy_accept", args=[999999])).status_code == 404


def test_the_detail_page_explains_the_synergy(world, client_for):
    synergy = thai_synergy(world)
    html = client_for("facilitator").get(reverse("coordination:synergy_detail", args=[synergy.pk])).content.decode()
    assert "Both concern MNR capability 13. Education programme (through Teachers)." in html
    assert "Local priority, ranked 1" in html and "National priority" in html


def test_mnr_capability_synergies_are_only_for_the_countrys_focal_points_and_coordinators(world, client_for):
    from cpphub.coordination.services.synergies import find_synergies

    chiang_rai_action(world)
    thai_assessment(world)
    find_synergies()
    mnr = Synergy.objects.filter(mnr_rating__isnull=False).first()
    assert mnr is not None
    for persona, status in (("coordinator", 200), ("national_focal_point", 200), ("steering_member", 404)):
        answer = client_for(persona).get(reverse("coordination:synergy_detail", args=[mnr.pk]))
        assert answer.status_code == status, persona
    listed = client_for("steering_member").get(reverse("coordination:synergy_list")).content.decode()
    assert "MNR capability" not in listed.split('class="synergy-cards"')[1].split("</ul>")[0]
