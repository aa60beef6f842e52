"""The synergy finder: it pairs what makes sense, says why, stays in one country and is safe to run again."""

from __future__ import annotations

from cpphub.audit.models import AuditEvent
from cpphub.coordination.models import Synergy
from cpphub.coordination.selectors import matching
from cpphub.coordination.services.synergies import accept_synergy, dismiss_synergy, find_synergies
from cpphub.coordination.templatetags.coordination_reasons import reason_sentences
from cpphub.coordination.tests.synergy_records import chiang_rai_action, chiang_rai_priority, grooming_finding
from cpphub.national.tests.national_records import (
    brazil_priority,
    thai_assessment,
    thai_commitment,
    thai_priority,
    thai_strength,
)


def _pair(local, national):
    kind = "local_priority" if local._meta.model_name == "priority" else "local_action"
    return Synergy.objects.get(**{kind: local, "national_priority": national})


def test_it_suggests_the_grooming_priority_for_the_thai_grooming_priority_and_says_why(world):
    priority = chiang_rai_action(world).priority  # the teachers' action answers it: teachers, equip
    national = thai_priority(world)
    result = find_synergies(acting_user=world.users["coordinator"])
    assert result.new == 2  # the priority and the action, each with the national priority
    synergy = _pair(priority, national)
    assert (synergy.status, synergy.location, synergy.country) == (
        "suggested",
        world.locations["chiang_rai"],
        world.countries["thailand"],
    )
    codes = [reason["code"] for reason in synergy.reasons]
    assert codes[:2] == ["shared_risks", "matching_capability"]
    assert synergy.reasons[0]["params"] == {"risks": ["contact"], "harms": ["grooming"]}
    assert synergy.reasons[1]["params"]["capability"] == 13
    sentences = reason_sentences(synergy.reasons)
    assert sentences[0] == "Both address Contact risks and the online harms Grooming."
    assert sentences[1].startswith("Both concern MNR capability 13. Education programme")
    assert "The location's planning workshop ranked it 1." in sentences
    assert 30 <= synergy.score <= 100


def test_a_strength_that_offers_what_the_action_needs_is_complementary(world):
    action = chiang_rai_action(world)
    strength = thai_strength(world)  # six trainers, expertise "training"
    find_synergies()
    synergy = Synergy.objects.get(local_action=action, national_strength=strength)
    complementary = next(r for r in synergy.reasons if r["code"] == "complementary_resources")
    assert complementary["params"] == {"offer": "expertise", "what": "training"}


def test_a_budget_line_meets_an_action_that_needs_a_budget(world):
    action = chiang_rai_action(world, expertise_needed="")
    strength = thai_strength(
        world, kind="budget", title="Ministry fund for child online safety", expertise="", description=""
    )
    find_synergies()
    reasons = Synergy.objects.get(local_action=action, national_strength=strength).reasons
    assert {
        "code": "complementary_resources",
        "params": {"offer": "budget", "what": "Ministry fund for child online safety"},
    } in reasons


def test_it_ignores_the_top_down_items_of_other_countries(world):
    chiang_rai_priority(world)
    brazil_priority(world, risks=["contact"], ict_tags=["grooming"], target_groups=["teachers"], mnr_capability=13)
    find_synergies()
    assert not Synergy.objects.filter(country=world.countries["brazil"]).exists()
    assert not Synergy.objects.exclude(country=world.locations["chiang_rai"].country).exists()


def test_nothing_in_common_is_no_synergy(world):
    chiang_rai_priority(world)
    thai_priority(
        world,
        risks=["content"],
        ict_tags=["csam"],
        target_groups=["industry"],
        mnr_capability=16,
        outcome="coordinate",
        title="Takedown",
        description="",
    )
    assert find_synergies().new == 0


