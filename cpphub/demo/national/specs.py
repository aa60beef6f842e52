"""The shapes of the demo's top-down data, one :class:`CountryNational` per country."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

SYNTHETIC = "Synthetic demo data"
# The description of every national partner the demo adds to the registry.
NEW_PARTNER = "Demo-synthetic national partner: the body is real, its meetings and records here are invented."


@dataclass(frozen=True)
class PartnerSpec:
    """A national partner that the November 2009 background does not list by name."""

    key: str
    name: str
    acronym: str
    sectors: tuple[str, ...]
    website: str
    description: str  # what the body does, in English
    contact: str  # a synthetic contact person
    contact_title: str


@dataclass(frozen=True)
class Focus:
    """What a priority, strength or commitment is about."""

    capability: int | None  # MNR capability 1..21
    risks: tuple[str, ...] = ()  # 4Cs: content, contact, conduct, contract
    ict: tuple[str, ...] = ()  # IctTag codes
    groups: tuple[str, ...] = ()  # planning TargetGroup codes
    outcome: str = ""  # Outcome


@dataclass(frozen=True)
class MeetingSpec:
    key: str
    kind: str  # NationalEngagement.Kind
    date: dt.date
    title: str  # in the country's language
    organisations: tuple[str, ...]  # organisation keys
    participants: tuple[str, ...]  # "synthetic name - role, organisation" of each adult present
    minutes: str


@dataclass(frozen=True)
class NationalPrioritySpec:
    title: str
    description: str
    organisation: str
    meeting: str  # meeting key
    focus: Focus
    importance: int = 3
    status: str = "open"


@dataclass(frozen=True)
class StrengthSpec:
    kind: str  # NationalStrength.Kind
    title: str
    description: str
    organisation: str
    meeting: str
    focus: Focus
    expertise: str = ""
    amount: Decimal | None = None
    unit: str = ""


@dataclass(frozen=True)
class ExpectationSpec:
    text: str
    organisation: str
    meeting: str


@dataclass(frozen=True)
class CommitmentSpec:
    title: str
    owner: str  # a role, never a real person
    organisation: str
    meeting: str
    due: dt.date
    focus: Focus
    done: dt.date | None = None


@dataclass(frozen=True)
class RatingSpec:
    capability: int
    phase: int | None
    evidence: str
    partners: tuple[str, ...] = ()  # organisation keys


@dataclass(frozen=True)
class AssessmentSpec:
    title: str
    assessed_on: dt.date
    framework: str  # "2016" or "2022"
    ratings: tuple[RatingSpec, ...]
    notes: str
    phase_labels: tuple[str, ...] = ()
    status: str = "final"


@dataclass(frozen=True)
class CountryNational:
    country: str  # ISO code
    partners: tuple[PartnerSpec, ...]
    meetings: tuple[MeetingSpec, ...]
    priorities: tuple[NationalPrioritySpec, ...]
    strengths: tuple[StrengthSpec, ...]
    expectations: tuple[ExpectationSpec, ...]
    commitments: tuple[CommitmentSpec, ...]
    assessments: tuple[AssessmentSpec, ...]
