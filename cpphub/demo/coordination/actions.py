"""The synergies the demo's coordinator decides on, and the coordinated action made from one. Synthetic.

A synergy is named by its location, the title of its local item and the title
of its national item (the finder suggests it; the demo only decides).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from cpphub.demo.coordination.needs import COORDINATED, NeedSpec
from cpphub.demo.coordination.resources import BUDGET, DEVICES, ICT, LE_TRAINING, OUTREACH, PSYCHOSOCIAL

D = dt.date
ACCEPT, DISMISS = "accept", "dismiss"


@dataclass(frozen=True)
class DecisionSpec:
    location: str  # slug
    local: str  # title of the local priority or action
    national: str  # title of the national priority, strength or commitment
    decision: str  # ACCEPT or DISMISS
    reason: str = ""  # why it is dismissed


@dataclass(frozen=True)
class ContributionSpec:
    organisation: str  # organisation key
    kind: str  # Contribution.Kind
    resource: str | None
    amount: Decimal | None
    description: str
    status: str = "pledged"


@dataclass(frozen=True)
class MilestoneSpec:
    title: str
    due: dt.date
    done: dt.date | None = None


@dataclass(frozen=True)
class CoordinatedSpec:
    """A coordinated action made from the accepted synergy ``synergy``."""

    synergy: DecisionSpec
    title: str
    description: str
    lead: str  # organisation key
    also_joins: tuple[str, ...]  # titles of further local actions of the synergy's location
    outcome: str
    risks: tuple[str, ...]
    groups: tuple[str, ...]
    children: int
    start: dt.date
    end: dt.date
    status: str
    contributions: tuple[ContributionSpec, ...]
    milestones: tuple[MilestoneSpec, ...]
    need: NeedSpec


BORDER = DecisionSpec(
    "chiang-rai",
    "ศูนย์ประสานงานชายแดนต่อต้านการค้าเด็ก",
    "ป้องกันการค้าเด็กที่เริ่มจากการชักชวนทางโทรศัพท์มือถือในพื้นที่ชายแดน",
    ACCEPT,
)

DECISIONS = (
    BORDER,
    DecisionSpec(
        "santo-andre",
        "Campanha do canal de denúncia por SMS",
        "Disque 100 e o canal de denúncia conhecidos por todas as crianças",
        ACCEPT,
    ),
    DecisionSpec(
        "sao-paulo",
        "Atendimento integrado às vítimas",
        "Atendimento integrado às crianças vítimas, sem revitimização",
        ACCEPT,
    ),
    DecisionSpec(
        "sao-paulo",
        "Blogs que incentivam a ficar sem comer",
        "Remoção rápida do conteúdo denunciado nas redes sociais",
        DISMISS,
        "Pro-starvation blogs are a health risk the CAPSi follows up; the takedown protocol covers sexual "
        "abuse material and humiliation communities, not this.",
    ),
)

_TITLE = "ศูนย์ประสานงานชายแดนเชียงราย เชื่อมตำรวจ พม. สายด่วน 1300 และชุมชน"

COORDINATED_ACTION = CoordinatedSpec(
    synergy=BORDER,
    title=_TITLE,
    description=(
        "FACE ตำรวจ และ พม. ใช้แบบฟอร์มรับแจ้งเดียวกันเรื่องนายหน้าที่ชักชวนเด็กทางโทรศัพท์มือถือ "
        "ส่งต่อภายใน 48 ชั่วโมง และเชื่อมกับสายด่วน 1300 ผู้ใหญ่บ้านและสภาเด็กแจ้งเตือนในหมู่บ้านชายแดน\n\n"
        "(Synthetic demo data. Chiang Rai's border coordination centre joined with the national 1300 hotline, "
        "police training and the village watch network.)"
    ),
    lead="face",
    also_joins=("เครือข่ายเฝ้าระวังนายหน้าในหมู่บ้านชายแดน",),
    outcome="coordinate",
    risks=("contract", "contact"),
    groups=("police", "social_workers", "community", "children"),
    children=3000,
    start=D(2026, 10, 1),
    end=D(2027, 12, 31),
    status="under_way",
    contributions=(
        ContributionSpec(
            "face", "staff_time", PSYCHOSOCIAL, Decimal("60.00"), "นักสังคมสงเคราะห์และทนายความ", "confirmed"
        ),
        ContributionSpec(
            "plan_thailand", "staff_time", OUTREACH, Decimal("60.00"), "แกนนำสภาเด็กและผู้ประสานงานชุมชน", "confirmed"
        ),
        ContributionSpec(
            "rtp", "staff_time", LE_TRAINING, Decimal("40.00"), "วิทยากรหน่วยปราบปรามอาชญากรรมทางอินเทอร์เน็ตต่อเด็ก"
        ),
        ContributionSpec("msdhs", "staff_time", PSYCHOSOCIAL, Decimal("40.00"), "เจ้าหน้าที่สายด่วน 1300"),
        ContributionSpec("iicrd", "money", BUDGET, Decimal("8000.00"), "จากเงินสนับสนุนของ CIDA"),
        ContributionSpec("microsoft", "in_kind", DEVICES, Decimal("10.00"), "คอมพิวเตอร์โน้ตบุ๊กสำหรับศูนย์"),
        ContributionSpec("ncecc", "expertise", None, None, "หลักสูตรการสืบสวนการชักชวนและการค้าเด็กทางออนไลน์"),
    ),
    milestones=(
        MilestoneSpec("ลงนามบันทึกข้อตกลงระหว่าง FACE ตำรวจภูธรจังหวัด และ พม.", D(2026, 10, 31), D(2026, 10, 28)),
        MilestoneSpec("แบบฟอร์มรับแจ้งร่วมใช้ได้ในทุกหน่วยงาน", D(2027, 1, 15)),
        MilestoneSpec("เชื่อมการรับแจ้งกับสายด่วน 1300", D(2027, 2, 28)),
        MilestoneSpec("อบรมพนักงานสอบสวนและนักสังคมสงเคราะห์ชุดแรก", D(2027, 3, 31)),
    ),
    need=NeedSpec(
        COORDINATED,
        "",
        _TITLE,
        Decimal("0.70"),
        3000,
        (
            (BUDGET, Decimal("18000")),
            (LE_TRAINING, Decimal("60")),
            (PSYCHOSOCIAL, Decimal("80")),
            (OUTREACH, Decimal("120")),
            (ICT, Decimal("30")),
            (DEVICES, Decimal("15")),
        ),
    ),
)