def test_running_again_changes_nothing_and_never_brings_back_a_dismissed_one(world):
    priority = chiang_rai_priority(world)
    chiang_rai_action(world, priority)
    thai_priority(world)
    thai_commitment(world)
    first = find_synergies()
    before = sorted(Synergy.objects.values_list("fingerprint", "score", "status"))
    again = find_synergies()
    assert (again.new, again.updated, again.withdrawn, again.unchanged) == (0, 0, 0, first.new)
    assert sorted(Synergy.objects.values_list("fingerprint", "score", "status")) == before
    dismissed = Synergy.objects.first()
    assert dismissed is not None
    dismiss_synergy(dismissed, acting_user=world.users["coordinator"], reason="Already covered by the ministry")
    third = find_synergies()
    assert third.new == 0
    dismissed.refresh_from_db()
    assert (dismissed.status, dismissed.dismiss_reason) == ("dismissed", "Already covered by the ministry")
    assert Synergy.objects.filter(fingerprint=dismissed.fingerprint).count() == 1


def test_an_accepted_synergy_keeps_its_score_when_the_items_change(world):
    priority = chiang_rai_priority(world)
    national = thai_priority(world)
    find_synergies()
    synergy = accept_synergy(_pair(priority, national), acting_user=world.users["coordinator"])
    score = synergy.score
    national.target_groups = []
    national.save()
    find_synergies()
    synergy.refresh_from_db()
    assert (synergy.status, synergy.score) == ("accepted", score)


def test_a_suggestion_gets_a_new_score_when_the_items_change_and_is_withdrawn_when_they_part(world):
    priority = chiang_rai_action(world).priority
    national = thai_priority(world)
    find_synergies()
    old = _pair(priority, national).score
    national.target_groups = []
    national.save()
    assert find_synergies().updated == 2
    assert _pair(priority, national).score < old
    national.risks, national.ict_tags, national.mnr_capability = [], [], None
    national.save()
    assert find_synergies().withdrawn == 2
    assert not Synergy.objects.filter(national_priority=national).exists()


def test_only_priorities_of_the_latest_ranking_and_open_actions_are_matched(world):
    from cpphub.planning.tests.plan_records import workshop

    old = chiang_rai_priority(world, title="Old worry")
    newer = workshop(world, title="Round two", date=old.workshop.date.replace(year=old.workshop.date.year + 1))
    current = chiang_rai_priority(world, workshop=newer, finding=grooming_finding(world, summary="Still grooming"))
    dropped = chiang_rai_action(world, current, status="dropped", status_reason="No funds")
    thai_priority(world)
    find_synergies()
    assert Synergy.objects.filter(local_priority=current).exists()
    assert not Synergy.objects.filter(local_priority=old).exists()
    assert not Synergy.objects.filter(local_action=dropped).exists()


def test_an_mnr_capability_relates_through_the_mapping(world):
    priority = chiang_rai_priority(world)
    assessment = thai_assessment(world)
    find_synergies()
    ratings = Synergy.objects.filter(local_priority=priority, mnr_rating__isnull=False)
    capabilities = {s.mnr_rating.capability for s in ratings}
    assert capabilities & {4, 12}  # grooming: dedicated law enforcement, CSEA hotline
    hotline = ratings.get(mnr_rating=assessment.ratings.get(capability=12))  # phase 3 in Thailand: established
    assert {"code": "complementary_resources", "params": {"offer": "capability", "what": ""}} in hotline.reasons


def test_the_mapping_reads_codes_and_words_in_three_languages():
    found = matching.capabilities_of(
        harms=["sextortion"],
        dimensions=[],
        groups=["teachers"],
        outcomes=["connect"],
        text="สายด่วน e formação de professores",
    )
    assert {4, 12} <= set(found) and 13 in found and 11 in found
    assert "word:สายด่วน" in found[11] and "group:teachers" in found[13]


def test_the_token_similarity_ignores_case_accents_and_plurals():
    a = matching.tokens("Train teachers on online grooming")
    b = matching.tokens("Teacher training for ONLINE grooming")
    assert matching.similarity(a, b) == 1.0
    assert matching.similarity(matching.tokens("Educação"), matching.tokens("educacao")) == 1.0
    assert matching.similarity(a, matching.tokens("Hotline for takedown")) == 0.0


def test_each_run_is_audited_once_with_its_counts(world):
    chiang_rai_priority(world)
    thai_priority(world)
    find_synergies(acting_user=world.users["coordinator"])
    event = AuditEvent.objects.get(object_type="coordination.synergy", object_repr="Synergy finder run")
    assert event.actor == world.users["coordinator"] and event.changes["new"] == 1
