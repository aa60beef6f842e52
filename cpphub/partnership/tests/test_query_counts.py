"""List pages and API lists read a fixed number of queries, however many rows they show."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cpphub.partnership.tests.conftest import crowd

# Measured: a page takes 9 to 12 (the session, the user, the second factor and
# the memberships; then the count, the filter form's choices, the rows and one
# per prefetched relation), an API list 4 to 6. A query per row would pass 40.
PAGE_QUERIES = 14
API_QUERIES = 8
LISTS = ["organisation", "country", "location", "phase", "contact"]
API_LISTS = ["organisations", "countries", "locations", "phases", "contacts"]


def _count(request) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = request()
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("register", LISTS)
def test_a_list_page_needs_as_many_queries_for_forty_rows_as_for_a_few(
    world, coordinator, django_assert_max_num_queries, register
):
    url = reverse(f"partnership:{register}_list")
    crowd(3)
    coordinator.get(url)  # warm the shell's once-a-minute cache (is the demo loaded?)
    few = _count(lambda: coordinator.get(url))

    crowd(40, start=3)
    with django_assert_max_num_queries(PAGE_QUERIES):
        many = _count(lambda: coordinator.get(url))

    assert many == few


@pytest.mark.parametrize("resource", API_LISTS)
def test_an_api_list_needs_as_many_queries_for_forty_rows_as_for_a_few(world, django_assert_max_num_queries, resource):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=world.user('coordinator')).key}")
    url = f"/api/v1/{resource}/"
    crowd(3)
    few = _count(lambda: client.get(url))

    crowd(40, start=3)
    with django_assert_max_num_queries(API_QUERIES):
        many = _count(lambda: client.get(url))

    assert many == few
