"""Writing ``MapCount`` rows straight, as the ingest would keep them, for the risk map's tests."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cpphub.mapping.models import Instrument, MapCount


def instrument() -> Instrument:
    return Instrument.objects.get_or_create(
        form_id="riskmap-test", defaults={"title": "Risk map test", "source_file_name": "riskmap-test.xlsx"}
    )[0]


def write_counts(
    location: Any,
    counts: Mapping[tuple[str, str, str], int],
    *,
    round: int = 1,
    perspective: str = "child",
) -> None:
    """``counts`` maps (age band, sex, key) to n for one location and round."""
    form = instrument()
    for (age_band, sex, key), n in counts.items():
        MapCount.objects.update_or_create(
            location=location,
            instrument=form,
            round=round,
            perspective=perspective,
            age_band=age_band,
            sex=sex,
            key=key,
            defaults={"n": n},
        )
