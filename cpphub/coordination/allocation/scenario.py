"""The input of the allocation optimiser: resources, partners, actions, pins and forbids.

Pure data (no Django models): the Django layer builds a ``Scenario`` from the
database, the ``cpphub allocate`` command reads one from a JSON file through
``Scenario.from_dict``. Malformed input raises ``ScenarioError`` naming the
offending field (``actions[3].needs.budget``) so a coordinator can fix it;
a well-formed scenario whose pins cannot all hold is *not* malformed: the
solver answers it with status "infeasible" and the reasons.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

ANYWHERE = "*"


class ScenarioError(ValueError):
    """Malformed scenario input; ``path`` names the field (``partners[2].capacity.staff``)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


@dataclass(frozen=True)
class Resource:
    key: str
    label: str
    unit: str


@dataclass(frozen=True)
class Partner:
    """A partner offering ``capacity`` (resource key -> amount) to actions in its ``regions``.

    A region is ``"*"`` (anywhere), a country (``"TH"``) or a location within
    it (``"TH/chiang-rai"``); a partner may give to an action when one of its
    regions is ``"*"`` or a segment-wise prefix of the action's region.
    """

    key: str
    name: str
    capacity: Mapping[str, float]
    regions: tuple[str, ...] = (ANYWHERE,)


@dataclass(frozen=True)
class Action:
    """An action needing ``needs`` (resource key -> amount); funded to at least ``min_fraction`` of each, or not at all.

    ``region`` is ``""`` for a partnership-wide action, a country or a location.
    """

    key: str
    title: str
    needs: Mapping[str, float]
    benefit: float
    min_fraction: float = 1.0
    region: str = ""


@dataclass(frozen=True)
class Pin:
    """Partner must give resource to action: ``amount`` of it, or with ``None`` a token amount (see ``pin_floor``)."""

    partner: str
    action: str
    resource: str
    amount: float | None = None


@dataclass(frozen=True)
class Forbid:
    """Partner must give nothing to action."""

    partner: str
    action: str


def region_segments(region: str) -> tuple[str, ...]:
    """``"TH/chiang-rai"`` -> ``("TH", "chiang-rai")``; ``""`` (partnership-wide) -> ``()``."""
    return tuple(region.split("/")) if region else ()


def covers(partner_region: str, action_region: str) -> bool:
    """Whether a partner working in ``partner_region`` may give to an action in ``action_region``.

    Segment-wise prefix, so ``"TH"`` covers ``"TH/chiang-rai"`` but ``"TH/chiang"`` does not, and a
    location never covers its country.
    """
    if partner_region == ANYWHERE:
        return True
    own = region_segments(partner_region)
    return region_segments(action_region)[: len(own)] == own


def eligible(partner: Partner, action: Action) -> bool:
    return any(covers(region, action.region) for region in partner.regions)


def pin_floor(pin: Pin, capacity: float, need: float) -> float:
    """The least amount a pin holds the partner to: its amount, or ``min(1, capacity, need)`` without one.

    One unit is a token contribution whatever the unit; capped by the capacity and the need so a pin
    without an amount never makes a scenario infeasible on its own.
    """
    if pin.amount is not None:
        return pin.amount
    return min(1.0, capacity, need)


