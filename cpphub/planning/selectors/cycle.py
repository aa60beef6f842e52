"""The Triple A cycle of each location, counted from the database: what each stage produced, its checklist, next step.

Every partnership member reads the cycle of every location and the
partnership board; the counts are of partnership records (class C) only, never
of the people or children behind them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Model, QuerySet
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cpphub.mapping.models import Finding, MappingSession
from cpphub.partnership.models import Country, PilotLocation
from cpphub.planning.models import (
    DEFAULT_CHECKLIST,
    Action,
    ActionPlan,
    Engagement,
    FollowUp,
    PlanningConfig,
    Priority,
    StageMove,
    Stakeholder,
    Workshop,
)
from cpphub.planning.selectors.access import access_planning, can_configure, facilitates

Stage = PilotLocation.Stage

# The four stages that produce records, in order; Follow-up comes after Create and has no checklist.
CYCLE_STAGES: tuple[str, ...] = (Stage.MAP, Stage.ENGAGE, Stage.PLAN, Stage.CREATE)
ALL_STAGES: tuple[str, ...] = tuple(Stage.values)
OPEN_ACTION_STATUSES = (Action.Status.PLANNED, Action.Status.UNDER_WAY)


def _item_texts() -> dict[str, tuple[Callable[[int], str], Callable[[int], str]]]:
    """For each checklist item: (what it counts, as a noun for n; the next step that asks for n of them)."""
    return {
        "sessions": (
            lambda n: ngettext("mapping session", "mapping sessions", n),
            lambda n: ngettext("Record at least {n} mapping session", "Record at least {n} mapping sessions", n),
        ),
        "findings": (
            lambda n: ngettext("finding", "findings", n),
            lambda n: ngettext("Record at least {n} finding", "Record at least {n} findings", n),
        ),
        "stakeholders": (
            lambda n: ngettext("stakeholder", "stakeholders", n),
            lambda n: ngettext("Register at least {n} stakeholder", "Register at least {n} stakeholders", n),
        ),
        "engagements": (
            lambda n: ngettext("engagement", "engagements", n),
            lambda n: ngettext("Log at least {n} engagement", "Log at least {n} engagements", n),
        ),
        "workshops": (
            lambda n: ngettext("planning workshop", "planning workshops", n),
            lambda n: ngettext("Hold at least {n} planning workshop", "Hold at least {n} planning workshops", n),
        ),
        "ranked_priorities": (
            lambda n: ngettext("ranked priority", "ranked priorities", n),
            lambda n: ngettext("Rank at least {n} priority", "Rank at least {n} priorities", n),
        ),
        "action_plans": (
            lambda n: ngettext("action plan", "action plans", n),
            lambda n: ngettext("Create at least {n} action plan", "Create at least {n} action plans", n),
        ),
        "actions": (
            lambda n: ngettext("action", "actions", n),
            lambda n: ngettext("Add at least {n} action", "Add at least {n} actions", n),
        ),
    }


def item_label(key: str, n: int = 2) -> str:
    texts = _item_texts().get(key)
    return texts[0](n) if texts else key


def stage_label(stage: str) -> str:
    return str(Stage(stage).label) if stage in ALL_STAGES else stage


def next_stage_of(stage: str) -> str | None:
    index = ALL_STAGES.index(stage) if stage in ALL_STAGES else -1
    return ALL_STAGES[index + 1] if 0 <= index < len(ALL_STAGES) - 1 else None


def previous_stage_of(stage: str) -> str | None:
    index = ALL_STAGES.index(stage) if stage in ALL_STAGES else 0
    return ALL_STAGES[index - 1] if index > 0 else None


# Counting -------------------------------------------------------------------------------


def _grouped(queryset: QuerySet[Any], location_path: str) -> dict[int, int]:
    rows = queryset.values(location_path).annotate(n=Count("pk", distinct=True)).values_list(location_path, "n")
    return dict(rows)


def location_counts(location_ids: Iterable[int], today: dt.date | None = None) -> dict[int, dict[str, int]]:
    """For each location: the count of every checklist item, and of overdue actions and follow-ups.

    One grouped query per item, however many locations: the board stays cheap.
    """
    ids = list(location_ids)
    today = today or timezone.localdate()
    queries: dict[str, tuple[QuerySet[Any], str]] = {
        "sessions": (MappingSession.objects.filter(location__in=ids), "location"),
        "findings": (Finding.objects.filter(location__in=ids, withdrawn_at__isnull=True), "location"),
        "stakeholders": (Stakeholder.objects.filter(location__in=ids, is_active=True), "location"),
        "engagements": (Engagement.objects.filter(location__in=ids), "location"),
        "workshops": (Workshop.objects.filter(location__in=ids), "location"),
        "ranked_priorities": (
            Priority.objects.filter(workshop__location__in=ids, rank__isnull=False),
            "workshop__location",
        ),
        "action_plans": (ActionPlan.objects.filter(location__in=ids), "location"),
        "actions": (Action.objects.filter(plan__location__in=ids), "plan__location"),
        "overdue_actions": (
            Action.objects.filter(plan__location__in=ids, status__in=OPEN_ACTION_STATUSES, end__lt=today),
            "plan__location",
        ),
        "overdue_follow_ups": (
            FollowUp.objects.filter(engagement__location__in=ids, done_at__isnull=True, due_date__lt=today),
            "engagement__location",
        ),
    }
    counts: dict[int, dict[str, int]] = {location_id: dict.fromkeys(queries, 0) for location_id in ids}
    for key, (queryset, path) in queries.items():
        for location_id, n in _grouped(queryset, path).items():
            counts[location_id][key] = n
    return counts


def checklist_of(config: PlanningConfig | None) -> dict[str, dict[str, int]]:
    """The checklist a location's stages must meet: its own settings over the defaults, item by item."""
    own = config.checklist if config is not None and isinstance(config.checklist, dict) else {}
    result: dict[str, dict[str, int]] = {}
    for stage, items in DEFAULT_CHECKLIST.items():
        found = own.get(stage)
        stage_items: dict[str, Any] = found if isinstance(found, dict) else {}
        result[stage] = {}
        for key, default in items.items():
            value = stage_items.get(key, default)
            result[stage][key] = value if isinstance(value, int) and value >= 0 else default
    return result


