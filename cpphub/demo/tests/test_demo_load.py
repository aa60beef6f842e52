from __future__ import annotations

import pytest
from django.conf import settings

from cpphub.accounts.models import Membership, User
from cpphub.audit.models import AuditEvent
from cpphub.demo.selectors import demo_sign_ins
from cpphub.demo.services import demo_partnership_load
from cpphub.partnership.models import Contact, Country, Organisation, Phase, PilotLocation

pytestmark = pytest.mark.django_db

MODELS = [Country, Organisation, PilotLocation, Phase, Contact, User, Membership, AuditEvent]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_it_loads_the_partnership_of_the_seed():
    demo_partnership_load(acting_user=None)

    # The seed's 13 partners, and the national partners the top-down demo adds.
    assert Organisation.objects.exclude(partnership_roles__code="national_partner").count() == 13
    assert Organisation.objects.filter(partnership_roles__code="national_partner").count() == 10
    assert PilotLocation.objects.count() == 6
    assert Phase.objects.count() == 3
    assert set(PilotLocation.objects.values_list("name", flat=True)) == {
        "Santo André",
        "São Paulo",
        "Maranhão",
        "Klong Toey",
        "Chiang Rai",
        "Yala",
    }
    steering = Organisation.objects.filter(partnership_roles__code="steering_committee")
    assert set(steering.values_list("acronym", flat=True)) == {"CIDA", "", "NCECC", "UNICEF", "IICRD"}
    assert steering.count() == 5
    iicrd = Organisation.objects.get(acronym="IICRD")
    assert set(iicrd.partnership_roles.values_list("code", flat=True)) == {"executing_agency", "steering_committee"}


def test_every_location_has_coordinates_and_a_lead_partner_in_its_country():
    demo_partnership_load(acting_user=None)

    for location in PilotLocation.objects.select_related("lead_partner"):
        assert location.latitude is not None
        assert location.longitude is not None
        assert location.lead_partner is not None
        assert location.lead_partner.country_id == location.country_id
        assert location.implementing_partners.filter(pk=location.lead_partner.pk).exists()


def test_phases_span_the_programme_in_order():
    demo_partnership_load(acting_user=None)

    phases = list(Phase.objects.order_by("start_date"))
    assert [p.kind for p in phases] == ["inception", "implementation", "scaling"]
    assert str(phases[0].start_date) == "2008-03-01"
    assert str(phases[-1].end_date) == "2011-03-31"
    assert all(p.start_date <= p.end_date for p in phases)


def test_it_makes_one_demo_user_per_role():
    demo_partnership_load(acting_user=None)

    roles = set(Membership.objects.filter(user__is_demo=True).values_list("role", flat=True))
    assert roles == set(Membership.Role.values)
    assert not User.objects.filter(is_demo=False).exists()


def test_every_contact_is_synthetic():
    demo_partnership_load(acting_user=None)

    assert Contact.objects.count() >= 13
    assert not Contact.objects.filter(is_demo=False).exists()
    assert all(email.endswith("@example.org") for email in Contact.objects.values_list("email", flat=True))
    assert set(Contact.objects.values_list("organisation", flat=True)) == set(
        Organisation.objects.values_list("pk", flat=True)
    )


def test_running_it_twice_changes_nothing():
    demo_partnership_load(acting_user=None)
    first = counts()

    result = demo_partnership_load(acting_user=None)

    assert counts() == first
    assert not result.changed


def test_it_updates_a_changed_record_instead_of_duplicating_it():
    demo_partnership_load(acting_user=None)
    face = Organisation.objects.get(acronym="FACE")
    face.website = "https://wrong.example.org"
    face.save()
    face.sectors.clear()

    result = demo_partnership_load(acting_user=None)

    face.refresh_from_db()
    assert face.website == ""
    assert list(face.sectors.values_list("code", flat=True)) == ["ngo"]
    assert Organisation.objects.filter(acronym="FACE").count() == 1
    assert result.counts["organisations"]["updated"] == 1
    event = AuditEvent.objects.filter(object_type="partnership.organisation", object_id=str(face.pk)).first()
    assert event is not None
    assert event.action == AuditEvent.Action.UPDATE
    assert event.changes["website"] == ["https://wrong.example.org", ""]


def test_every_write_is_audited_as_the_system():
    demo_partnership_load(acting_user=None)

    created = AuditEvent.objects.filter(action=AuditEvent.Action.CREATE)
    assert created.filter(object_type="partnership.organisation").count() == Organisation.objects.count()
    assert created.filter(object_type="accounts.user").count() == User.objects.count()
    assert not AuditEvent.objects.exclude(actor=None).exists()
    assert not AuditEvent.objects.exclude(actor_email="").exists()


def test_the_password_is_never_written_to_the_audit_trail():
    demo_partnership_load(acting_user=None)

    for event in AuditEvent.objects.filter(object_type="accounts.user"):
        assert event.changes["password"] == ["[redacted]", "[redacted]"]


def test_every_demo_user_can_sign_in_with_the_printed_password():
    demo_partnership_load(acting_user=None)
    demo_partnership_load(acting_user=None)

    sign_ins = demo_sign_ins()
    assert len(sign_ins) == User.objects.filter(is_demo=True).count()
    for row in sign_ins:
        user = User.objects.get(email=row.email)
        assert user.is_active
        assert user.check_password(settings.DEMO_PASSWORD)


def test_a_changed_demo_password_is_set_back():
    demo_partnership_load(acting_user=None)
    user = User.objects.get(email="coordinator@demo.cpphub.org")
    user.set_password("something-else-entirely")
    user.save()

    demo_partnership_load(acting_user=None)

    user.refresh_from_db()
    assert user.check_password(settings.DEMO_PASSWORD)


@pytest.mark.parametrize(
    ("email", "two_factor"),
    [
        ("coordinator@demo.cpphub.org", True),
        ("caseworker@demo.cpphub.org", True),
        ("hotline@demo.cpphub.org", True),
        ("dpo@demo.cpphub.org", True),
        ("steering@demo.cpphub.org", False),
        ("facilitator@demo.cpphub.org", False),
        ("focalpoint@demo.cpphub.org", False),
    ],
)
def test_two_factor_is_required_exactly_for_the_two_factor_roles(email, two_factor):
    demo_partnership_load(acting_user=None)

    row = next(r for r in demo_sign_ins() if r.email == email)
    membership = Membership.objects.get(user__email=email)
    assert row.two_factor is two_factor
    assert membership.requires_two_factor is two_factor


def test_scoped_roles_carry_their_scope():
    demo_partnership_load(acting_user=None)

    facilitators = Membership.objects.filter(role=Membership.Role.FACILITATOR).select_related("location__country")
    assert {m.location.country.code for m in facilitators} == {"TH", "BR"}
    focal_points = Membership.objects.filter(role=Membership.Role.NATIONAL_FOCAL_POINT)
    assert sorted(m.country.code for m in focal_points) == ["BR", "TH"]
    assert Membership.objects.get(role=Membership.Role.HOTLINE_ANALYST).country.code == "BR"
    caseworker = Membership.objects.get(role=Membership.Role.CASEWORKER, user__email="caseworker@demo.cpphub.org")
    assert caseworker.scope == Membership.Scope.ORGANISATION
    assert caseworker.organisation.name == "Plan Thailand"
    for membership in Membership.objects.all():
        membership.full_clean()
