"""The output of the optimiser: which actions are funded, who gives what, and why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

OPTIMAL = "optimal"
FEASIBLE = "feasible"
INFEASIBLE = "infeasible"


@dataclass(frozen=True)
class Reason:
    """A machine-readable reason: a ``code`` the Django layer translates and its ``params``."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Assignment:
    partner: str
    action: str
    resource: str
    amount: float


@dataclass
class Allocation:
    """A proposed allocation with its proof of quality.

    ``objective`` is the total expected benefit of the funded actions; ``bound`` a proven upper bound of
    the best achievable one, so ``gap = (bound - objective) / max(bound, eps)`` is how far from optimal it
    can possibly be. ``greedy_objective`` is the benefit the simple greedy heuristic reaches on the same
    scenario (never more than ``objective``). ``lp_seconds`` is the time of the LP relaxation, ``seconds``
    the whole solve.
    """

    status: str
    objective: float
    bound: float
    gap: float
    greedy_objective: float
    lp_seconds: float
    seconds: float
    funded: tuple[str, ...]
    assignments: tuple[Assignment, ...]
    reasons: Mapping[str, tuple[Reason, ...]]
    unfunded: tuple[str, ...]
    leftover: Mapping[str, Mapping[str, float]]
    problems: tuple[Reason, ...] = ()
    method: str = ""  # which search produced ``funded``: "mip", "heuristic" or "greedy"
    stats: Mapping[str, float] = field(default_factory=dict)  # sizes and timings of the solve, for the benchmark


def relative_gap(objective: float, bound: float) -> float:
    """``(bound - objective) / max(bound, eps)``, never negative."""
    return max(0.0, bound - objective) / max(abs(bound), 1e-9)