def checklists(location_ids: Iterable[int]) -> dict[int, dict[str, dict[str, int]]]:
    ids = list(location_ids)
    configs = {config.location_id: config for config in PlanningConfig.objects.filter(location__in=ids)}
    return {location_id: checklist_of(configs.get(location_id)) for location_id in ids}


# What the cycle looks like ----------------------------------------------------------------


@dataclass
class ChecklistItem:
    key: str
    label: str
    required: int
    count: int

    @property
    def met(self) -> bool:
        return self.count >= self.required

    @property
    def missing_text(self) -> str:
        return _("{label}: {count} of {required}").format(
            label=item_label(self.key), count=self.count, required=self.required
        )

    @property
    def next_step(self) -> str:
        return _item_texts()[self.key][1](self.required).format(n=self.required)


@dataclass
class Record:
    kind: str
    title: str
    by: str
    at: dt.datetime | None
    url: str | None = None


@dataclass
class StageSummary:
    stage: str
    label: str
    items: list[ChecklistItem]
    is_current: bool = False
    is_done: bool = False
    latest: list[Record] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return all(item.met for item in self.items)

    @property
    def missing(self) -> list[ChecklistItem]:
        return [item for item in self.items if not item.met]


@dataclass
class MoveRow:
    """A stage move as the cycle shows it."""

    from_stage: str
    to_stage: str
    from_label: str
    to_label: str
    note: str
    moved_by: str
    moved_at: dt.datetime
    checklist: dict[str, Any]

    @classmethod
    def of(cls, move: StageMove) -> MoveRow:
        return cls(
            from_stage=move.from_stage,
            to_stage=move.to_stage,
            from_label=stage_label(move.from_stage),
            to_label=stage_label(move.to_stage),
            note=move.note,
            moved_by=_who(move.moved_by),
            moved_at=move.moved_at,
            checklist=move.checklist,
        )


