from django.urls import reverse

from cpphub.audit.tests.factories import build_trail


def test_the_dpo_reads_one_event_in_full(world, client_for):
    client = client_for("dpo")
    trail = build_trail(world)

    response = client.get(reverse("audit:event_detail", args=[trail.renamed.pk]))

    assert response.status_code == 200
    html = response.text
    assert "coordinator@example.org" in html
    assert "partnership.organisation" in html
    assert "10.0.0.7" in html
    assert '<span class="old">Foundation for Child Development</span>' in html
    assert '<span class="new">FACE Foundation</span>' in html


def test_the_list_links_each_event_to_its_page(world, client_for):
    client = client_for("dpo")
    trail = build_trail(world)

    response = client.get(reverse("audit:event_list"))

    assert reverse("audit:event_detail", args=[trail.renamed.pk]) in response.text
