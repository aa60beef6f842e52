"""The resource types the demo's partners give and its actions need."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ResourceSpec:
    key: str
    name: str
    kind: str  # ResourceType.Kind
    unit: str


BUDGET = "budget"
LE_TRAINING = "law-enforcement-training"
PSYCHOSOCIAL = "psychosocial-support"
OUTREACH = "education-outreach"
ICT = "ict-technical"
DEVICES = "devices"

RESOURCES = (
    ResourceSpec(BUDGET, "Budget", "money", "CAD"),
    ResourceSpec(LE_TRAINING, "Law-enforcement training", "staff_time", "hours"),
    ResourceSpec(PSYCHOSOCIAL, "Psychosocial staff time", "staff_time", "hours"),
    ResourceSpec(OUTREACH, "Education and outreach", "staff_time", "hours"),
    ResourceSpec(ICT, "ICT and technical support", "staff_time", "hours"),
    ResourceSpec(DEVICES, "Devices (in kind)", "in_kind", "devices"),
)