@dataclass
class LocationCycle:
    location: PilotLocation
    stages: list[StageSummary]
    counts: dict[str, int]
    next_step: str
    moves: list[MoveRow] = field(default_factory=list)

    @property
    def stage(self) -> str:
        return self.location.stage

    @property
    def stage_label(self) -> str:
        return stage_label(self.location.stage)

    @property
    def current(self) -> StageSummary | None:
        return next((summary for summary in self.stages if summary.is_current), None)

    @property
    def next_stage(self) -> str | None:
        return next_stage_of(self.location.stage)

    @property
    def next_stage_label(self) -> str:
        return stage_label(self.next_stage) if self.next_stage else ""

    @property
    def previous_stage(self) -> str | None:
        return previous_stage_of(self.location.stage)

    @property
    def previous_stage_label(self) -> str:
        return stage_label(self.previous_stage) if self.previous_stage else ""

    @property
    def overdue_actions(self) -> int:
        return self.counts.get("overdue_actions", 0)

    @property
    def overdue_follow_ups(self) -> int:
        return self.counts.get("overdue_follow_ups", 0)

    @property
    def produced(self) -> list[tuple[str, int]]:
        """Every checklist item's label and count, in the order of the stages."""
        return [(item.label, item.count) for summary in self.stages for item in summary.items]


def stage_summaries(stage: str, counts: dict[str, int], checklist: dict[str, dict[str, int]]) -> list[StageSummary]:
    current_index = ALL_STAGES.index(stage) if stage in ALL_STAGES else 0
    summaries = []
    for index, each in enumerate(CYCLE_STAGES):
        items = [
            ChecklistItem(key=key, label=item_label(key), required=required, count=counts.get(key, 0))
            for key, required in checklist.get(each, {}).items()
        ]
        summaries.append(
            StageSummary(
                stage=each,
                label=stage_label(each),
                items=items,
                is_current=index == current_index,
                is_done=index < current_index,
            )
        )
    return summaries


def next_step(stage: str, summaries: list[StageSummary], counts: dict[str, int]) -> str:
    """One sentence: what the location should do next."""
    current = next((summary for summary in summaries if summary.stage == stage), None)
    if current is None:  # Follow-up
        overdue = counts.get("overdue_actions", 0) + counts.get("overdue_follow_ups", 0)
        if overdue:
            return ngettext(
                "Catch up on {n} overdue action or follow-up", "Catch up on {n} overdue actions and follow-ups", overdue
            ).format(n=overdue)
        return _("Keep the actions' progress up to date, and map again when the partners are ready")
    if current.missing:
        return "; ".join(item.next_step for item in current.missing)
    following = next_stage_of(stage)
    return _("Move to {stage}").format(stage=stage_label(following)) if following else ""


def _who(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.email) if hasattr(user, "get_full_name") else str(user)


def _url_or_none(name: str, pk: int) -> str | None:
    """The page of a record, or None when that area has no such page (yet)."""
    try:
        return reverse(name, kwargs={"pk": pk})
    except NoReverseMatch:
        return None


LATEST = 3


def _latest(location: PilotLocation) -> dict[str, list[Record]]:
    """The latest records of each stage, with who made them and when."""

    def rows(
        queryset: QuerySet[Any], kind: str, url_name: str, by: Callable[[Any], Any], title: Callable[[Any], str] = str
    ) -> list[Record]:
        return [
            Record(kind=kind, title=title(obj), by=_who(by(obj)), at=obj.created_at, url=_url_or_none(url_name, obj.pk))
            for obj in queryset[:LATEST]
        ]

    def created_by(obj: Model) -> Any:
        return getattr(obj, "created_by", None)

    sessions = MappingSession.objects.filter(location=location).select_related("created_by").order_by("-created_at")
    findings = (
        Finding.objects.filter(location=location, withdrawn_at__isnull=True)
        .select_related("created_by")
        .order_by("-created_at")
    )
    stakeholders = (
        Stakeholder.objects.filter(location=location, is_active=True)
        .select_related("created_by")
        .order_by("-created_at")
    )
    engagements = Engagement.objects.filter(location=location).select_related("created_by").order_by("-created_at")
    workshops = Workshop.objects.filter(location=location).select_related("created_by").order_by("-created_at")
    plans = ActionPlan.objects.filter(location=location).select_related("created_by").order_by("-created_at")
    actions = Action.objects.filter(plan__location=location).select_related("plan__created_by").order_by("-created_at")
    return {
        Stage.MAP: [
            *rows(sessions, item_label("sessions", 1), "mapping:session_detail", created_by),
            *rows(findings, item_label("findings", 1), "mapping:finding_detail", created_by),
        ],
        Stage.ENGAGE: [
            *rows(stakeholders, item_label("stakeholders", 1), "planning:stakeholder_detail", created_by),
            *rows(engagements, item_label("engagements", 1), "planning:engagement_detail", created_by),
        ],
        Stage.PLAN: rows(workshops, item_label("workshops", 1), "planning:workshop_detail", created_by),
        Stage.CREATE: [
            *rows(plans, item_label("action_plans", 1), "planning:plan_detail", created_by),
            *rows(actions, item_label("actions", 1), "planning:action_detail", lambda a: a.plan.created_by),
        ],
    }


