"""Loading the demo's Engage, Plan and Create stages for the pilot locations that reached them.

Idempotent like the rest of the demo: planning settings are found by location,
stakeholders by location and name, engagements by location, subject and date,
follow-ups by engagement and description, workshops by location and round,
participation by workshop, sector, organisation and whether they are children,
priorities by workshop and title, action plans by location and title, actions
by plan and title, progress updates by action and date, action templates by
location and title, stage moves by location and the stages they joined. Every
write goes through the demo's ``_upsert``, so it is audited as the system and a
second load changes nothing.

Priorities are ranked here with the workshop's weights, the way
:func:`cpphub.planning.services.plan.rank_order` ranks them. A stage move keeps
the checklist as it stood on its date, counted once, when the move is created.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cpphub.demo.mapping.load import _facilitators
from cpphub.demo.planning.brazil import BRAZIL
from cpphub.demo.planning.specs import SYNTHETIC, LocationPlanning, WorkshopSpec
from cpphub.demo.planning.templates import PARTNERSHIP_TEMPLATES
from cpphub.demo.planning.thailand import THAILAND
from cpphub.demo.services import DemoLoadResult, _upsert
from cpphub.mapping.models import Finding, MappingSession
from cpphub.partnership.models import Organisation, PilotLocation, Sector
from cpphub.planning.models import (
    Action,
    ActionPlan,
    ActionTemplate,
    Engagement,
    FollowUp,
    PlanningConfig,
    Priority,
    ProgressUpdate,
    StageMove,
    Stakeholder,
    Workshop,
    WorkshopParticipation,
)
from cpphub.planning.selectors.cycle import checklist_of
from cpphub.planning.services.plan import rank_order

LOCATIONS: list[LocationPlanning] = [*BRAZIL, *THAILAND]


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def _finding(findings: list[Finding], fragment: str, kind: str) -> Finding:
    """The one finding of ``kind`` whose summary holds ``fragment`` (the data names findings by a piece of summary)."""
    found = [f for f in findings if f.kind == kind and fragment in f.summary]
    if len(found) != 1:
        raise LookupError(f"{len(found)} {kind} findings match {fragment!r}")
    return found[0]


class _Loader:
    def __init__(
        self,
        result: DemoLoadResult,
        spec: LocationPlanning,
        location: PilotLocation,
        organisations: dict[str, Organisation],
        sectors: dict[str, Sector],
    ) -> None:
        self.result, self.spec, self.location = result, spec, location
        self.organisations, self.sectors = organisations, sectors
        facilitators = _facilitators(location)
        self.facilitators = facilitators
        self.facilitator = facilitators[0] if facilitators else None
        self.findings = list(Finding.objects.filter(location=location, withdrawn_at__isnull=True))
        self.stakeholders: dict[str, Stakeholder] = {}
        self.workshops: dict[int, Workshop] = {}
        self.priorities: dict[str, Priority] = {}

    def upsert(self, kind: str, model: Any, **kwargs: Any) -> Any:
        instance, outcome = _upsert(model, **kwargs)
        self.result.tally(kind, outcome)
        return instance

    def run(self) -> None:
        self.config()
        self.stakeholders_load()
        self.engagements_load()
        for workshop in self.spec.workshops:
            self.workshop_load(workshop)
        self.plans_load()
        self.templates_load()
        self.moves_load()

    def config(self) -> None:
        self.upsert(
            "planning settings",
            PlanningConfig,
            lookup={"location": self.location},
            values={"weights": self.spec.weights},
        )

    def stakeholders_load(self) -> None:
        entered = next((m.date for m in self.spec.moves if m.to_stage == PilotLocation.Stage.ENGAGE), None)
        for index, s in enumerate(self.spec.stakeholders):
            when = {"created_at": _at(entered + dt.timedelta(days=index % 5))} if entered else {}
            self.stakeholders[s.key] = self.upsert(
                "stakeholders",
                Stakeholder,
                lookup={"location": self.location, "name": s.name},
                values={
                    **when,
                    "organisation": self.organisations[s.organisation] if s.organisation else None,
                    "sector": self.sectors[s.sector],
                    "can_do": s.can_do,
                    "contact_name": s.contact,
                    "contact_details": f"{s.key.replace('_', '.')}.{self.location.slug}@example.org",
                    "power": s.power,
                    "interest": s.interest,
                    "notes": f"{SYNTHETIC}. {s.english}",
                    "is_active": True,
                    "created_by": self.facilitator,
                },
            )

    def engagements_load(self) -> None:
        for e in self.spec.engagements:
            present = [self.stakeholders[key] for key in e.stakeholders]
            sectors = sorted({s.sector for s in present}, key=lambda sector: sector.pk)
            engagement = self.upsert(
                "engagements",
                Engagement,
                lookup={"location": self.location, "title": e.title, "date": e.date},
                values={
                    "kind": e.kind,
                    "participants": e.participants,
                    "agreed": e.agreed,
                    "created_by": self.facilitator,
                    "created_at": _at(e.date, 17),
                },
                many={"stakeholders": present, "sectors": sectors},
            )
            for f in e.follow_ups:
                self.upsert(
                    "follow-ups",
                    FollowUp,
                    lookup={"engagement": engagement, "description": f.description},
                    values={"owner": f.owner, "due_date": f.due, "done_at": f.done},
                )

    def workshop_load(self, w: WorkshopSpec) -> None:
        weights = dict(self.spec.weights)
        workshop = self.upsert(
            "workshops",
            Workshop,
            lookup={"location": self.location, "round": w.round},
            values={
                "title": w.title,
                "date": w.date,
                "weights": weights,
                "reasoning": w.reasoning,
                "notes": f"{SYNTHETIC}. {w.english}",
                "created_by": self.facilitator,
                "created_at": _at(w.date, 9),
            },
            many={"facilitators": list(self.facilitators)},
        )
        self.workshops[w.round] = workshop
        for part in w.participation:
            self.upsert(
                "workshop participation",
                WorkshopParticipation,
                lookup={
                    "workshop": workshop,
                    "sector": self.sectors[part.sector],
                    "organisation": self.organisations[part.organisation] if part.organisation else None,
                    "children": part.children,
                },
                values={"number": part.number},
            )
        # Rank as the workshop service does, on unsaved copies, so each priority is written once.
        drafts = {
            p.key: Priority(
                title=p.title,
                severity=p.scores[0],
                children=p.scores[1],
                feasibility=p.scores[2],
                strengths_score=p.scores[3],
            )
            for p in w.priorities
        }
        ranked = rank_order(drafts.values(), weights)
        places = {id(draft): (rank, score) for rank, (draft, score) in enumerate(ranked, start=1)}
        for p in w.priorities:
            rank, score = places[id(drafts[p.key])]
            self.priorities[p.key] = self.upsert(
                "priorities",
                Priority,
                lookup={"workshop": workshop, "title": p.title},
                values={
                    "description": p.description,
                    "severity": p.scores[0],
                    "children": p.scores[1],
                    "feasibility": p.scores[2],
                    "strengths_score": p.scores[3],
                    "score": score,
                    "rank": rank,
                    "reasoning": p.reasoning,
                },
                many={
                    "findings": [_finding(self.findings, f, Finding.Kind.RISK) for f in p.findings],
                    "strengths": [_finding(self.findings, f, Finding.Kind.STRENGTH) for f in p.strengths],
                },
            )

    def plans_load(self) -> None:
        for plan_spec in self.spec.plans:
            plan = self.upsert(
                "action plans",
                ActionPlan,
                lookup={"location": self.location, "title": plan_spec.title},
                values={
                    "workshop": self.workshops.get(plan_spec.workshop_round),
                    "notes": f"{SYNTHETIC}. {plan_spec.english}",
                    "created_by": self.facilitator,
                    "created_at": _at(plan_spec.created, 15),
                },
            )
            for a in plan_spec.actions:
                priority = self.priorities[a.priority]
                action = self.upsert(
                    "actions",
                    Action,
                    lookup={"plan": plan, "title": a.title},
                    values={
                        "description": a.description,
                        "outcome": a.outcome,
                        "priority": priority,
                        "lead_partner": self.organisations[a.lead],
                        "target_groups": list(a.groups),
                        "target_age_bands": list(a.ages),
                        "target_sexes": list(a.sexes),
                        "start": a.start,
                        "end": a.end,
                        "budget": a.budget,
                        "currency": self.spec.currency if a.budget is not None else "",
                        "in_kind": a.in_kind,
                        "expertise_needed": a.expertise,
                        "indicator": a.indicator,
                        "baseline": a.baseline,
                        "target": a.target,
                        "status": a.status,
                        "status_reason": a.status_reason,
                        "created_at": _at(plan_spec.created, 16),
                    },
                    many={
                        "supporting_partners": [self.organisations[key] for key in a.supporting],
                        "findings": list(priority.findings.all()),
                    },
                )
                for u in a.updates:
                    self.upsert(
                        "progress updates",
                        ProgressUpdate,
                        lookup={"action": action, "date": u.date},
                        values={
                            "note": u.note,
                            "value": u.value,
                            "created_by": self.facilitator,
                            "created_at": _at(u.date, 18),
                        },
                    )

    def templates_load(self) -> None:
        for t in self.spec.templates:
            _template(self.result, t, self.location)

    def moves_load(self) -> None:
        checklist = checklist_of(PlanningConfig.objects.filter(location=self.location).first())
        for move in self.spec.moves:
            lookup = {"location": self.location, "from_stage": move.from_stage, "to_stage": move.to_stage}
            values: dict[str, Any] = {"note": move.note, "moved_by": self.facilitator, "moved_at": _at(move.date, 12)}
            if not StageMove.objects.filter(**lookup).exists():
                counts = self.counts_on(move.date)
                values["checklist"] = {
                    move.from_stage: {
                        key: {"required": required, "count": counts[key], "met": counts[key] >= required}
                        for key, required in checklist.get(move.from_stage, {}).items()
                    }
                }
            self.upsert("stage moves", StageMove, lookup=lookup, values=values)

    def counts_on(self, day: dt.date) -> dict[str, int]:
        """What each stage had produced by ``day``, by the demo's dates (as a stage move records it)."""
        location = self.location
        workshops = [w for w in self.spec.workshops if w.date <= day]
        plans = [p for p in self.spec.plans if p.created <= day]
        return {
            "sessions": MappingSession.objects.filter(location=location, date__lte=day).count(),
            "findings": Finding.objects.filter(
                location=location, withdrawn_at__isnull=True, session__date__lte=day
            ).count(),
            "stakeholders": len(self.spec.stakeholders),
            "engagements": len([e for e in self.spec.engagements if e.date <= day]),
            "workshops": len(workshops),
            "ranked_priorities": sum(len(w.priorities) for w in workshops),
            "action_plans": len(plans),
            "actions": sum(len(p.actions) for p in plans),
        }


def _template(result: DemoLoadResult, t: Any, location: PilotLocation | None) -> None:
    _, outcome = _upsert(
        ActionTemplate,
        lookup={"location": location, "title": t.title},
        values={
            "description": t.description,
            "outcome": t.outcome,
            "target_groups": list(t.groups),
            "target_age_bands": list(t.ages),
            "target_sexes": list(t.sexes),
            "expertise_needed": t.expertise,
            "indicator": t.indicator,
        },
    )
    result.tally("action templates", outcome)


def demo_planning_load(
    *, result: DemoLoadResult, locations: dict[str, PilotLocation], organisations: dict[str, Organisation]
) -> None:
    """Stakeholders, engagements, workshops, action plans and stage moves of every pilot location, by its stage."""
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    for template in PARTNERSHIP_TEMPLATES:
        _template(result, template, None)
    for spec in LOCATIONS:
        location = locations.get(spec.slug)
        if location is not None:
            _Loader(result, spec, location, organisations, sectors).run()
