from __future__ import annotations

from collections import defaultdict

import pytest
from django.db import transaction

from cpphub.audit.models import AuditEvent
from cpphub.coordination.models import (
    AllocationRun,
    Contribution,
    CoordinatedAction,
    Milestone,
    Need,
    NeedProfile,
    PartnerCapacity,
    ResourceType,
    Synergy,
)
from cpphub.demo.services import demo_partnership_load
from cpphub.national.models import Commitment
from cpphub.partnership.models import PilotLocation
from cpphub.planning.models import Action

pytestmark = pytest.mark.django_db

MODELS = [
    ResourceType,
    PartnerCapacity,
    NeedProfile,
    Need,
    Synergy,
    CoordinatedAction,
    Contribution,
    Milestone,
    AllocationRun,
    AuditEvent,
]
Stage = PilotLocation.Stage

# The pairs a coordinator would expect the finder to suggest: (location, local item, national item).
EXPECTED_PAIRS = [
    # Chiang Rai's boys and strangers in chat (grooming) and the police's dedicated unit.
    ("chiang-rai", "เด็กชายบล็อกและแจ้งคนแปลกหน้าในแชท", "หน่วยสืบสวนเฉพาะด้านอาชญากรรมทางอินเทอร์เน็ตต่อเด็ก"),
    # The children's council's helpline campaign and the 1300 hotline.
    ("chiang-rai", "สภาเด็กรณรงค์สายด่วนช่วยเหลือเด็ก", "สายด่วน 1300 เป็นที่รู้จักของเด็กทุกคน"),
    # The border coordination centre and the national priority against trafficking at the border.
    (
        "chiang-rai",
        "ศูนย์ประสานงานชายแดนต่อต้านการค้าเด็ก",
        "ป้องกันการค้าเด็กที่เริ่มจากการชักชวนทางโทรศัพท์มือถือในพื้นที่ชายแดน",
    ),
    (
        "santo-andre",
        "Campanha do canal de denúncia por SMS",
        "Disque 100 e o canal de denúncia conhecidos por todas as crianças",
    ),
    ("sao-paulo", "Atendimento integrado às vítimas", "Atendimento integrado às crianças vítimas, sem revitimização"),
    (
        "sao-paulo",
        "Adolescentes protegidos da extorsão sexual",
        "Investigação especializada de crimes cibernéticos contra crianças em todos os estados",
    ),
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        result = demo_partnership_load(acting_user=None)
        yield result
        transaction.set_rollback(True)


def pairs() -> set[tuple[str, str, str]]:
    found = set()
    for s in Synergy.objects.select_related(
        "location", "local_priority", "local_action", "national_priority", "national_strength", "commitment"
    ):
        national = s.national_priority or s.national_strength or s.commitment
        if national is not None:
            found.add((s.location.slug, s.local_item.title, national.title))  # type: ignore[attr-defined]
    return found


def test_resources_include_money_staff_time_and_in_kind(demo):
    kinds = defaultdict(set)
    for resource in ResourceType.objects.all():
        kinds[resource.kind].add(resource.unit)

    assert kinds["money"] == {"CAD"}
    assert kinds["staff_time"] == {"hours"}
    assert ResourceType.objects.filter(kind="staff_time").count() == 4
    assert kinds["in_kind"]


def test_partners_offer_what_they_plausibly_have(demo):
    def offers(acronym_or_name: str) -> set[str]:
        return set(
            PartnerCapacity.objects.filter(organisation__acronym=acronym_or_name).values_list(
                "resource__key", flat=True
            )
        ) | set(
            PartnerCapacity.objects.filter(organisation__name=acronym_or_name).values_list("resource__key", flat=True)
        )

    assert offers("NCECC") == {"law-enforcement-training"}
    assert offers("RTP") == {"law-enforcement-training"}
    assert offers("Microsoft International") == {"ict-technical", "devices"}
    assert "budget" in offers("UNICEF")
    assert "psychosocial-support" in offers("FACE")
    assert "education-outreach" in offers("Plan Thailand")


def test_open_actions_of_locations_in_create_or_follow_up_and_open_commitments_have_needs(demo):
    joined = set(CoordinatedAction.objects.values_list("local_actions", flat=True))
    open_actions = Action.objects.filter(
        plan__location__stage__in=[Stage.CREATE, Stage.FOLLOW_UP], status__in=["planned", "under_way"]
    )
    assert open_actions.count() >= 10
    for action in open_actions:
        has_profile = NeedProfile.objects.filter(local_action=action).exists()
        assert has_profile is (action.pk not in joined), action
    for profile in NeedProfile.objects.prefetch_related("needs"):
        assert profile.needs.exists()
        assert profile.children_reached
        assert 0 < profile.min_fraction < 1
    commitments = NeedProfile.objects.filter(commitment__isnull=False).select_related("commitment")
    assert {p.commitment.country.code for p in commitments} == {"BR", "TH"}
    assert all(p.commitment.done_at is None for p in commitments)
    assert NeedProfile.objects.filter(coordinated_action__isnull=False).count() == 1


def test_capacity_is_tight(demo):
    for key in ("budget", "law-enforcement-training"):
        need = sum(n.amount for n in Need.objects.filter(resource__key=key))
        capacity = sum(c.amount for c in PartnerCapacity.objects.filter(resource__key=key))
        assert capacity < need * 4 / 5, key


def test_the_synergies_include_the_pairs_a_coordinator_expects(demo):
    found = pairs()

    for pair in EXPECTED_PAIRS:
        assert pair in found, pair
    for synergy in Synergy.objects.select_related("location"):
        assert synergy.country_id == synergy.location.country_id
        assert synergy.reasons


def test_the_coordinator_accepted_three_and_dismissed_one_with_a_reason(demo):
    accepted = Synergy.objects.filter(status=Synergy.Status.ACCEPTED)
    dismissed = Synergy.objects.get(status=Synergy.Status.DISMISSED)

    assert accepted.count() == 3
    assert all(s.decided_at for s in accepted)
    assert {s.location.slug for s in accepted} == {"chiang-rai", "santo-andre", "sao-paulo"}
    assert dismissed.dismiss_reason
    assert dismissed.local_priority is not None


def test_an_accepted_chiang_rai_synergy_became_a_coordinated_action(demo):
    action = CoordinatedAction.objects.select_related("synergy__location", "lead").get()

    assert action.synergy.status == Synergy.Status.ACCEPTED
    assert action.synergy.location.slug == "chiang-rai"
    assert list(action.locations.values_list("slug", flat=True)) == ["chiang-rai"]
    assert list(action.countries.values_list("code", flat=True)) == ["TH"]
    assert action.synergy.local_action in action.local_actions.all()
    assert action.synergy.national_priority in action.national_priorities.all()
    partners = {c.organisation for c in action.contributions.select_related("organisation")}
    assert action.lead in partners
    assert any(p.partnership_roles.filter(code="national_partner").exists() for p in partners)  # a Thai ministry
    assert {c.kind for c in action.contributions.all()} == set(Contribution.Kind.values)
    milestones = list(action.milestones.all())
    assert len(milestones) >= 3
    assert any(m.done_at for m in milestones) and any(not m.done_at for m in milestones)
    assert action.children_to_reach


def test_the_first_allocation_is_accepted_within_capacity_and_leaves_some_unfunded(demo):
    run = AllocationRun.objects.get()

    assert (run.status, run.version) == (AllocationRun.Status.ACCEPTED, 1)
    assert run.result["funded"]
    assert run.result["unfunded"]
    given: dict[tuple[str, str], float] = defaultdict(float)
    for assignment in run.result["assignments"]:
        given[(assignment["partner"], assignment["resource"])] += assignment["amount"]
    capacity = {p["key"]: p["capacity"] for p in run.scenario["partners"]}
    for (partner, resource), amount in given.items():
        assert amount <= capacity[partner][resource] + 1e-6
    open_commitments = {f"commitment:{c.pk}" for c in Commitment.objects.filter(need_profile__isnull=False)}
    assert open_commitments <= {a["key"] for a in run.scenario["actions"]}


def test_a_second_load_changes_nothing(demo):
    before = {model.__name__: model.objects.count() for model in MODELS}

    result = demo_partnership_load(acting_user=None)

    assert {model.__name__: model.objects.count() for model in MODELS} == before
    assert not result.changed
