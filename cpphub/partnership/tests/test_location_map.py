"""A pilot location's page shows a small map at its coordinates, and no map without them."""

from __future__ import annotations

import json
import re
from decimal import Decimal

DATA = re.compile(r'<script id="location-map-data" type="application/json">(.*?)</script>', re.DOTALL)
# What the CSP (script-src 'self') would block: a <script> that is neither a file nor JSON data.
INLINE_SCRIPT = re.compile(r'<script(?![^>]*\b(?:src=|type="application/json"))[^>]*>', re.IGNORECASE)


def test_a_location_with_coordinates_embeds_them_for_the_map(world, client_for):
    location = world.locations["chiang_rai"]
    location.latitude, location.longitude = Decimal("19.910000"), Decimal("99.840556")
    location.save(update_fields=["latitude", "longitude"])

    body = client_for("facilitator").get(location.get_absolute_url()).content.decode()

    match = DATA.search(body)
    assert match, "no map data on the page"
    data = json.loads(match.group(1))
    assert data["location"] == {
        "name": "Chiang Rai",
        "lat": 19.91,
        "lng": 99.840556,
        "countryCode": "TH",
        "stage": location.stage,
    }
    assert data["geo"]["pilot"].endswith("geo/pilot-countries.geojson")
    assert 'id="location-map"' in body
    assert "js/maps.js" in body and "js/location-map.js" in body
    assert "19.910000, 99.840556 (latitude, longitude)" in body  # the words stay for those who cannot see the map
    assert not INLINE_SCRIPT.search(body)


def test_a_location_without_coordinates_has_no_map(world, client_for):
    location = world.locations["santo_andre"]
    assert location.latitude is None

    body = client_for("other_facilitator").get(location.get_absolute_url()).content.decode()

    assert "Not recorded" in body
    assert "location-map" not in body
    assert "leaflet" not in body
