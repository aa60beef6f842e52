from __future__ import annotations

from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from cpphub.partnership.models import Organisation

pytestmark = pytest.mark.django_db

SERVE = "cpphub.shell.management.commands.serve.call_command"
WORKER = "cpphub.shell.management.commands.serve.Command._start_worker"


def serve(*args: str) -> tuple[str, mock.MagicMock]:
    out = StringIO()
    with mock.patch(SERVE) as inner, mock.patch(WORKER) as worker:
        call_command("serve", *args, stdout=out)
    # The background worker starts beside the server, unless told not to.
    assert worker.called == ("--no-worker" not in args)
    return out.getvalue(), inner


def test_it_migrates_loads_the_demo_prints_the_sign_ins_and_runs_the_server():
    output, inner = serve()

    commands = [c.args[0] for c in inner.call_args_list]
    assert commands == ["migrate", "runserver"]
    assert inner.call_args_list[1].args[1] == "127.0.0.1:8000"
    assert inner.call_args_list[1].kwargs["use_reloader"] is False
    assert Organisation.objects.count() == 23
    assert "coordinator@demo.cpphub.org" in output
    assert "CPP Hub is running on http://127.0.0.1:8000" in output


def test_it_leaves_a_database_with_organisations_alone(world):
    before = Organisation.objects.count()

    output, _ = serve()

    assert Organisation.objects.count() == before
    assert "demo.cpphub.org" not in output
    assert "CPP Hub is running on http://127.0.0.1:8000" in output


def test_it_listens_where_it_is_told():
    output, inner = serve("--host", "0.0.0.0", "--port", "8123", "--no-demo")  # noqa: S104

    assert inner.call_args_list[-1].args[1] == "0.0.0.0:8123"
    assert "CPP Hub is running on http://0.0.0.0:8123" in output
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("args", [("--port", "eighty"), ("--port", "70000"), ("--host", "my host")])
def test_it_refuses_bad_input_with_a_reason(args):
    with mock.patch(SERVE) as inner, pytest.raises(CommandError, match="--"):
        call_command("serve", *args, stdout=StringIO())
    inner.assert_not_called()


def test_it_refuses_to_be_the_production_server(settings):
    settings.PRODUCTION = True

    with mock.patch(SERVE) as inner, pytest.raises(CommandError, match="gunicorn"):
        call_command("serve", stdout=StringIO())
    inner.assert_not_called()
