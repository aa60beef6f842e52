"""The API answers bad input with a 4xx and a reason, never a 500.

Schemathesis generates requests from the OpenAPI schema of /api/v1/ (valid and
invalid bodies, odd query parameters) and sends them, signed in as the
coordinator, who may write everywhere the registry allows.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from cpphub.wsgi import application


@pytest.fixture
def keep_the_test_connection():
    """Schemathesis calls the WSGI app directly; Django would close the test's own connection."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def coordinator_token(world, keep_the_test_connection) -> str:
    return Token.objects.create(user=world.users["coordinator"]).key


# The schema endpoint is public and reads no database: it can load at collection.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@pytest.mark.django_db
def test_no_request_makes_the_api_fail(case, coordinator_token):
    response = case.call(headers={"Authorization": f"Token {coordinator_token}"})
    case.validate_response(response, checks=[not_a_server_error])
