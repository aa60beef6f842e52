from __future__ import annotations

import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from cpphub.demo import cpp2009
from cpphub.partnership.models import Organisation

pytestmark = pytest.mark.django_db


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_it_prints_every_demo_sign_in_and_the_password():
    output = run_demo()

    assert "Demo partnership loaded" in output
    for user in cpp2009.USERS:
        assert user.email in output
    assert settings.DEMO_PASSWORD in output


def test_a_second_run_says_the_demo_is_up_to_date():
    run_demo()
    organisations = Organisation.objects.count()

    output = run_demo()

    assert "already up to date" in output
    assert Organisation.objects.count() == organisations == 23


def test_it_refuses_to_load_in_production(settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="production"):
        run_demo()
    assert not Organisation.objects.exists()


def test_it_refuses_a_weak_demo_password(settings):
    settings.DEMO_PASSWORD = "short"

    with pytest.raises(CommandError, match="CPPHUB_DEMO_PASSWORD"):
        run_demo()
    assert not Organisation.objects.exists()


def test_help_works_and_bad_input_exits_non_zero():
    help_run = subprocess.run(
        [sys.executable, "-m", "cpphub.cli", "demo", "--help"], capture_output=True, text=True, check=False
    )
    bad_run = subprocess.run(
        [sys.executable, "-m", "cpphub.cli", "demo", "--no-such-option"], capture_output=True, text=True, check=False
    )

    assert help_run.returncode == 0
    assert "demo partnership" in help_run.stdout
    assert bad_run.returncode != 0
    assert "unrecognized arguments: --no-such-option" in bad_run.stderr
