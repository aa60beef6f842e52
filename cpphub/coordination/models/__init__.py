"""Bringing both together: synergies, coordinated actions, resources and their allocation."""

from cpphub.coordination.models.actions import Contribution, CoordinatedAction, Milestone
from cpphub.coordination.models.allocation import (
    AllocationRun,
    AllocationSettings,
    Need,
    NeedProfile,
    PartnerCapacity,
    ResourceType,
)
from cpphub.coordination.models.synergies import Synergy

__all__ = [
    "AllocationRun",
    "AllocationSettings",
    "Contribution",
    "CoordinatedAction",
    "Milestone",
    "Need",
    "NeedProfile",
    "PartnerCapacity",
    "ResourceType",
    "Synergy",
]
