"""The allocation optimiser: which partners give what to which actions for the most expected benefit.

Pure Python over ``highspy`` (no Django models); ``docs/allocation.md`` explains the model. The Django
layer and ``cpphub allocate`` use only what is exported here.
"""

from cpphub.coordination.allocation.greedy import greedy
from cpphub.coordination.allocation.result import Allocation, Assignment, Reason
from cpphub.coordination.allocation.scenario import (
    Action,
    Forbid,
    Partner,
    Pin,
    Resource,
    Scenario,
    ScenarioError,
)
from cpphub.coordination.allocation.solver import solve
from cpphub.coordination.allocation.verify import check

__all__ = [
    "Action",
    "Allocation",
    "Assignment",
    "Forbid",
    "Partner",
    "Pin",
    "Reason",
    "Resource",
    "Scenario",
    "ScenarioError",
    "check",
    "greedy",
    "solve",
]
