"""The client address recorded in the audit trail and used by the lockout and rate limits."""

import pytest
from django.test import RequestFactory

from cpphub.audit.middleware import request_ip


@pytest.fixture
def rf():
    return RequestFactory()


def test_without_a_proxy_it_is_the_connecting_address_and_forwarded_headers_are_ignored(rf, settings):
    settings.TRUSTED_PROXIES = 0
    request = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert request_ip(request) == "198.51.100.7"


def test_behind_one_proxy_it_is_the_address_the_proxy_saw(rf, settings):
    settings.TRUSTED_PROXIES = 1
    # The client forged the first entry; the proxy appended the real one.
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.66, 203.0.113.9")
    assert request_ip(request) == "203.0.113.9"


def test_a_malformed_forwarded_address_is_not_recorded(rf, settings):
    settings.TRUSTED_PROXIES = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")
    assert request_ip(request) is None


def test_the_sign_in_lockout_counts_the_same_address(rf, settings):
    from axes.helpers import get_client_ip_address

    settings.TRUSTED_PROXIES = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert get_client_ip_address(request) == "203.0.113.9"
