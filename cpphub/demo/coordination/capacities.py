"""What each partner can put into the partnership's actions this period. Illustrative figures.

International partners give anywhere, national ones in their own country.
CIDA's funding reaches the actions through IICRD, the executing agency.
Capacity is tight on purpose: about two thirds of the budget and of the
law-enforcement training the open actions need, so some stay unfunded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from cpphub.demo.coordination.resources import BUDGET, DEVICES, ICT, LE_TRAINING, OUTREACH, PSYCHOSOCIAL


@dataclass(frozen=True)
class CapacitySpec:
    organisation: str  # organisation key (cpp2009 or a demo national partner)
    resource: str  # resource key
    amount: Decimal
    note: str = ""


def _c(organisation: str, resource: str, amount: str, note: str = "") -> CapacitySpec:
    return CapacitySpec(organisation, resource, Decimal(amount), note)


CAPACITIES = (
    # The steering committee.
    _c("iicrd", BUDGET, "35000", "CIDA's contribution for coordinated actions, managed by the executing agency."),
    _c("unicef", BUDGET, "15000", "Country-programme funds for child online protection."),
    _c("unicef", OUTREACH, "150", "Communication for development staff."),
    _c("microsoft", ICT, "100", "Engineers' volunteer hours and technical training."),
    _c("microsoft", DEVICES, "20", "Refurbished laptops."),
    _c("ncecc", LE_TRAINING, "120", "Online investigation and victim identification courses."),
    # Brazil.
    _c("dpf", LE_TRAINING, "80", "Trainers of the cybercrime unit."),
    _c("sdh", BUDGET, "8000", "Campaign funds of the national plan, for Brazil only."),
    _c("mds", PSYCHOSOCIAL, "80", "CREAS psychologists and social workers."),
    _c("plan_brasil", OUTREACH, "150"),
    _c("plan_brasil", PSYCHOSOCIAL, "40"),
    _c("childhood_brasil", PSYCHOSOCIAL, "120", "Protected-listening specialists."),
    _c("childhood_brasil", OUTREACH, "120"),
    _c("safernet", ICT, "60", "Hotline analysts and developers."),
    _c("safernet", OUTREACH, "100", "Safe-internet educators."),
    _c("safernet", PSYCHOSOCIAL, "60", "Psychologists of the online help chat."),
    _c("neca", OUTREACH, "150", "Trainers of teachers and parents."),
    # Thailand.
    _c("rtp", LE_TRAINING, "60", "Trainers of the unit against internet crimes against children."),
    _c("msdhs", PSYCHOSOCIAL, "100", "1300 hotline counsellors and provincial social workers."),
    _c("thai_hotline", ICT, "40", "Hotline analysts."),
    _c("plan_thailand", OUTREACH, "250", "Community facilitators and children's council advisers."),
    _c("face", PSYCHOSOCIAL, "80", "Social workers and lawyers for child victims."),
    _c("face", OUTREACH, "60"),
    _c("chula_education", OUTREACH, "100", "Curriculum and teacher-training staff."),
)