@dataclass(frozen=True)
class Scenario:
    resources: tuple[Resource, ...]
    partners: tuple[Partner, ...]
    actions: tuple[Action, ...]
    pins: tuple[Pin, ...] = ()
    forbids: tuple[Forbid, ...] = ()
    _index: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    # -- lookups -----------------------------------------------------------------------------------------------
    def partner(self, key: str) -> Partner:
        return self._lookup("partners", self.partners)[key]

    def action(self, key: str) -> Action:
        return self._lookup("actions", self.actions)[key]

    def _lookup(self, name: str, items: Iterable[Partner | Action]) -> dict[str, Any]:
        if name not in self._index:
            self._index[name] = {item.key: item for item in items}
        return self._index[name]  # type: ignore[no-any-return]

    # -- validation --------------------------------------------------------------------------------------------
    def validate(self) -> Scenario:
        """Raise ``ScenarioError`` for anything malformed; return the scenario for chaining.

        Checks what ``from_dict`` cannot see from types alone: duplicate keys, unknown keys, negative or
        non-finite amounts, ``min_fraction`` outside (0, 1], badly spelt regions.
        """
        resource_keys = _unique("resources", [resource.key for resource in self.resources])
        partner_keys = _unique("partners", [partner.key for partner in self.partners])
        action_keys = _unique("actions", [action.key for action in self.actions])
        for i, partner in enumerate(self.partners):
            here = f"partners[{i}]"
            _amounts(f"{here}.capacity", partner.capacity, resource_keys)
            if not partner.regions:
                raise ScenarioError(f"{here}.regions", "a partner needs at least one region ('*' for anywhere)")
            for j, region in enumerate(partner.regions):
                if region != ANYWHERE:
                    _region(f"{here}.regions[{j}]", region, partner=True)
        for i, action in enumerate(self.actions):
            here = f"actions[{i}]"
            _amounts(f"{here}.needs", action.needs, resource_keys)
            _number(f"{here}.benefit", action.benefit)
            if not 0 < action.min_fraction <= 1 or not math.isfinite(action.min_fraction):
                raise ScenarioError(f"{here}.min_fraction", f"must be in (0, 1], not {action.min_fraction}")
            _region(f"{here}.region", action.region, partner=False)
        for i, pin in enumerate(self.pins):
            here = f"pins[{i}]"
            _known(f"{here}.partner", pin.partner, partner_keys, "partner")
            _known(f"{here}.action", pin.action, action_keys, "action")
            _known(f"{here}.resource", pin.resource, resource_keys, "resource")
            if pin.amount is not None:
                _number(f"{here}.amount", pin.amount)
                if pin.amount == 0:
                    raise ScenarioError(f"{here}.amount", "a pinned amount must be positive (use a forbid for none)")
        for i, forbid in enumerate(self.forbids):
            _known(f"forbids[{i}].partner", forbid.partner, partner_keys, "partner")
            _known(f"forbids[{i}].action", forbid.action, action_keys, "action")
        return self

    # -- JSON --------------------------------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: object) -> Scenario:
        """Build and validate a scenario from its JSON form (see docs/allocation.md)."""
        top = _mapping("", data)
        for name in top:
            if name not in ("resources", "partners", "actions", "pins", "forbids"):
                raise ScenarioError(str(name), "unknown field")
        resources = tuple(
            Resource(
                key=_text(f"resources[{i}].key", item.get("key")),
                label=_text(f"resources[{i}].label", item.get("label", item.get("key"))),
                unit=_text(f"resources[{i}].unit", item.get("unit", ""), empty=True),
            )
            for i, item in _items("resources", top.get("resources"), required=True)
        )
        partners = tuple(
            Partner(
                key=_text(f"partners[{i}].key", item.get("key")),
                name=_text(f"partners[{i}].name", item.get("name", item.get("key"))),
                capacity=_number_map(f"partners[{i}].capacity", item.get("capacity", {})),
                regions=tuple(
                    _text(f"partners[{i}].regions[{j}]", region, empty=True)
                    for j, region in _list(f"partners[{i}].regions", item.get("regions", [ANYWHERE]))
                ),
            )
            for i, item in _items("partners", top.get("partners"), required=True)
        )
        actions = tuple(
            Action(
                key=_text(f"actions[{i}].key", item.get("key")),
                title=_text(f"actions[{i}].title", item.get("title", item.get("key"))),
                needs=_number_map(f"actions[{i}].needs", item.get("needs", {})),
                benefit=_number(f"actions[{i}].benefit", item.get("benefit")),
                min_fraction=_number(f"actions[{i}].min_fraction", item.get("min_fraction", 1.0)),
                region=_action_region(f"actions[{i}].region", item.get("region", "")),
            )
            for i, item in _items("actions", top.get("actions"), required=True)
        )
        pins = tuple(
            Pin(
                partner=_text(f"pins[{i}].partner", item.get("partner")),
                action=_text(f"pins[{i}].action", item.get("action")),
                resource=_text(f"pins[{i}].resource", item.get("resource")),
                amount=None if item.get("amount") is None else _number(f"pins[{i}].amount", item.get("amount")),
            )
            for i, item in _items("pins", top.get("pins", []))
        )
        forbids = tuple(
            Forbid(
                partner=_text(f"forbids[{i}].partner", item.get("partner")),
                action=_text(f"forbids[{i}].action", item.get("action")),
            )
            for i, item in _items("forbids", top.get("forbids", []))
        )
        return cls(resources, partners, actions, pins, forbids).validate()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form; ``Scenario.from_dict(s.to_dict()) == s``."""
        data: dict[str, Any] = {
            "resources": [{"key": r.key, "label": r.label, "unit": r.unit} for r in self.resources],
            "partners": [
                {"key": p.key, "name": p.name, "capacity": dict(p.capacity), "regions": list(p.regions)}
                for p in self.partners
            ],
            "actions": [
                {
                    "key": a.key,
                    "title": a.title,
                    "needs": dict(a.needs),
                    "benefit": a.benefit,
                    "min_fraction": a.min_fraction,
                    "region": a.region,
                }
                for a in self.actions
            ],
        }
        if self.pins:
            data["pins"] = [
                {"partner": p.partner, "action": p.action, "resource": p.resource, "amount": p.amount}
                for p in self.pins
            ]
        if self.forbids:
            data["forbids"] = [{"partner": f.partner, "action": f.action} for f in self.forbids]
        return data


# -- field checks (each raises ScenarioError with the path) ------------------------------------------------------
def _mapping(path: str, value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ScenarioError(path, f"expected an object, not {_kind(value)}")
    return value


def _list(path: str, value: object) -> list[tuple[int, Any]]:
    if not isinstance(value, list | tuple):
        raise ScenarioError(path, f"expected a list, not {_kind(value)}")
    return list(enumerate(value))


def _items(path: str, value: object, *, required: bool = False) -> list[tuple[int, Mapping[str, Any]]]:
    if value is None and required:
        raise ScenarioError(path, "missing")
    return [(i, _mapping(f"{path}[{i}]", item)) for i, item in _list(path, [] if value is None else value)]


def _text(path: str, value: object, *, empty: bool = False) -> str:
    if not isinstance(value, str):
        raise ScenarioError(path, "missing" if value is None else f"expected text, not {_kind(value)}")
    if not empty and not value.strip():
        raise ScenarioError(path, "must not be empty")
    return value


def _number(path: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScenarioError(path, "missing" if value is None else f"expected a number, not {_kind(value)}")
    number = float(value)
    if not math.isfinite(number):
        raise ScenarioError(path, "must be a finite number")
    if number < 0:
        raise ScenarioError(path, f"must not be negative ({number:g})")
    return number


def _number_map(path: str, value: object) -> dict[str, float]:
    return {str(key): _number(f"{path}.{key}", amount) for key, amount in _mapping(path, value).items()}


def _action_region(path: str, value: object) -> str:
    region = _text(path, "" if value is None else value, empty=True)
    return "" if region == ANYWHERE else region


def _amounts(path: str, amounts: Mapping[str, float], resource_keys: set[str]) -> None:
    for key, amount in amounts.items():
        _known(f"{path}.{key}", key, resource_keys, "resource")
        _number(f"{path}.{key}", amount)


def _region(path: str, region: str, *, partner: bool) -> None:
    if partner and not region:
        raise ScenarioError(path, "empty region: use '*' for anywhere")
    if region and any(not segment.strip() or segment != segment.strip() for segment in region.split("/")):
        raise ScenarioError(path, f"badly formed region {region!r}: expected COUNTRY or COUNTRY/location")
    if ANYWHERE in region:
        raise ScenarioError(path, f"'*' stands alone for anywhere, not inside {region!r}")


def _known(path: str, key: str, known: set[str], kind: str) -> None:
    if key not in known:
        raise ScenarioError(path, f"unknown {kind} {key!r}")


def _unique(path: str, keys: list[str]) -> set[str]:
    seen: set[str] = set()
    for i, key in enumerate(keys):
        if not key:
            raise ScenarioError(f"{path}[{i}].key", "must not be empty")
        if key in seen:
            raise ScenarioError(f"{path}[{i}].key", f"duplicate key {key!r}")
        seen.add(key)
    return seen


def _kind(value: object) -> str:
    return {
        type(None): "null",
        bool: "true/false",
        str: "text",
        list: "a list",
        dict: "an object",
        int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)
