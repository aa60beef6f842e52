"""Triple A, Engage, Plan and Create: stakeholders, engagements, workshops, priorities, action plans, the cycle."""

from cpphub.planning.models.create import (
    Action,
    ActionPlan,
    ActionTemplate,
    Outcome,
    ProgressUpdate,
    StageMove,
    TargetGroup,
)
from cpphub.planning.models.engage import Engagement, FollowUp, Quadrant, Stakeholder, quadrant
from cpphub.planning.models.plan import (
    CRITERIA,
    DEFAULT_CHECKLIST,
    DEFAULT_WEIGHTS,
    PlanningConfig,
    Priority,
    Workshop,
    WorkshopParticipation,
)

__all__ = [
    "CRITERIA",
    "DEFAULT_CHECKLIST",
    "DEFAULT_WEIGHTS",
    "Action",
    "ActionPlan",
    "ActionTemplate",
    "Engagement",
    "FollowUp",
    "Outcome",
    "PlanningConfig",
    "Priority",
    "ProgressUpdate",
    "Quadrant",
    "StageMove",
    "Stakeholder",
    "TargetGroup",
    "Workshop",
    "WorkshopParticipation",
    "quadrant",
]
