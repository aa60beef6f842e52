"""Loading the demo's bringing together: resources, capacities, needs, synergies, a coordinated action, an allocation.

Idempotent like the rest of the demo. Resource types are found by key,
capacities by partner and resource, need profiles by their action, needs by
profile and resource, the coordinated action by title, its contributions by
partner, kind and resource, its milestones by title; every write of these
goes through the demo's ``_upsert``, so it is audited as the system.

The rest goes through the coordination services, as a coordinator's work
would, with the system as the acting user:

- the synergy finder runs when anything in this load changed (or none was
  ever found), so a second load finds nothing new and writes nothing;
- the demo accepts or dismisses a few suggestions, only while they are still
  suggested;
- one accepted Chiang Rai synergy becomes a coordinated action, once;
- the optimiser runs once, on an empty history, and its proposal is accepted
  as version 1.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models

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
from cpphub.demo.coordination.actions import COORDINATED_ACTION, DECISIONS, DISMISS, CoordinatedSpec, DecisionSpec
from cpphub.demo.coordination.capacities import CAPACITIES
from cpphub.demo.coordination.needs import COMMITMENT, LOCAL, NEEDS, NeedSpec
from cpphub.demo.coordination.resources import RESOURCES
from cpphub.demo.services import CREATED, UNCHANGED, UPDATED, DemoLoadResult, _upsert
from cpphub.national.models import Commitment, NationalPriority, NationalStrength
from cpphub.partnership.models import Organisation, PilotLocation
from cpphub.planning.models import Action, Priority

CENT = Decimal("0.01")


def _money(amount: Decimal | None) -> Decimal | None:
    return None if amount is None else amount.quantize(CENT)


class _Loader:
    def __init__(
        self, result: DemoLoadResult, locations: dict[str, PilotLocation], organisations: dict[str, Organisation]
    ) -> None:
        self.result, self.locations, self.organisations = result, locations, organisations
        self.resources: dict[str, ResourceType] = {}

    def upsert(self, kind: str, model: Any, **kwargs: Any) -> Any:
        instance, outcome = _upsert(model, **kwargs)
        self.result.tally(kind, outcome)
        return instance

    def run(self) -> None:
        self.resources_load()
        self.capacities_load()
        for spec in NEEDS:
            action = self.action_of(spec)
            if action is not None:
                self.need_load(spec, action)
        self.synergies_load()
        coordinated = self.coordinated_load(COORDINATED_ACTION)
        if coordinated is not None:
            self.need_load(COORDINATED_ACTION.need, coordinated)
        self.allocation_load()

    # Resources, capacities, needs ------------------------------------------------------------

    def resources_load(self) -> None:
        for r in RESOURCES:
            self.resources[r.key] = self.upsert(
                "resource types",
                ResourceType,
                lookup={"key": r.key},
                values={"name": r.name, "kind": r.kind, "unit": r.unit, "is_active": True},
            )

    def capacities_load(self) -> None:
        for c in CAPACITIES:
            organisation = self.organisations.get(c.organisation)
            if organisation is None:
                continue
            self.upsert(
                "partner capacities",
                PartnerCapacity,
                lookup={"organisation": organisation, "resource": self.resources[c.resource]},
                values={"amount": _money(c.amount), "note": c.note},
            )

    def action_of(self, spec: NeedSpec) -> models.Model | None:
        if spec.kind == LOCAL:
            location = self.locations.get(spec.place)
            return Action.objects.filter(plan__location=location, title=spec.title).order_by("pk").first()
        if spec.kind == COMMITMENT:
            return Commitment.objects.filter(country__code=spec.place, title=spec.title).order_by("pk").first()
        return CoordinatedAction.objects.filter(title=spec.title).order_by("pk").first()

    def need_load(self, spec: NeedSpec, action: models.Model) -> None:
        profile = self.upsert(
            "need profiles",
            NeedProfile,
            lookup={spec.kind: action},
            values={"min_fraction": _money(spec.min_fraction), "children_reached": spec.children},
        )
        for key, amount in spec.needs:
            self.upsert(
                "needs",
                Need,
                lookup={"profile": profile, "resource": self.resources[key]},
                values={"amount": _money(amount)},
            )

    # Synergies ------------------------------------------------------------------------------

    def synergies_load(self) -> None:
        from cpphub.coordination.services.synergies import accept_synergy, dismiss_synergy, find_synergies

        if self.result.changed or not Synergy.objects.exists():
            found = find_synergies(acting_user=None)
            for outcome, count in ((CREATED, found.new), (UPDATED, found.updated), (UNCHANGED, found.unchanged)):
                for _ in range(count):
                    self.result.tally("synergies", outcome)
        for decision in DECISIONS:
            synergy = self.synergy_of(decision)
            if synergy is None or synergy.status != Synergy.Status.SUGGESTED:
                continue
            if decision.decision == DISMISS:
                dismiss_synergy(synergy, acting_user=None, reason=decision.reason)
            else:
                accept_synergy(synergy, acting_user=None)
            self.result.tally("synergy decisions", UPDATED)

    def synergy_of(self, decision: DecisionSpec) -> Synergy | None:
        """The suggestion pairing the location's item titled ``local`` with its country's item titled ``national``."""
        location = self.locations.get(decision.location)
        if location is None:
            return None
        local = models.Q(local_action__in=Action.objects.filter(plan__location=location, title=decision.local)) | (
            models.Q(local_priority__in=Priority.objects.filter(workshop__location=location, title=decision.local))
        )
        country = location.country_id
        national = (
            models.Q(national_priority__in=NationalPriority.objects.filter(country_id=country, title=decision.national))
            | models.Q(
                national_strength__in=NationalStrength.objects.filter(country_id=country, title=decision.national)
            )
            | models.Q(commitment__in=Commitment.objects.filter(country_id=country, title=decision.national))
        )
        return Synergy.objects.filter(local, national, location=location).order_by("pk").first()

    # The coordinated action -----------------------------------------------------------------

    def coordinated_load(self, spec: CoordinatedSpec) -> CoordinatedAction | None:
        from cpphub.coordination.services.actions import create_coordinated_action

        action = CoordinatedAction.objects.filter(title=spec.title).order_by("pk").first()
        if action is None:
            synergy = self.synergy_of(spec.synergy)
            if synergy is None or synergy.status != Synergy.Status.ACCEPTED or _used(synergy):
                return None
            location = synergy.location
            joins = list(Action.objects.filter(plan__location=location, title__in=spec.also_joins).order_by("pk"))
            action = create_coordinated_action(
                acting_user=None,
                synergy=synergy,
                title=spec.title,
                description=spec.description,
                lead=self.organisations[spec.lead],
                locations=[location],
                countries=[location.country],
                local_actions=joins,
                outcome=spec.outcome,
                risks=list(spec.risks),
                target_groups=list(spec.groups),
                children_to_reach=spec.children,
                start=spec.start,
                end=spec.end,
                status=spec.status,
            )
            self.result.tally("coordinated actions", CREATED)
        else:
            self.result.tally("coordinated actions", UNCHANGED)
        for c in spec.contributions:
            resource = self.resources[c.resource] if c.resource else None
            self.upsert(
                "contributions",
                Contribution,
                lookup={
                    "action": action,
                    "organisation": self.organisations[c.organisation],
                    "kind": c.kind,
                    "resource": resource,
                },
                values={
                    "amount": _money(c.amount),
                    "unit": resource.unit if resource else "",
                    "description": c.description,
                    "status": c.status,
                },
            )
        for m in spec.milestones:
            self.upsert(
                "milestones",
                Milestone,
                lookup={"action": action, "title": m.title},
                values={"due": m.due, "done_at": m.done},
            )
        return action

    # The allocation -------------------------------------------------------------------------

    def allocation_load(self) -> None:
        from cpphub.coordination.services.allocation import accept_allocation, run_allocation

        if AllocationRun.objects.exists():
            return
        run = run_allocation(acting_user=None, title="Demo: first allocation of the 2026-2027 actions")
        self.result.tally("allocations", CREATED)
        if run.status == AllocationRun.Status.PROPOSED:
            accept_allocation(run, acting_user=None)


def _used(synergy: Synergy) -> bool:
    return CoordinatedAction.objects.filter(synergy=synergy).exists()


def demo_coordination_load(
    *, result: DemoLoadResult, locations: dict[str, PilotLocation], organisations: dict[str, Organisation]
) -> None:
    """Resources, capacities, needs, the synergies found and decided on, a coordinated action and an allocation.

    Runs after the planning and national loads (``organisations`` holds the national partners by then).
    """
    _Loader(result, locations, organisations).run()
