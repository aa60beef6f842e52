"""Top-down records for the page, API, permission and coordination tests: Thai and Brazilian meetings and outcomes.

Each function takes the conftest ``World`` and returns the saved object. They
write through the ORM (not the services) so other apps' tests can build
national records without going through the national write rules.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import World

# The phases of the Thai assessment: a mix of gaps (unrated, phase 1) and stronger capabilities.
THAI_PHASES: dict[int, int | None] = {
    1: 3,
    2: 2,
    3: 3,
    4: 2,
    5: 1,
    6: None,
    7: 1,
    8: 2,
    9: 2,
    10: 1,
    11: 4,
    12: 3,
    13: 2,
    14: 1,
    15: None,
    16: 2,
    17: 3,
    18: 1,
    19: 2,
    20: 1,
    21: 2,
}
BRAZIL_PHASES: dict[int, int | None] = {n: (n % 4) + 1 for n in range(1, 22)}


def _orgs(w: World, *keys: str) -> list[Any]:
    return [w.orgs[key] for key in keys]


def thai_engagement(w: World, **fields: Any) -> Any:
    from cpphub.national.models import NationalEngagement

    values = {
        "country": w.countries["thailand"],
        "kind": NationalEngagement.Kind.ROUNDTABLE,
        "date": dt.date(2009, 3, 12),
        "title": "Roundtable on online child sexual exploitation",
        "participants": "Director, Department of Children and Youth\nPolice Colonel, TICAC",
        "minutes": "Agreed to share hotline data and train investigators.",
        **fields,
    }
    engagement = NationalEngagement.objects.create(**values)
    engagement.organisations.add(*_orgs(w, "plan_thailand", "face"))
    return engagement


def brazil_engagement(w: World, **fields: Any) -> Any:
    from cpphub.national.models import NationalEngagement

    values = {
        "country": w.countries["brazil"],
        "kind": NationalEngagement.Kind.BILATERAL,
        "date": dt.date(2009, 4, 2),
        "title": "Bilateral with the federal prosecutors",
        "participants": "Federal prosecutor\nSafernet director",
        "minutes": "Safernet shares hotline trends each quarter.",
        **fields,
    }
    engagement = NationalEngagement.objects.create(**values)
    engagement.organisations.add(*_orgs(w, "safernet", "plan_brasil"))
    return engagement


def thai_priority(w: World, engagement: Any = None, **fields: Any) -> Any:
    from cpphub.national.models import NationalPriority

    values = {
        "country": w.countries["thailand"],
        "engagement": engagement,
        "organisation": w.orgs["plan_thailand"],
        "title": "Stop online grooming of children in the north",
        "description": "Teachers and parents recognise grooming and report it.",
        "importance": 5,
        "mnr_capability": 13,
        "risks": ["contact"],
        "ict_tags": ["grooming"],
        "target_groups": ["teachers", "parents"],
        "outcome": "equip",
        **fields,
    }
    return NationalPriority.objects.create(**values)


def brazil_priority(w: World, engagement: Any = None, **fields: Any) -> Any:
    from cpphub.national.models import NationalPriority

    values = {
        "country": w.countries["brazil"],
        "engagement": engagement,
        "organisation": w.orgs["safernet"],
        "title": "Faster takedown of abuse material",
        "importance": 4,
        "mnr_capability": 16,
        "risks": ["content"],
        "ict_tags": ["csam"],
        "target_groups": ["industry"],
        "outcome": "coordinate",
        **fields,
    }
    return NationalPriority.objects.create(**values)


def thai_strength(w: World, engagement: Any = None, **fields: Any) -> Any:
    from cpphub.national.models import NationalStrength

    values = {
        "country": w.countries["thailand"],
        "engagement": engagement,
        "organisation": w.orgs["plan_thailand"],
        "kind": NationalStrength.Kind.STAFF,
        "title": "Trainers for teachers",
        "description": "Six trainers experienced in online safety.",
        "expertise": "training",
        "amount": 6,
        "unit": "staff",
        "mnr_capability": 13,
        "risks": ["contact", "conduct"],
        "ict_tags": ["grooming"],
        "target_groups": ["teachers"],
        "outcome": "equip",
        **fields,
    }
    return NationalStrength.objects.create(**values)


def thai_expectation(w: World, engagement: Any = None, **fields: Any) -> Any:
    from cpphub.national.models import Expectation

    values = {
        "country": w.countries["thailand"],
        "engagement": engagement,
        "organisation": w.orgs["plan_thailand"],
        "text": "Share the findings of the Chiang Rai mapping with the ministry.",
        **fields,
    }
    return Expectation.objects.create(**values)


def thai_commitment(w: World, engagement: Any = None, **fields: Any) -> Any:
    from cpphub.national.models import Commitment

    values = {
        "country": w.countries["thailand"],
        "engagement": engagement,
        "organisation": w.orgs["plan_thailand"],
        "title": "Draft a teacher training curriculum",
        "owner_name": "Khun Somchai",
        "due_date": dt.date(2009, 6, 30),
        "mnr_capability": 13,
        "risks": ["contact"],
        "ict_tags": ["grooming"],
        "target_groups": ["teachers"],
        "outcome": "equip",
        **fields,
    }
    return Commitment.objects.create(**values)


def _assessment(w: World, country: str, title: str, on: dt.date, phases: dict[int, int | None], **fields: Any) -> Any:
    from cpphub.national.models import MnrAssessment, MnrRating

    values = {
        "country": w.countries[country],
        "title": title,
        "assessed_on": on,
        "framework_version": "2022",
        "status": "final",
        **fields,
    }
    assessment = MnrAssessment.objects.create(**values)
    MnrRating.objects.bulk_create(
        MnrRating(
            assessment=assessment,
            capability=n,
            phase=phases.get(n),
            evidence=f"Evidence for capability {n}" if phases.get(n) else "",
        )
        for n in range(1, 22)
    )
    return assessment


def thai_assessment(w: World, **fields: Any) -> Any:
    """Thailand's MNR self-assessment with all 21 ratings (some unrated), Plan Thailand holding capability 13."""
    assessment = _assessment(
        w,
        "thailand",
        fields.pop("title", "Thailand MNR 2009"),
        fields.pop("assessed_on", dt.date(2009, 5, 1)),
        fields.pop("phases", THAI_PHASES),
        **fields,
    )
    assessment.ratings.get(capability=13).partners.add(w.orgs["plan_thailand"], w.orgs["face"])
    return assessment


def brazil_assessment(w: World, **fields: Any) -> Any:
    """Brazil's MNR self-assessment with all 21 ratings, Safernet holding the hotline capability."""
    assessment = _assessment(
        w,
        "brazil",
        fields.pop("title", "Brazil MNR 2009"),
        fields.pop("assessed_on", dt.date(2009, 5, 20)),
        fields.pop("phases", BRAZIL_PHASES),
        **fields,
    )
    assessment.ratings.get(capability=12).partners.add(w.orgs["safernet"])
    return assessment
