"""The shapes of the demo's Engage, Plan and Create data, one :class:`LocationPlanning` per pilot location."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

SYNTHETIC = "Synthetic demo data"


@dataclass(frozen=True)
class StakeholderSpec:
    key: str
    name: str  # in the location's language
    sector: str  # Sector.Code
    power: int
    interest: int
    can_do: str
    contact: str  # a role, never a person's name
    english: str  # the name in English, for the notes
    organisation: str | None = None  # key of a registry organisation (cpp2009)


@dataclass(frozen=True)
class FollowUpSpec:
    description: str
    owner: str
    due: dt.date
    done: dt.date | None = None


@dataclass(frozen=True)
class EngagementSpec:
    kind: str  # Engagement.Kind
    date: dt.date
    title: str
    stakeholders: tuple[str, ...]  # stakeholder keys
    participants: str
    agreed: str
    follow_ups: tuple[FollowUpSpec, ...] = ()


@dataclass(frozen=True)
class PrioritySpec:
    key: str
    title: str
    description: str
    findings: tuple[str, ...]  # fragments of the summaries of risk findings
    strengths: tuple[str, ...]  # fragments of the summaries of strength findings
    scores: tuple[int, int, int, int]  # severity, children, feasibility, strengths
    reasoning: str


@dataclass(frozen=True)
class Participation:
    sector: str
    number: int
    organisation: str | None = None  # registry organisation key
    children: bool = False


@dataclass(frozen=True)
class WorkshopSpec:
    round: int
    title: str
    date: dt.date
    participation: tuple[Participation, ...]
    priorities: tuple[PrioritySpec, ...]
    reasoning: str
    english: str  # a summary in English, for the notes


@dataclass(frozen=True)
class UpdateSpec:
    date: dt.date
    note: str
    value: Decimal | None = None


@dataclass(frozen=True)
class ActionSpec:
    title: str
    description: str
    priority: str  # priority key
    outcome: str  # Outcome
    lead: str  # registry organisation key; a partner of the location
    start: dt.date
    end: dt.date
    status: str = "planned"  # Action.Status
    status_reason: str = ""
    supporting: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    ages: tuple[str, ...] = ()
    sexes: tuple[str, ...] = ()
    budget: Decimal | None = None
    in_kind: str = ""
    expertise: str = ""
    indicator: str = ""
    baseline: Decimal | None = None
    target: Decimal | None = None
    updates: tuple[UpdateSpec, ...] = ()


@dataclass(frozen=True)
class PlanSpec:
    title: str
    workshop_round: int
    created: dt.date
    english: str
    actions: tuple[ActionSpec, ...]


@dataclass(frozen=True)
class TemplateSpec:
    title: str
    description: str
    outcome: str
    groups: tuple[str, ...] = ()
    ages: tuple[str, ...] = ()
    sexes: tuple[str, ...] = ()
    expertise: str = ""
    indicator: str = ""


@dataclass(frozen=True)
class MoveSpec:
    from_stage: str
    to_stage: str
    date: dt.date
    note: str = ""


@dataclass(frozen=True)
class LocationPlanning:
    slug: str
    currency: str
    weights: dict[str, int]
    moves: tuple[MoveSpec, ...]
    stakeholders: tuple[StakeholderSpec, ...] = ()
    engagements: tuple[EngagementSpec, ...] = ()
    workshops: tuple[WorkshopSpec, ...] = ()
    plans: tuple[PlanSpec, ...] = ()
    templates: tuple[TemplateSpec, ...] = field(default=())
