"""The shapes of the demo's Connect data: providers, services, pathways, policies, cases and referrals."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

SYNTHETIC = "Synthetic demo data"
# Ends the description of every directory entry: the kind of service is real, the entry is not.
DIRECTORY_NOTE = (
    "Synthetic demo data: this kind of service exists; this entry, its phone numbers and its address are invented."
)
ALL_INFORMATION = ("identity", "contact", "situation")


@dataclass(frozen=True)
class ProviderSpec:
    key: str
    name: str
    country: str  # ISO code
    alternate_name: str = ""
    partner: str | None = None  # organisation key of cpp2009, when the provider is a partner on CPP Hub
    description: str = ""
    website: str = ""
    phone: str = ""


@dataclass(frozen=True)
class PlaceSpec:
    """Where a service is delivered (a ServiceLocation of the service's provider)."""

    name: str
    kind: str = "physical"  # physical, postal, virtual
    city: str = ""
    region: str = ""
    country_code: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    address: str = ""
    postal_code: str = ""
    url: str = ""
    confidential: bool = False


@dataclass(frozen=True)
class ServiceSpec:
    key: str
    provider: str  # provider key
    name: str
    description: str
    categories: tuple[str, ...]  # ServiceCategory codes
    locations: tuple[str, ...]  # pilot location slugs served
    places: tuple[PlaceSpec, ...]
    alternate_name: str = ""
    status: str = "active"
    eligibility: str = ""
    minimum_age: int | None = 0
    maximum_age: int | None = 17
    languages: tuple[str, ...] = ()
    fees: str = ""  # empty: free
    hours: str = ""
    application_process: str = ""
    how_to_refer: str = ""
    phone: str = ""
    direct_line: str = ""  # confidential
    url: str = ""


@dataclass(frozen=True)
class StepSpec:
    action: str
    role: str | None  # which service of the location to contact (a key of its roles), or none
    responsible: str = ""
    decision: bool = False
    within_hours: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class PathwaySpec:
    need: str
    summary: str
    steps: tuple[StepSpec, ...]


@dataclass(frozen=True)
class PolicySpec:
    high_hours: int
    medium_hours: int
    low_hours: int
    retention_days: int
    retention_action: str


@dataclass(frozen=True)
class CountryConnect:
    country: str
    policy: PolicySpec
    providers: tuple[ProviderSpec, ...]
    services: tuple[ServiceSpec, ...]
    pathways: tuple[PathwaySpec, ...]  # one per need, the same template for every location of the country
    roles: dict[str, dict[str, str]]  # location slug -> role -> service key
    who_decides: dict[str, str]  # location slug -> who decides


@dataclass(frozen=True)
class ReferralSpec:
    service: str  # service key
    status: str
    sent_days_ago: float
    answer_hours: float | None = None  # accepted, declined or revoked this long after it was sent
    start_hours: float | None = None  # service started this long after it was accepted
    done_days: float | None = None  # done this long after it started
    message: str = ""
    reason: str = ""  # why declined or revoked
    outcome_note: str = ""
    override: str = ""  # sent without consent: the safeguarding reason


@dataclass(frozen=True)
class NoteSpec:
    text: str
    author: str  # organisation key; the note is by its demo caseworker
    days_ago: float
    referral: int | None = None  # index into the case's referrals


@dataclass(frozen=True)
class CaseSpec:
    reference: str
    location: str  # slug
    organisation: str  # registering organisation key
    alias: str
    sex: str
    age: int
    need: str
    risk: str
    identified_days_ago: float
    situation: str
    guardian: str = ""
    referrals: tuple[ReferralSpec, ...] = ()
    notes: tuple[NoteSpec, ...] = ()
    consent_kind: str = "consent"
    given_by: str = "parent"
    given_by_name: str = ""
    information: tuple[str, ...] = ALL_INFORMATION
    closed_days_ago: float | None = None
    outcome: str = ""
    closure_note: str = ""
