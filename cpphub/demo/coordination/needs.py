"""What the open actions need to go ahead, and the children each should reach. Illustrative figures.

One profile per open (planned or under-way) action of the pilot locations in
Create or Follow-up (Chiang Rai, Santo André, São Paulo), per open national
commitment that needs resources, and for the demo's coordinated action
(``actions.py``), which carries the needs of the two Chiang Rai border
actions it joins, so they have none of their own.
Budgets are in CAD (the local budgets converted, plus what the plan left
out). Together they need about half as much again as the partners can give,
so the optimiser has to leave some actions unfunded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from cpphub.demo.coordination.resources import BUDGET, DEVICES, ICT, LE_TRAINING, OUTREACH, PSYCHOSOCIAL

LOCAL, COMMITMENT, COORDINATED = "local_action", "commitment", "coordinated_action"


@dataclass(frozen=True)
class NeedSpec:
    kind: str  # LOCAL, COMMITMENT or COORDINATED
    place: str  # a location's slug (local), a country's code (commitment), "" (coordinated)
    title: str  # the action's or commitment's title
    min_fraction: Decimal
    children: int
    needs: tuple[tuple[str, Decimal], ...]  # (resource key, amount)


def _n(kind: str, place: str, title: str, min_fraction: str, children: int, **amounts: str) -> NeedSpec:
    keys = {
        "budget": BUDGET,
        "le": LE_TRAINING,
        "psy": PSYCHOSOCIAL,
        "outreach": OUTREACH,
        "ict": ICT,
        "devices": DEVICES,
    }
    needs = tuple((keys[name], Decimal(amount)) for name, amount in amounts.items())
    return NeedSpec(kind, place, title, Decimal(min_fraction), children, needs)


CR, SA, SP = "chiang-rai", "santo-andre", "sao-paulo"

NEEDS = (
    # Chiang Rai (Create).
    _n(LOCAL, CR, "สภาเด็กรณรงค์สายด่วนช่วยเหลือเด็ก", "0.60", 4000, budget="3800", outreach="240"),
    _n(LOCAL, CR, "เด็กชายแกนนำเรื่องการบล็อกและแจ้งเหตุ", "0.70", 600, budget="2400", outreach="120", devices="5"),
    # Santo André (Follow-up).
    _n(LOCAL, SA, "Fluxo de encaminhamento pactuado na rede", "0.80", 1500, budget="1500", psy="40", le="16"),
    _n(LOCAL, SA, "Campanha do canal de denúncia por SMS", "0.60", 5000, budget="6250", outreach="100", ict="40"),
    _n(
        LOCAL,
        SA,
        "Encontros de pais sobre a vida on-line dos filhos",
        "0.70",
        900,
        budget="2000",
        outreach="150",
        psy="30",
    ),
    _n(LOCAL, SA, "Meninos que bloqueiam e denunciam", "0.70", 400, budget="2750", outreach="100"),
    # São Paulo (Create).
    _n(LOCAL, SP, "Protocolo de remoção rápida com a rede social", "0.80", 3000, ict="80"),
    _n(LOCAL, SP, "Formação de professores sobre extorsão sexual", "0.70", 3000, budget="5500", outreach="200"),
    _n(
        LOCAL,
        SP,
        "Atendimento integrado às vítimas",
        "0.80",
        60,
        budget="7500",
        psy="200",
        le="40",
        devices="4",
    ),
    # Open national commitments.
    _n(
        COMMITMENT,
        "BR",
        "Formar policiais civis de São Paulo e do Maranhão em investigação de extorsão sexual on-line",
        "0.75",
        2000,
        budget="12000",
        le="160",
    ),
    _n(
        COMMITMENT,
        "BR",
        "Levar o canal de denúncia às escolas estaduais do Maranhão",
        "0.60",
        6000,
        budget="8000",
        outreach="250",
        ict="20",
    ),
    _n(
        COMMITMENT,
        "TH",
        "อบรมพนักงานสอบสวนเชียงรายเรื่องการล่อลวงทางแชทและเว็บแคม",
        "0.75",
        1500,
        budget="9000",
        le="120",
        ict="20",
    ),
    _n(
        COMMITMENT,
        "TH",
        "เชื่อมศูนย์ประสานงานชายแดนเชียงรายกับสายด่วน 1300",
        "0.70",
        2500,
        budget="6000",
        psy="80",
        ict="20",
    ),
)