def cycle_of(
    location: PilotLocation,
    counts: dict[str, int],
    checklist: dict[str, dict[str, int]],
) -> LocationCycle:
    summaries = stage_summaries(location.stage, counts, checklist)
    return LocationCycle(
        location=location,
        stages=summaries,
        counts=counts,
        next_step=next_step(location.stage, summaries, counts),
    )


def location_cycle(*, viewer: Any, location: PilotLocation) -> LocationCycle:
    """The cycle of one location: the four stages, what each produced and who did it, the checklist, next step."""
    access_planning(viewer)
    counts = location_counts([location.pk])[location.pk]
    cycle = cycle_of(location, counts, checklists([location.pk])[location.pk])
    latest = _latest(location)
    for summary in cycle.stages:
        summary.latest = sorted(
            latest.get(summary.stage, []),
            key=lambda record: record.at or timezone.now(),
            reverse=True,
        )
    moves = StageMove.objects.filter(location=location).select_related("moved_by").order_by("-moved_at", "-pk")
    cycle.moves = [MoveRow.of(move) for move in moves]
    return cycle


def location_checklist(location: PilotLocation) -> dict[str, dict[str, int]]:
    """The checklist of ``location`` (its settings over the defaults); for the services."""
    return checklists([location.pk])[location.pk]


# Access ------------------------------------------------------------------------------------


def access_location(viewer: Any, pk: int, *, write: bool = False, configure: bool = False) -> PilotLocation:
    """The location ``pk`` for its cycle: members read; facilitators of it move it; coordinators configure it.

    Raises PermissionDenied (before telling whether the location exists to anyone who may not read) or Http404.
    """
    access_planning(viewer)
    location = PilotLocation.objects.select_related("country").filter(pk=pk).first()
    if write and not facilitates(viewer, location):
        raise PermissionDenied
    if configure and not can_configure(viewer):
        raise PermissionDenied
    if location is None:
        raise Http404
    return location


def access_location_by_slug(viewer: Any, slug: str) -> PilotLocation:
    access_planning(viewer)
    location = PilotLocation.objects.select_related("country").filter(slug=slug).first()
    if location is None:
        raise Http404
    return location


def access_configure(viewer: Any) -> None:
    """New locations from a template: coordinators."""
    access_planning(viewer)
    if not can_configure(viewer):
        raise PermissionDenied


# The partnership board -------------------------------------------------------------------


@dataclass
class BoardColumn:
    stage: str
    label: str
    cycles: list[LocationCycle]


@dataclass
class Board:
    columns: list[BoardColumn]
    countries: list[Country]
    country: Country | None

    @property
    def cycles(self) -> list[LocationCycle]:
        return [cycle for column in self.columns for cycle in column.cycles]


def board(*, viewer: Any, country: str | None = None) -> Board:
    """Every active location in its stage's column, with its counts, next step and what is overdue.

    ``country``: a country's pk or ISO code; anything else shows every country.
    """
    access_planning(viewer)
    countries = list(Country.objects.filter(locations__is_active=True).distinct().order_by("name"))
    chosen = None
    if country:
        chosen = next(
            (c for c in countries if str(c.pk) == str(country) or c.code.lower() == str(country).lower()), None
        )
    locations = PilotLocation.objects.filter(is_active=True).select_related("country")
    if chosen is not None:
        locations = locations.filter(country=chosen)
    locations_list = list(locations.order_by("country__name", "name"))
    ids = [location.pk for location in locations_list]
    counts = location_counts(ids)
    lists = checklists(ids)
    columns = [BoardColumn(stage=stage, label=stage_label(stage), cycles=[]) for stage in ALL_STAGES]
    by_stage = {column.stage: column for column in columns}
    for location in locations_list:
        column = by_stage.get(location.stage, columns[0])
        column.cycles.append(cycle_of(location, counts[location.pk], lists[location.pk]))
    return Board(columns=columns, countries=countries, country=chosen)
