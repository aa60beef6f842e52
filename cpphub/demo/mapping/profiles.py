"""What the synthetic mapping of each pilot location looks like: who took part, when, and how they answer.

Nothing here was collected from anyone. The probabilities are invented so that
the risk map shows the contrasts the partnership's background names (LAN houses
in Brazil, webcams and chatrooms in Chiang Rai, phones in Yala, game shops in
Klong Toey) and a second mapping round that improved on the first in Santo
André and Chiang Rai. Dates fall in the implementation phase (2009-2010).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SYNTHETIC = "Synthetic demo data"
SYNTHETIC_NOTE = (
    "Synthetic demo data: generated for the CPP Hub demo. No child or key informant took part, "
    "and every participant code is made up."
)


@dataclass(frozen=True)
class FocusGroup:
    key: str  # "fg1" or "fg2": how findings name the session
    age_band: str
    sex: str  # female or male
    size: int
    date: dt.date


@dataclass(frozen=True)
class Round:
    number: int
    survey_date: dt.date
    interview_date: dt.date
    focus_groups: tuple[FocusGroup, FocusGroup]
    children: int  # children who answer the survey
    declined: int  # children who said no to the assent question (not stored)
    informants: dict[str, int]  # key informants by role
    # 0 in a first round; in a later one, how far risks fell and strengths grew (0.2 = 20 %).
    change: float = 0.0


@dataclass(frozen=True)
class Profile:
    slug: str
    prefix: str  # of the participant codes: "CR" gives CR-C-1001 (child), CR-K-1001 (informant)
    language: str  # of the consents and the interviewers' notes
    rounds: tuple[Round, ...]
    # Share of the surveyed children in each age band.
    bands: dict[str, float]
    # Probability that a child uses each device / does each activity.
    devices: dict[str, float]
    activities: dict[str, float]
    daily: float  # share online every day (the rest weekly or less)
    # Probability of a "yes" to each of the four risk questions, for a 13-15-year-old.
    risks: dict[str, float]
    # Where it happened, for a child who said yes to any of them.
    channels: dict[str, float]
    tell: dict[str, float]
    helps: dict[str, float]
    adult_talks_often: float
    knows_helpline: float
    # Key informants: what they name.
    informant_risks: dict[str, float]
    informant_channels: dict[str, float]
    informant_strengths: dict[str, float]
    help_places: dict[str, float]
    gaps: tuple[str, ...] = field(default=())  # interviewers' notes on gaps, in the location's language


# How much likelier a risk is by age band (13-15 = 1) and by sex.
BAND_RISK = {"6_9": 0.3, "10_12": 0.65, "13_15": 1.0, "16_17": 1.2}
SEX_RISK = {
    "girl": {"content_upset": 0.9, "contact_uneasy": 1.3, "conduct_unkind": 1.05, "contract_offer": 0.9},
    "boy": {"content_upset": 1.15, "contact_uneasy": 0.7, "conduct_unkind": 0.95, "contract_offer": 1.1},
    "prefer_not": {},
}

_BR_GAPS = (
    "Faltam oficinas para os pais sobre a internet.",
    "As lan houses não têm regras sobre a idade dos clientes.",
    "A escola não sabe para onde encaminhar os casos.",
    "Pouca gente conhece o canal de denúncia.",
)
_TH_GAPS = (
    "ผู้ปกครองยังไม่รู้วิธีดูแลลูกเวลาใช้อินเทอร์เน็ต",
    "ร้านเกมเปิดให้เด็กเล่นจนดึก",
    "ครูไม่รู้ว่าจะส่งต่อเรื่องไปที่หน่วยงานไหน",
    "เด็กไม่รู้จักสายด่วนช่วยเหลือเด็ก",
)


def _fg(key: str, band: str, sex: str, size: int, date: dt.date) -> FocusGroup:
    return FocusGroup(key, band, sex, size, date)


PROFILES: list[Profile] = [
    Profile(
        slug="santo-andre",
        prefix="SA",
        language="pt-br",
        rounds=(
            Round(
                1,
                dt.date(2009, 5, 12),
                dt.date(2009, 5, 20),
                (
                    _fg("fg1", "13_15", "female", 8, dt.date(2009, 5, 14)),
                    _fg("fg2", "10_12", "male", 7, dt.date(2009, 5, 15)),
                ),
                children=180,
                declined=3,
                informants={"parent": 6, "teacher": 5, "lan_house_owner": 4, "police": 2, "community_leader": 3},
            ),
            Round(
                2,
                dt.date(2010, 6, 8),
                dt.date(2010, 6, 16),
                (
                    _fg("fg1", "13_15", "female", 9, dt.date(2010, 6, 10)),
                    _fg("fg2", "16_17", "male", 6, dt.date(2010, 6, 11)),
                ),
                children=150,
                declined=2,
                informants={"parent": 5, "teacher": 5, "lan_house_owner": 3, "police": 2, "health_worker": 2},
                change=0.3,
            ),
        ),
        bands={"6_9": 0.05, "10_12": 0.3, "13_15": 0.4, "16_17": 0.25},
        devices={
            "own_mobile": 0.3,
            "shared_mobile": 0.35,
            "home_computer": 0.3,
            "school_computer": 0.4,
            "lan_house": 0.7,
        },
        activities={"chat": 0.7, "social_network": 0.65, "webcam": 0.2, "games": 0.6, "videos": 0.5, "homework": 0.45},
        daily=0.45,
        risks={"content_upset": 0.34, "contact_uneasy": 0.26, "conduct_unkind": 0.3, "contract_offer": 0.08},
        channels={
            "lan_house": 0.55,
            "chatroom": 0.45,
            "social_network": 0.5,
            "webcam": 0.12,
            "mobile": 0.15,
            "game": 0.2,
        },
        tell={"parent": 0.45, "teacher": 0.2, "other_adult": 0.12, "friend": 0.5, "helpline": 0.04},
        helps={
            "digital_skills": 0.35,
            "parental_mediation": 0.25,
            "trusted_adult": 0.35,
            "peer_support": 0.45,
            "where_help": 0.15,
            "school_community": 0.3,
        },
        adult_talks_often=0.25,
        knows_helpline=0.18,
        informant_risks={"content": 0.6, "contact": 0.7, "conduct": 0.4, "contract": 0.35},
        informant_channels={"lan_house": 0.8, "chatroom": 0.6, "social_network": 0.5, "webcam": 0.3, "mobile": 0.2},
        informant_strengths={"school_community": 0.5, "trusted_adult": 0.3, "peer_support": 0.2, "where_help": 0.15},
        help_places={"family": 0.6, "school": 0.5, "friends": 0.4, "police": 0.1, "helpline": 0.1},
        gaps=_BR_GAPS,
    ),
    Profile(
        slug="sao-paulo",
        prefix="SP",
        language="pt-br",
        rounds=(
            Round(
                1,
                dt.date(2009, 6, 16),
                dt.date(2009, 6, 24),
                (
                    _fg("fg1", "13_15", "female", 10, dt.date(2009, 6, 18)),
                    _fg("fg2", "16_17", "male", 8, dt.date(2009, 6, 19)),
                ),
                children=240,
                declined=4,
                informants={
                    "parent": 8,
                    "teacher": 7,
                    "lan_house_owner": 3,
                    "police": 4,
                    "health_worker": 3,
                    "community_leader": 3,
                },
            ),
        ),
        bands={"6_9": 0.04, "10_12": 0.28, "13_15": 0.38, "16_17": 0.3},
        devices={
            "own_mobile": 0.45,
            "shared_mobile": 0.25,
            "home_computer": 0.55,
            "school_computer": 0.45,
            "lan_house": 0.45,
        },
        activities={"chat": 0.75, "social_network": 0.8, "webcam": 0.3, "games": 0.55, "videos": 0.65, "homework": 0.6},
        daily=0.6,
        risks={"content_upset": 0.38, "contact_uneasy": 0.28, "conduct_unkind": 0.42, "contract_offer": 0.09},
        channels={
            "social_network": 0.7,
            "chatroom": 0.5,
            "lan_house": 0.3,
            "webcam": 0.2,
            "mobile": 0.25,
            "blog": 0.15,
            "game": 0.15,
        },
        tell={"parent": 0.5, "teacher": 0.18, "other_adult": 0.1, "friend": 0.55, "helpline": 0.07},
        helps={
            "digital_skills": 0.5,
            "parental_mediation": 0.3,
            "trusted_adult": 0.35,
            "peer_support": 0.4,
            "where_help": 0.2,
            "school_community": 0.2,
        },
        adult_talks_often=0.3,
        knows_helpline=0.25,
        informant_risks={"content": 0.6, "contact": 0.75, "conduct": 0.65, "contract": 0.3},
        informant_channels={"social_network": 0.8, "chatroom": 0.6, "lan_house": 0.4, "webcam": 0.4, "blog": 0.2},
        informant_strengths={"digital_skills": 0.4, "trusted_adult": 0.4, "school_community": 0.3, "where_help": 0.2},
        help_places={"family": 0.6, "school": 0.4, "friends": 0.5, "health": 0.2, "police": 0.15, "helpline": 0.15},
        gaps=_BR_GAPS,
    ),
    Profile(
        slug="maranhao",
        prefix="MA",
        language="pt-br",
        rounds=(
            Round(
                1,
                dt.date(2009, 8, 11),
                dt.date(2009, 8, 19),
                (
                    _fg("fg1", "10_12", "female", 7, dt.date(2009, 8, 13)),
                    _fg("fg2", "13_15", "male", 9, dt.date(2009, 8, 14)),
                ),
                children=130,
                declined=2,
                informants={"parent": 5, "teacher": 4, "lan_house_owner": 3, "police": 2, "community_leader": 2},
            ),
        ),
        bands={"6_9": 0.07, "10_12": 0.33, "13_15": 0.37, "16_17": 0.23},
        devices={
            "own_mobile": 0.15,
            "shared_mobile": 0.45,
            "home_computer": 0.08,
            "school_computer": 0.2,
            "lan_house": 0.8,
        },
        activities={"chat": 0.6, "social_network": 0.5, "webcam": 0.1, "games": 0.65, "videos": 0.4, "homework": 0.25},
        daily=0.25,
        risks={"content_upset": 0.4, "contact_uneasy": 0.22, "conduct_unkind": 0.2, "contract_offer": 0.14},
        channels={"lan_house": 0.75, "mobile": 0.35, "chatroom": 0.3, "social_network": 0.25, "game": 0.2},
        tell={"parent": 0.4, "teacher": 0.12, "other_adult": 0.2, "friend": 0.4, "helpline": 0.02},
        helps={
            "digital_skills": 0.12,
            "parental_mediation": 0.15,
            "trusted_adult": 0.4,
            "peer_support": 0.35,
            "where_help": 0.08,
            "school_community": 0.25,
        },
        adult_talks_often=0.15,
        knows_helpline=0.08,
        informant_risks={"content": 0.5, "contact": 0.6, "conduct": 0.3, "contract": 0.6},
        informant_channels={"lan_house": 0.85, "mobile": 0.6, "chatroom": 0.3, "digital_camera": 0.15},
        informant_strengths={"trusted_adult": 0.4, "school_community": 0.4, "peer_support": 0.2},
        help_places={"family": 0.6, "community": 0.4, "school": 0.3, "police": 0.1, "nowhere": 0.2},
        gaps=_BR_GAPS,
    ),
    Profile(
        slug="klong-toey",
        prefix="KT",
        language="th",
        rounds=(
            Round(
                1,
                dt.date(2009, 7, 7),
                dt.date(2009, 7, 15),
                (
                    _fg("fg1", "10_12", "female", 8, dt.date(2009, 7, 9)),
                    _fg("fg2", "13_15", "male", 9, dt.date(2009, 7, 10)),
                ),
                children=200,
                declined=3,
                informants={
                    "parent": 7,
                    "teacher": 5,
                    "lan_house_owner": 4,
                    "police": 2,
                    "health_worker": 3,
                    "community_leader": 3,
                },
            ),
        ),
        bands={"6_9": 0.06, "10_12": 0.34, "13_15": 0.36, "16_17": 0.24},
        devices={
            "own_mobile": 0.35,
            "shared_mobile": 0.4,
            "home_computer": 0.1,
            "school_computer": 0.3,
            "lan_house": 0.7,
        },
        activities={"chat": 0.55, "social_network": 0.4, "webcam": 0.2, "games": 0.8, "videos": 0.5, "homework": 0.25},
        daily=0.5,
        risks={"content_upset": 0.36, "contact_uneasy": 0.24, "conduct_unkind": 0.36, "contract_offer": 0.12},
        channels={
            "game": 0.55,
            "lan_house": 0.5,
            "mobile": 0.35,
            "chatroom": 0.3,
            "webcam": 0.15,
            "social_network": 0.2,
        },
        tell={"parent": 0.3, "teacher": 0.15, "other_adult": 0.2, "friend": 0.55, "helpline": 0.05},
        helps={
            "digital_skills": 0.2,
            "parental_mediation": 0.12,
            "trusted_adult": 0.3,
            "peer_support": 0.55,
            "where_help": 0.12,
            "school_community": 0.4,
        },
        adult_talks_often=0.12,
        knows_helpline=0.15,
        informant_risks={"content": 0.5, "contact": 0.5, "conduct": 0.6, "contract": 0.5},
        informant_channels={"lan_house": 0.7, "mobile": 0.5, "webcam": 0.3, "chatroom": 0.3},
        informant_strengths={"school_community": 0.6, "peer_support": 0.4, "trusted_adult": 0.2},
        help_places={"family": 0.4, "school": 0.4, "community": 0.5, "friends": 0.5, "helpline": 0.1},
        gaps=_TH_GAPS,
    ),
    Profile(
        slug="chiang-rai",
        prefix="CR",
        language="th",
        rounds=(
            Round(
                1,
                dt.date(2009, 4, 21),
                dt.date(2009, 4, 29),
                (
                    _fg("fg1", "13_15", "female", 9, dt.date(2009, 4, 23)),
                    _fg("fg2", "16_17", "male", 7, dt.date(2009, 4, 24)),
                ),
                children=220,
                declined=3,
                informants={
                    "parent": 7,
                    "teacher": 6,
                    "lan_house_owner": 3,
                    "police": 3,
                    "health_worker": 3,
                    "community_leader": 4,
                },
            ),
            Round(
                2,
                dt.date(2010, 5, 18),
                dt.date(2010, 5, 26),
                (
                    _fg("fg1", "13_15", "female", 8, dt.date(2010, 5, 20)),
                    _fg("fg2", "10_12", "male", 8, dt.date(2010, 5, 21)),
                ),
                children=160,
                declined=2,
                informants={"parent": 6, "teacher": 5, "police": 2, "health_worker": 2, "community_leader": 3},
                change=0.35,
            ),
        ),
        bands={"6_9": 0.05, "10_12": 0.3, "13_15": 0.38, "16_17": 0.27},
        devices={
            "own_mobile": 0.3,
            "shared_mobile": 0.35,
            "home_computer": 0.2,
            "school_computer": 0.35,
            "lan_house": 0.65,
        },
        activities={
            "chat": 0.75,
            "social_network": 0.45,
            "webcam": 0.45,
            "games": 0.55,
            "videos": 0.4,
            "homework": 0.3,
        },
        daily=0.4,
        risks={"content_upset": 0.3, "contact_uneasy": 0.42, "conduct_unkind": 0.22, "contract_offer": 0.2},
        channels={"webcam": 0.55, "chatroom": 0.65, "mobile": 0.3, "lan_house": 0.35, "social_network": 0.15},
        tell={"parent": 0.3, "teacher": 0.25, "other_adult": 0.1, "friend": 0.5, "helpline": 0.03},
        helps={
            "digital_skills": 0.2,
            "parental_mediation": 0.15,
            "trusted_adult": 0.3,
            "peer_support": 0.45,
            "where_help": 0.1,
            "school_community": 0.3,
        },
        adult_talks_often=0.15,
        knows_helpline=0.12,
        informant_risks={"content": 0.4, "contact": 0.8, "conduct": 0.3, "contract": 0.7},
        informant_channels={"webcam": 0.7, "chatroom": 0.7, "mobile": 0.5, "lan_house": 0.4},
        informant_strengths={"school_community": 0.4, "trusted_adult": 0.3, "parental_mediation": 0.2},
        help_places={"family": 0.5, "school": 0.4, "police": 0.2, "community": 0.3, "helpline": 0.1},
        gaps=_TH_GAPS,
    ),
    Profile(
        slug="yala",
        prefix="YA",
        language="th",
        rounds=(
            Round(
                1,
                dt.date(2009, 9, 8),
                dt.date(2009, 9, 16),
                (
                    _fg("fg1", "10_12", "female", 7, dt.date(2009, 9, 10)),
                    _fg("fg2", "16_17", "male", 6, dt.date(2009, 9, 11)),
                ),
                children=125,
                declined=2,
                informants={"parent": 4, "teacher": 4, "police": 1, "health_worker": 2, "community_leader": 5},
            ),
        ),
        bands={"6_9": 0.08, "10_12": 0.34, "13_15": 0.35, "16_17": 0.23},
        devices={
            "own_mobile": 0.4,
            "shared_mobile": 0.45,
            "home_computer": 0.08,
            "school_computer": 0.25,
            "lan_house": 0.25,
        },
        activities={
            "chat": 0.35,
            "social_network": 0.25,
            "webcam": 0.05,
            "games": 0.45,
            "videos": 0.55,
            "homework": 0.3,
        },
        daily=0.3,
        risks={"content_upset": 0.32, "contact_uneasy": 0.18, "conduct_unkind": 0.2, "contract_offer": 0.07},
        channels={"mobile": 0.7, "blog": 0.2, "chatroom": 0.2, "lan_house": 0.15, "digital_camera": 0.15},
        tell={"parent": 0.6, "teacher": 0.25, "other_adult": 0.25, "friend": 0.3, "helpline": 0.02},
        helps={
            "digital_skills": 0.1,
            "parental_mediation": 0.3,
            "trusted_adult": 0.5,
            "peer_support": 0.25,
            "where_help": 0.07,
            "school_community": 0.45,
        },
        adult_talks_often=0.3,
        knows_helpline=0.07,
        informant_risks={"content": 0.6, "contact": 0.4, "conduct": 0.3, "contract": 0.4},
        informant_channels={"mobile": 0.9, "blog": 0.2, "digital_camera": 0.3},
        informant_strengths={"school_community": 0.7, "trusted_adult": 0.5, "parental_mediation": 0.3},
        help_places={"family": 0.7, "community": 0.7, "school": 0.3, "health": 0.2, "nowhere": 0.1},
        gaps=_TH_GAPS,
    ),
]
