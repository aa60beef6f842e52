"""The Child Protection Partnership as its November 2009 background names it.

Organisations, pilot locations and phases carry their real names. Which partner
leads which pilot location, the Triple A stage of each location, the contacts
and the users are illustrative: every person here is fictional (surnames
"Sample", "Exemplo" and "Tuayang" mean "example") and every email address is at
example.org or demo.cpphub.org.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from cpphub.accounts.models import Membership
from cpphub.partnership.models import Organisation, Phase, PilotLocation

Role = Membership.Role
Scope = Membership.Scope
Level = Organisation.Level
Stage = PilotLocation.Stage


@dataclass(frozen=True)
class CountrySpec:
    code: str
    name: str
    languages: str


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    name: str
    acronym: str
    country: str | None  # ISO code; None for an international organisation
    level: str
    sectors: tuple[str, ...]
    roles: tuple[str, ...]
    website: str
    description: str


@dataclass(frozen=True)
class LocationSpec:
    slug: str
    name: str
    country: str
    admin_area: str
    latitude: Decimal
    longitude: Decimal
    lead_partner: str  # organisation key
    implementing_partners: tuple[str, ...]
    stage: str
    notes: str


@dataclass(frozen=True)
class PhaseSpec:
    kind: str
    name: str
    start_date: dt.date
    end_date: dt.date
    description: str


@dataclass(frozen=True)
class ContactSpec:
    organisation: str
    full_name: str
    job_title: str
    email: str
    languages: str


@dataclass(frozen=True)
class UserSpec:
    email: str
    full_name: str
    language: str
    organisation: str
    role: str
    scope: str
    country: str | None = None  # ISO code, for a country scope
    location: str | None = None  # slug, for a pilot-location scope


COUNTRIES = [
    CountrySpec("BR", "Brazil", "pt-br"),
    CountrySpec("TH", "Thailand", "th"),
    CountrySpec("CA", "Canada", "en"),
    CountrySpec("US", "United States", "en"),
]

STEERING = "steering_committee"
IMPLEMENTING = "implementing_partner"

ORGANISATIONS = [
    # The international steering committee.
    OrganisationSpec(
        "cida",
        "Canadian International Development Agency",
        "CIDA",
        "CA",
        Level.NATIONAL,
        ("government",),
        ("funder", STEERING),
        "",
        "Funds the partnership (project CA-3-A033571001) and sits on its international steering committee.",
    ),
    OrganisationSpec(
        "microsoft",
        "Microsoft International",
        "",
        None,
        Level.INTERNATIONAL,
        ("private_sector",),
        (STEERING,),
        "https://www.microsoft.com",
        "Steering committee member; shares technology and tools against ICT-enabled exploitation of children.",
    ),
    OrganisationSpec(
        "ncecc",
        "RCMP National Child Exploitation Coordination Centre",
        "NCECC",
        "CA",
        Level.NATIONAL,
        ("law_enforcement",),
        (STEERING,),
        "https://www.rcmp-grc.gc.ca",
        "The Royal Canadian Mounted Police's centre against online child sexual exploitation; steering committee.",
    ),
    OrganisationSpec(
        "unicef",
        "United Nations Children's Fund",
        "UNICEF",
        None,
        Level.INTERNATIONAL,
        ("un_multilateral",),
        (STEERING,),
        "https://www.unicef.org",
        "Steering committee member; its Triple A (assessment, analysis, action) approach underlies the bottom-up work.",
    ),
    OrganisationSpec(
        "iicrd",
        "International Institute for Child Rights and Development",
        "IICRD",
        "CA",
        Level.INTERNATIONAL,
        ("academia", "ngo"),
        ("executing_agency", STEERING),
        "https://www.iicrd.org",
        "Executing agency of the partnership: an international NGO based at the University of Victoria, Canada.",
    ),
    # Brazil.
    OrganisationSpec(
        "plan_brasil",
        "Plan Brasil",
        "",
        "BR",
        Level.NATIONAL,
        ("ngo",),
        (IMPLEMENTING,),
        "",
        "Plan International in Brazil; implementing partner.",
    ),
    OrganisationSpec(
        "safernet",
        "SaferNet Brasil",
        "",
        "BR",
        Level.NATIONAL,
        ("ngo", "civil_society"),
        (IMPLEMENTING,),
        "https://www.safernet.org.br",
        "Runs Brazil's national hotline for reports of online crimes against human rights; implementing partner.",
    ),
    OrganisationSpec(
        "childhood_brasil",
        "Childhood Brasil",
        "",
        "BR",
        Level.NATIONAL,
        ("ngo",),
        (IMPLEMENTING,),
        "https://www.childhood.org.br",
        "The Brazilian office of the World Childhood Foundation; implementing partner.",
    ),
    OrganisationSpec(
        "neca",
        "Associação dos Pesquisadores de Núcleos de Estudos e Pesquisas sobre a Criança e o Adolescente",
        "NECA",
        "BR",
        Level.NATIONAL,
        ("academia", "civil_society"),
        (IMPLEMENTING,),
        "",
        "An association of researchers on children and adolescents, based in São Paulo; implementing partner.",
    ),
    # Thailand.
    OrganisationSpec(
        "chula_education",
        "Chulalongkorn University Faculty of Education",
        "",
        "TH",
        Level.NATIONAL,
        ("academia",),
        (IMPLEMENTING,),
        "https://www.chula.ac.th",
        "Faculty of Education at Chulalongkorn University, Bangkok; implementing partner.",
    ),
    OrganisationSpec(
        "plan_thailand",
        "Plan Thailand",
        "",
        "TH",
        Level.NATIONAL,
        ("ngo",),
        (IMPLEMENTING,),
        "",
        "Plan International Thailand; implementing partner.",
    ),
    OrganisationSpec(
        "face",
        "Coalition to Fight Against Child Exploitation",
        "FACE",
        "TH",
        Level.NATIONAL,
        ("ngo",),
        (IMPLEMENTING,),
        "",
        "A Bangkok NGO against the sexual exploitation and trafficking of children; implementing partner.",
    ),
    OrganisationSpec(
        "mercy_centre",
        "Mercy Centre",
        "",
        "TH",
        Level.LOCAL,
        ("ngo", "community"),
        (IMPLEMENTING,),
        "",
        "The Human Development Foundation's centre in the Klong Toey community, Bangkok; implementing partner.",
    ),
]

_ILLUSTRATIVE = "Demo: the partner assignment and stage are illustrative."

LOCATIONS = [
    LocationSpec(
        "santo-andre",
        "Santo André",
        "BR",
        "São Paulo",
        Decimal("-23.663900"),
        Decimal("-46.538300"),
        "childhood_brasil",
        ("childhood_brasil", "neca"),
        Stage.FOLLOW_UP,
        _ILLUSTRATIVE,
    ),
    LocationSpec(
        "sao-paulo",
        "São Paulo",
        "BR",
        "São Paulo",
        Decimal("-23.550500"),
        Decimal("-46.633300"),
        "neca",
        ("neca", "safernet", "childhood_brasil"),
        Stage.CREATE,
        _ILLUSTRATIVE,
    ),
    LocationSpec(
        "maranhao",
        "Maranhão",
        "BR",
        "Maranhão",
        Decimal("-2.530700"),
        Decimal("-44.306800"),
        "plan_brasil",
        ("plan_brasil", "safernet"),
        Stage.PLAN,
        "The State of Maranhão; the map marker stands on its capital, São Luís. " + _ILLUSTRATIVE,
    ),
    LocationSpec(
        "klong-toey",
        "Klong Toey",
        "TH",
        "Bangkok",
        Decimal("13.713000"),
        Decimal("100.560000"),
        "mercy_centre",
        ("mercy_centre", "chula_education"),
        Stage.ENGAGE,
        _ILLUSTRATIVE,
    ),
    LocationSpec(
        "chiang-rai",
        "Chiang Rai",
        "TH",
        "Chiang Rai",
        Decimal("19.910500"),
        Decimal("99.840600"),
        "face",
        ("face", "plan_thailand"),
        Stage.CREATE,
        _ILLUSTRATIVE,
    ),
    LocationSpec(
        "yala",
        "Yala",
        "TH",
        "Yala",
        Decimal("6.541100"),
        Decimal("101.280400"),
        "chula_education",
        ("chula_education", "plan_thailand"),
        Stage.MAP,
        _ILLUSTRATIVE,
    ),
]

PHASES = [
    PhaseSpec(
        Phase.Kind.INCEPTION,
        "Inception",
        dt.date(2008, 3, 1),
        dt.date(2009, 3, 31),
        "Partners, pilot locations and the Triple A approach set up; CIDA funding from March 2008.",
    ),
    PhaseSpec(
        Phase.Kind.IMPLEMENTATION,
        "Implementation",
        dt.date(2009, 4, 1),
        dt.date(2010, 12, 31),
        "Triple A (map, engage, plan, create) in the six pilot locations, and top-down work with national partners.",
    ),
    PhaseSpec(
        Phase.Kind.SCALING,
        "Scaling Up and Out",
        dt.date(2010, 6, 1),
        dt.date(2011, 3, 31),
        "Coordinated multi-sector actions joining the bottom-up and top-down work, and spreading them further.",
    ),
]

_CONTACT_PEOPLE: dict[str, list[tuple[str, str]]] = {
    "cida": [("Morgan Sample", "Programme officer"), ("Taylor Sample", "Gender equality specialist")],
    "microsoft": [("Riley Sample", "Child safety programme manager"), ("Quinn Sample", "Policy lead")],
    "ncecc": [("Casey Sample", "Liaison officer"), ("Jamie Sample", "Training coordinator")],
    "unicef": [("Avery Sample", "Child protection specialist"), ("Drew Sample", "Research officer")],
    "iicrd": [("Robin Sample", "Programme director"), ("Sam Sample", "Triple A trainer")],
    "plan_brasil": [("Mariana Exemplo", "Coordenadora de programa"), ("Paulo Exemplo", "Educador social")],
    "safernet": [("Lucas Exemplo", "Analista da central de denúncias"), ("Fernanda Exemplo", "Psicóloga")],
    "childhood_brasil": [("Beatriz Exemplo", "Gerente de programas"), ("Tiago Exemplo", "Assistente de projetos")],
    "neca": [("Helena Exemplo", "Pesquisadora"), ("Rodrigo Exemplo", "Coordenador de formação")],
    "chula_education": [("Pranee Tuayang", "Lecturer"), ("Wichai Tuayang", "Research assistant")],
    "plan_thailand": [("Siriporn Tuayang", "Programme manager"), ("Anan Tuayang", "Community facilitator")],
    "face": [("Kanya Tuayang", "Legal officer"), ("Chaiya Tuayang", "Outreach worker")],
    "mercy_centre": [("Ratana Tuayang", "Social worker"), ("Preecha Tuayang", "Youth worker")],
}


def _contact_languages(organisation_key: str) -> str:
    country = next(o.country for o in ORGANISATIONS if o.key == organisation_key)
    return {"BR": "pt-br, en", "TH": "th, en"}.get(country or "", "en")


def _contact_email(full_name: str) -> str:
    return full_name.lower().replace(" ", ".") + "@example.org"


CONTACTS = [
    ContactSpec(org, name, title, _contact_email(name), _contact_languages(org))
    for org, people in _CONTACT_PEOPLE.items()
    for name, title in people
]

USERS = [
    UserSpec("coordinator@demo.cpphub.org", "Alex Sample", "en", "iicrd", Role.COORDINATOR, Scope.PARTNERSHIP),
    UserSpec("steering@demo.cpphub.org", "Jordan Sample", "en", "cida", Role.STEERING_MEMBER, Scope.PARTNERSHIP),
    UserSpec(
        "facilitator@demo.cpphub.org",
        "Nok Tuayang",
        "th",
        "face",
        Role.FACILITATOR,
        Scope.LOCATION,
        location="chiang-rai",
    ),
    UserSpec(
        "facilitator.brazil@demo.cpphub.org",
        "Joana Exemplo",
        "pt-br",
        "childhood_brasil",
        Role.FACILITATOR,
        Scope.LOCATION,
        location="santo-andre",
    ),
    # One facilitator for each of the other pilot locations, who sees that location's mapping rows.
    UserSpec(
        "facilitator.saopaulo@demo.cpphub.org",
        "Ana Exemplo",
        "pt-br",
        "neca",
        Role.FACILITATOR,
        Scope.LOCATION,
        location="sao-paulo",
    ),
    UserSpec(
        "facilitator.maranhao@demo.cpphub.org",
        "Carlos Exemplo",
        "pt-br",
        "plan_brasil",
        Role.FACILITATOR,
        Scope.LOCATION,
        location="maranhao",
    ),
    UserSpec(
        "facilitator.klongtoey@demo.cpphub.org",
        "Dao Tuayang",
        "th",
        "mercy_centre",
        Role.FACILITATOR,
        Scope.LOCATION,
        location="klong-toey",
    ),
    UserSpec(
        "facilitator.yala@demo.cpphub.org",
        "Nurul Tuayang",
        "th",
        "chula_education",
        Role.FACILITATOR,
        Scope.LOCATION,
        location="yala",
    ),
    UserSpec(
        "focalpoint@demo.cpphub.org",
        "Somchai Tuayang",
        "th",
        "plan_thailand",
        Role.NATIONAL_FOCAL_POINT,
        Scope.COUNTRY,
        country="TH",
    ),
    UserSpec(
        "focalpoint.br@demo.cpphub.org",
        "Marcos Exemplo",
        "pt-br",
        "safernet",
        Role.NATIONAL_FOCAL_POINT,
        Scope.COUNTRY,
        country="BR",
    ),
    UserSpec("caseworker@demo.cpphub.org", "Malee Tuayang", "th", "plan_thailand", Role.CASEWORKER, Scope.ORGANISATION),
    # Connect: one caseworker for each partner that sends or receives the demo's referrals.
    UserSpec(
        "caseworker.mercy@demo.cpphub.org", "Pim Tuayang", "th", "mercy_centre", Role.CASEWORKER, Scope.ORGANISATION
    ),
    UserSpec("caseworker.face@demo.cpphub.org", "Kasem Tuayang", "th", "face", Role.CASEWORKER, Scope.ORGANISATION),
    UserSpec(
        "caseworker.brazil@demo.cpphub.org",
        "Luana Exemplo",
        "pt-br",
        "plan_brasil",
        Role.CASEWORKER,
        Scope.ORGANISATION,
    ),
    UserSpec(
        "caseworker.safernet@demo.cpphub.org",
        "Bruno Exemplo",
        "pt-br",
        "safernet",
        Role.CASEWORKER,
        Scope.ORGANISATION,
    ),
    UserSpec(
        "hotline@demo.cpphub.org",
        "Rafael Exemplo",
        "pt-br",
        "safernet",
        Role.HOTLINE_ANALYST,
        Scope.COUNTRY,
        country="BR",
    ),
    UserSpec("dpo@demo.cpphub.org", "Kim Sample", "en", "iicrd", Role.DATA_PROTECTION_OFFICER, Scope.PARTNERSHIP),
]
