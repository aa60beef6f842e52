"""Records for Connect's tests and permission rows, built on the ``world`` of the root conftest.

The standard story: Plan Thailand's caseworker (persona ``caseworker``) registers a child in
Chiang Rai, records consent to share with FACE, and refers the child to FACE's legal aid service,
which FACE's caseworker (persona ``receiving_caseworker``) receives. Plan Brasil's caseworker
(``other_caseworker``) is the third organisation that must see nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from conftest import World
from cpphub.connect.models import (
    Case,
    Consent,
    Pathway,
    PathwayStep,
    Referral,
    Service,
    ServiceAtLocation,
    ServiceCategory,
    ServiceLocation,
    ServiceOrganisation,
)

CHILD_NAME = "Kanokwan Srisawat-Test"
GUARDIAN_CONTACT = "Mother Somsri, +66 81 234 5678"
SITUATION = "Groomed on a chat app by an adult posing as a peer"
MESSAGE = "Please call the mother before the visit"
DIRECT_LINE = "+66 2 555 0199"
SHELTER_ADDRESS = "99/1 Secret Soi, Mueang"


def provider(w: World, key: str = "face", **fields: Any) -> ServiceOrganisation:
    """The directory entry of a partner (``key``), or of a provider not on CPP Hub (``key=""``)."""
    partner = w.orgs[key] if key else None
    defaults = {"name": getattr(partner, "name", "District Hospital One Stop Crisis Centre")}
    defaults["country"] = w.countries["thailand"]
    defaults.update(fields)
    existing = ServiceOrganisation.objects.filter(partner=partner, name=defaults["name"]).first()
    return existing or ServiceOrganisation.objects.create(partner=partner, **defaults)


def service(w: World, organisation: ServiceOrganisation | None = None, **fields: Any) -> Service:
    organisation = organisation or provider(w)
    defaults: dict[str, Any] = {
        "name": "Legal aid for children",
        "description": "Free legal advice and accompaniment to court.",
        "minimum_age": 0,
        "maximum_age": 17,
        "languages": ["th", "en"],
        "phone": "1387",
        "direct_line": DIRECT_LINE,
    }
    defaults.update(fields)
    made = Service.objects.create(organisation=organisation, **defaults)
    made.categories.add(ServiceCategory.objects.get_or_create(code=ServiceCategory.Code.LEGAL_AID)[0])
    made.pilot_locations.add(w.locations["chiang_rai"])
    return made


def shelter(w: World) -> ServiceAtLocation:
    """A shelter whose address is confidential, at a location in Chiang Rai."""
    organisation = provider(w, "", name="Safe House Chiang Rai")
    made = service(w, organisation, name="Emergency shelter for girls", direct_line=DIRECT_LINE)
    made.categories.set([ServiceCategory.objects.get_or_create(code=ServiceCategory.Code.SHELTER)[0]])
    place = ServiceLocation.objects.create(
        organisation=organisation,
        name="Safe house",
        address=SHELTER_ADDRESS,
        city="Chiang Rai",
        country_code="TH",
        latitude="19.910000",
        longitude="99.840000",
        address_is_confidential=True,
    )
    return ServiceAtLocation.objects.create(service=made, location=place)


def pathway(w: World, target: Service | None = None) -> Pathway:
    made = Pathway.objects.create(
        location=w.locations["chiang_rai"], need="online_grooming", who_decides="The case manager at FACE"
    )
    PathwayStep.objects.create(pathway=made, order=1, action="Listen, reassure, do not investigate")
    PathwayStep.objects.create(pathway=made, order=2, action="Refer for legal aid", service=target or service(w))
    return made


def case(w: World, **fields: Any) -> Case:
    defaults: dict[str, Any] = {
        "reference": f"TEST-{Case.objects.count() + 1:04d}",
        "organisation": w.orgs["plan_thailand"],
        "location": w.locations["chiang_rai"],
        "name": CHILD_NAME,
        "sex": "female",
        "age": 14,
        "age_band": "13_15",
        "guardian_contact": GUARDIAN_CONTACT,
        "situation": SITUATION,
        "need": "online_grooming",
        "risk_level": "high",
        "identified_on": timezone.localdate() - dt.timedelta(days=3),
        "registered_by": w.users["caseworker"],
    }
    defaults.update(fields)
    return Case.objects.create(**defaults)


def consent(w: World, for_case: Case, *organisations: ServiceOrganisation) -> Consent:
    made = Consent.objects.create(
        case=for_case,
        given_by="parent",
        given_by_name="Somsri",
        information=["identity", "contact", "situation"],
        recorded_by=w.users["caseworker"],
    )
    made.organisations.set(organisations)
    return made


def referral(w: World, status: str = "sent", **fields: Any) -> Referral:
    """Plan Thailand's case referred, with consent, to FACE's legal aid service."""
    target = service(w)
    for_case = case(w)
    given = consent(w, for_case, target.organisation)
    now = timezone.now()
    defaults: dict[str, Any] = {
        "case": for_case,
        "service": target,
        "provider": target.organisation,
        "receiving_organisation": target.organisation.partner,
        "status": status,
        "consent": given,
        "shared_information": ["identity", "contact", "situation"],
        "message": MESSAGE,
        "sent_at": now,
        "deadline_at": now + dt.timedelta(hours=24),
        "referred_by": w.users["caseworker"],
    }
    defaults.update(fields)
    return Referral.objects.create(**defaults)


def referral_kwargs(w: World) -> dict[str, Any]:
    return {"pk": referral(w).pk}


def case_kwargs(w: World) -> dict[str, Any]:
    return {"pk": referral(w).case_id}
