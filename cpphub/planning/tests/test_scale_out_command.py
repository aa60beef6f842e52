"""``cpphub new-location``: a new location from a template on the command line."""

from __future__ import annotations

import pytest

from cpphub.audit.models import AuditEvent
from cpphub.cli import main
from cpphub.mapping.models import Instrument
from cpphub.mapping.services.instruments import instrument_import
from cpphub.mapping.tests.forms import xlsx
from cpphub.partnership.models import PilotLocation
from cpphub.planning.models import ActionTemplate


@pytest.fixture(autouse=True)
def keep_the_test_connection(monkeypatch):
    """A command run from the command line closes every connection when it ends; the test's own must stay."""
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)


def counts() -> tuple[int, int, int, int]:
    return (
        PilotLocation.objects.count(),
        Instrument.objects.count(),
        ActionTemplate.objects.count(),
        AuditEvent.objects.count(),
    )


def test_it_starts_a_location_and_prints_what_was_copied(world, capsys):
    instrument_import(file_name="form.xlsx", content=xlsx(), location=world.locations["chiang_rai"], acting_user=None)
    ActionTemplate.objects.create(location=world.locations["chiang_rai"], title="Safer LAN houses", outcome="equip")
    main(["new-location", "--from", "chiang-rai", "--name", "Chiang Mai", "--country", "th"])  # returns: exit 0
    out = capsys.readouterr().out.strip()
    assert out == (
        "Started Chiang Mai (chiang-mai) from Chiang Rai: 1 instruments (5 items, 4 choices), "
        "1 action templates, scoring weights and stage checklist."
    )
    new = PilotLocation.objects.get(slug="chiang-mai")
    assert new.country == world.countries["thailand"] and new.stage == "map"
    assert Instrument.objects.filter(location=new).count() == 1
    assert AuditEvent.objects.get(object_type="partnership.pilotlocation").actor is None


def test_it_takes_the_country_by_name_and_an_explicit_slug(world, capsys):
    main(["new-location", "--from", "santo-andre", "--name", "São Bernardo", "--country", "Brazil", "--slug", "sbc"])
    assert PilotLocation.objects.get(slug="sbc").name == "São Bernardo"


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--from", "atlantis", "--name", "X", "--country", "BR"], "atlantis"),
        (["--from", "chiang-rai", "--name", "X", "--country", "Narnia"], "No country Narnia"),
        (["--from", "chiang-rai", "--name", "Santo André", "--country", "BR"], "already has a pilot location called"),
        (["--from", "chiang-rai", "--name", "X", "--country", "BR", "--slug", "santo-andre"], "santo-andre"),
    ],
    ids=["unknown-template", "unknown-country", "duplicate-name", "duplicate-slug"],
)
def test_it_refuses_bad_input_with_a_one_line_reason(world, capsys, args, reason):
    before = counts()
    with pytest.raises(SystemExit) as exited:
        main(["new-location", *args])
    assert exited.value.code != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert reason in err
    assert counts() == before
