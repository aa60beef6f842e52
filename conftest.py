"""Shared test fixtures: a small partnership with one named person per role.

Like healthchecks' alice/bob/charlie, each persona is a real user with real
memberships, so permission tests read as sentences.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery-staple"

# persona -> (role, scope, organisation key, scope target key)
PERSONAS: dict[str, tuple[str, str, str, str | None]] = {
    "coordinator": ("coordinator", "partnership", "iicrd", None),
    "steering_member": ("steering_member", "partnership", "unicef", None),
    "facilitator": ("facilitator", "location", "face", "chiang_rai"),
    "other_facilitator": ("facilitator", "location", "plan_brasil", "santo_andre"),
    "national_focal_point": ("national_focal_point", "country", "plan_thailand", "thailand"),
    "caseworker": ("caseworker", "organisation", "plan_thailand", None),
    # Connect: the caseworker above refers to FACE's services; Plan Brasil is a third organisation.
    "receiving_caseworker": ("caseworker", "organisation", "face", None),
    "other_caseworker": ("caseworker", "organisation", "plan_brasil", None),
    "hotline_analyst": ("hotline_analyst", "country", "safernet", "brazil"),
    "dpo": ("data_protection_officer", "partnership", "iicrd", None),
}
ROLES = [*PERSONAS, "outsider"]


@cache
def password_hash() -> str:
    return make_password(PASSWORD)


@dataclass
class World:
    countries: dict[str, object] = field(default_factory=dict)
    orgs: dict[str, object] = field(default_factory=dict)
    locations: dict[str, object] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)

    def user(self, persona: str):  # type: ignore[no-untyped-def]
        return self.users[persona]


def build_world() -> World:
    from cpphub.accounts.models import Membership, User
    from cpphub.partnership.models import Country, Organisation, PartnershipRole, PilotLocation, Sector

    w = World()
    w.countries["brazil"] = Country.objects.create(code="BR", name="Brazil", languages="pt-br")
    w.countries["thailand"] = Country.objects.create(code="TH", name="Thailand", languages="th")
    # get_or_create: a transactional test before this one may have flushed the seeded rows.
    sectors = {code: Sector.objects.get_or_create(code=code)[0] for code in Sector.Code.values}
    roles = {code: PartnershipRole.objects.get_or_create(code=code)[0] for code in PartnershipRole.Code.values}
    specs = {
        "iicrd": (
            "International Institute for Child Rights and Development",
            "IICRD",
            None,
            "academia",
            "executing_agency",
        ),
        "unicef": ("United Nations Children's Fund", "UNICEF", None, "un_multilateral", "steering_committee"),
        "face": ("Foundation for Child Development", "FACE", "thailand", "ngo", "implementing_partner"),
        "plan_thailand": ("Plan Thailand", "", "thailand", "ngo", "implementing_partner"),
        "plan_brasil": ("Plan Brasil", "", "brazil", "ngo", "implementing_partner"),
        "safernet": ("Safernet Brasil", "", "brazil", "civil_society", "implementing_partner"),
    }
    for key, (name, acronym, country, sector, role) in specs.items():
        org = Organisation.objects.create(
            name=name,
            acronym=acronym,
            country=w.countries[country] if country else None,
            level="international" if country is None else "national",
        )
        org.sectors.add(sectors[sector])
        org.partnership_roles.add(roles[role])
        w.orgs[key] = org
    w.locations["chiang_rai"] = PilotLocation.objects.create(
        name="Chiang Rai", slug="chiang-rai", country=w.countries["thailand"], lead_partner=w.orgs["face"]
    )
    w.locations["santo_andre"] = PilotLocation.objects.create(
        name="Santo André", slug="santo-andre", country=w.countries["brazil"], lead_partner=w.orgs["plan_brasil"]
    )
    for persona, (role, scope, org_key, target) in PERSONAS.items():
        user = User.objects.create(email=f"{persona}@example.org", full_name=persona.replace("_", " ").title())
        user.password = password_hash()
        user.save(update_fields=["password"])
        Membership.objects.create(
            user=user,
            organisation=w.orgs[org_key],
            role=role,
            scope=scope,
            country=w.countries[target] if scope == "country" and target else None,
            location=w.locations[target] if scope == "location" and target else None,
        )
        w.users[persona] = user
    outsider = User.objects.create(email="outsider@example.org", full_name="Outsider")
    outsider.password = password_hash()
    outsider.save(update_fields=["password"])
    w.users["outsider"] = outsider
    return w


@pytest.fixture(autouse=True)
def default_language():  # type: ignore[no-untyped-def]
    """Every test starts in English: a page asked for in Thai leaves Thai active in the thread."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():  # type: ignore[no-untyped-def]
    """Every test starts with an empty cache, so no throttle counts what an earlier test did."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    return build_world()


def sign_in(client: Client, user) -> Client:  # type: ignore[no-untyped-def]
    """Sign a test client in as ``user``, with a verified second factor."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="default", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_for(world, client):  # type: ignore[no-untyped-def]
    """``client_for("coordinator")``: a client signed in as that persona (None: anonymous)."""

    def make(persona: str | None) -> Client:
        if persona is None or persona == "anonymous":
            return Client()
        return sign_in(Client(), world.users[persona])

    return make


@pytest.fixture(autouse=True)
def _patient_browser_expectations():  # type: ignore[no-untyped-def]
    """Two test workers and Chromium share two cores: give page expectations time under load."""
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):  # type: ignore[no-untyped-def]
    """Debian's Chromium, never a downloaded browser; no background traffic on the closed network."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }
