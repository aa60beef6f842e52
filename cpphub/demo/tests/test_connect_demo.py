from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.utils import timezone

from cpphub.accounts.models import Membership
from cpphub.connect.models import (
    Case,
    Pathway,
    Referral,
    ReferralPolicy,
    Service,
    ServiceLocation,
)
from cpphub.connect.models.pathways import Need
from cpphub.demo.services import demo_partnership_load
from cpphub.partnership.models import PilotLocation

pytestmark = pytest.mark.django_db

FIVE_NEEDS = {
    Need.ONLINE_GROOMING,
    Need.SELF_GENERATED_IMAGES,
    Need.SEXTORTION,
    Need.ABUSE_MATERIAL_EXPOSURE,
    Need.LIVE_STREAMED_ABUSE,
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        result = demo_partnership_load(acting_user=None)
        yield result
        transaction.set_rollback(True)


def caseworker_organisation_ids() -> set[int]:
    return set(
        Membership.objects.filter(role=Membership.Role.CASEWORKER, is_active=True).values_list(
            "organisation_id", flat=True
        )
    )


def test_every_location_has_a_directory_and_a_pathway_for_each_need(demo):
    for location in PilotLocation.objects.all():
        services = Service.objects.filter(pilot_locations=location, status=Service.Status.ACTIVE)
        kinds = set(services.values_list("categories__code", flat=True))
        assert {"police_unit", "health", "psychosocial", "legal_aid", "shelter", "helpline"} <= kinds, location
        pathways = Pathway.objects.filter(location=location)
        assert {p.need for p in pathways} == FIVE_NEEDS
        for pathway in pathways:
            steps = list(pathway.steps.select_related("service"))
            assert 3 <= len(steps) <= 6
            assert [s.order for s in steps] == list(range(1, len(steps) + 1))
            assert pathway.who_decides
            for step in steps:
                # Each step's service serves the pathway's location and takes referrals.
                assert step.service is not None
                assert step.service.is_active, step.service
                assert step.service.pilot_locations.filter(pk=location.pk).exists(), (pathway, step.service)


def test_the_directory_shows_each_status_and_keeps_a_shelter_address_confidential(demo):
    statuses = set(Service.objects.values_list("status", flat=True))
    assert {"active", "inactive", "temporarily closed"} <= statuses
    shelters = ServiceLocation.objects.filter(
        address_is_confidential=True, service_at_locations__service__categories__code="shelter"
    ).distinct()
    assert shelters.count() >= 2
    for place in shelters:
        assert place.address and place.latitude is not None
        assert all(at.service.direct_line for at in place.service_at_locations.select_related("service"))
    helplines = ServiceLocation.objects.filter(kind=ServiceLocation.Kind.VIRTUAL)
    assert helplines.exists() and not helplines.exclude(address="").exists()


def test_the_klong_toey_grooming_pathway_reaches_a_partner_with_a_caseworker(demo):
    # The browser test's story: Mercy Centre refers from this pathway to FACE's legal aid.
    pathway = Pathway.objects.get(location__slug="klong-toey", need=Need.ONLINE_GROOMING)
    mercy = PilotLocation.objects.get(slug="klong-toey").lead_partner_id
    receivers = {
        step.service.organisation.partner.name
        for step in pathway.steps.select_related("service__organisation__partner")
        if step.service
        and step.service.organisation.partner
        and step.service.organisation.partner_id in caseworker_organisation_ids() - {mercy}
    }
    assert "Coalition to Fight Against Child Exploitation" in receivers
    assert Membership.objects.filter(user__email="caseworker.mercy@demo.cpphub.org", organisation=mercy).exists()


def test_referrals_come_in_every_state_with_an_override_and_an_overdue_one(demo):
    now = timezone.now()
    referrals = Referral.objects.all()
    assert referrals.count() >= 40
    assert set(referrals.values_list("status", flat=True)) == set(Referral.Status.values)
    assert referrals.exclude(override_reason="").filter(status="sent", consent__isnull=True).exists()
    sent = referrals.filter(status="sent")
    assert sent.filter(deadline_at__lt=now).exists()
    assert sent.filter(deadline_at__gt=now).exists()
    assert not referrals.filter(status="declined", declined_at__isnull=True).exists()
    assert all(r.decline_reason for r in referrals.filter(status="declined"))
    assert all(r.revoke_reason for r in referrals.filter(status="revoked"))


def test_referrals_follow_their_consent_and_their_country_deadline(demo):
    now = timezone.now()
    for referral in Referral.objects.select_related("case__location__country", "provider", "consent"):
        policy = ReferralPolicy.objects.get(country=referral.case.location.country)
        hours = policy.hours_for(referral.case.risk_level)
        assert referral.deadline_at - referral.sent_at == dt.timedelta(hours=hours)
        assert referral.receiving_organisation_id == referral.provider.partner_id
        if referral.consent is not None:
            assert referral.consent.organisations.filter(pk=referral.provider_id).exists()
            assert set(referral.shared_information) <= set(referral.consent.information)
        else:
            assert referral.override_reason
        times = [
            referral.case.created_at,
            referral.sent_at,
            referral.accepted_at or referral.declined_at or referral.revoked_at,
            referral.started_at,
            referral.completed_at,
        ]
        known = [t for t in times if t is not None]
        assert known == sorted(known) and known[-1] <= now, referral


def test_two_locations_have_enough_referrals_to_show_and_a_case_is_past_retention(demo):
    per_location = {
        location.slug: Referral.objects.filter(case__location=location).count()
        for location in PilotLocation.objects.all()
    }
    assert sum(count >= 12 for count in per_location.values()) >= 2
    assert all(count >= 1 for count in per_location.values())
    closed = Case.objects.filter(status=Case.Status.CLOSED)
    assert closed.exists() and not closed.filter(outcome="").exists()
    past = [
        case
        for case in closed.select_related("location__country__referral_policy")
        if case.closed_at
        and case.closed_at < timezone.now() - dt.timedelta(days=case.location.country.referral_policy.retention_days)
    ]
    assert len(past) == 1


def test_the_childrens_names_are_encrypted_in_the_database(demo):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, situation FROM connect_case")
        rows = cursor.fetchall()
    assert rows
    assert not any("Demo" in (name or "") or "Demo" in (situation or "") for name, situation in rows)
    assert Case.objects.get(reference="TH-KLT-2026-0001").name.startswith("Demo Child 01")
