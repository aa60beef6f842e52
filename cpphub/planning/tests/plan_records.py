"""Records of the Plan stage for tests: Chiang Rai workshops, findings and priorities."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import World


def risk(w: World, summary: str = "Strangers ask for photos in games", location: str = "chiang_rai", **fields: Any):  # type: ignore[no-untyped-def]
    from cpphub.mapping.models import Finding

    values = {
        "location": w.locations[location],
        "kind": "risk",
        "summary": summary,
        "risk_dimension": "contact",
        "risk_row": "sexual",
        "source_type": "focus_group",
        "perspective": "child",
        "age_band": "13_15",
        **fields,
    }
    return Finding.objects.create(**values)


def strength(w: World, summary: str = "Peer support at school", location: str = "chiang_rai", **fields: Any):  # type: ignore[no-untyped-def]
    from cpphub.mapping.models import Finding

    values = {
        "location": w.locations[location],
        "kind": "strength",
        "summary": summary,
        "strength": "peer_support",
        "source_type": "focus_group",
        "perspective": "child",
        "age_band": "13_15",
        **fields,
    }
    return Finding.objects.create(**values)


def workshop(w: World, location: str = "chiang_rai", **fields: Any):  # type: ignore[no-untyped-def]
    from cpphub.planning.models import Workshop

    values = {"location": w.locations[location], "title": "Planning together", "date": dt.date(2009, 9, 1), **fields}
    return Workshop.objects.create(**values)


def priority(
    w: World, title: str = "Grooming in games", scores: tuple[int, int, int, int] | None = None, **fields: Any
):  # type: ignore[no-untyped-def]
    from cpphub.planning.models import Priority

    if "workshop" not in fields:
        fields["workshop"] = workshop(w)
    if scores is not None:
        fields.update(zip(("severity", "children", "feasibility", "strengths_score"), scores, strict=True))
    return Priority.objects.create(title=title, **fields)


def participation(w: World, **fields: Any):  # type: ignore[no-untyped-def]
    from cpphub.partnership.models import Sector
    from cpphub.planning.models import WorkshopParticipation

    if "workshop" not in fields:
        fields["workshop"] = workshop(w)
    fields.setdefault("sector", Sector.objects.get(code="childrens_group"))
    fields.setdefault("number", 12)
    fields.setdefault("children", True)
    return WorkshopParticipation.objects.create(**fields)
