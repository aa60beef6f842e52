"""The risk map publishes only suppressed aggregates: on the page, in the API, in XLSX and CSV."""

from __future__ import annotations

import csv
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from cpphub.mapping.models import MappingSettings
from cpphub.mapping.selectors.riskmap import riskmap
from cpphub.mapping.suppression import protect_grid, protect_series, suppress_grid, suppress_series
from cpphub.mapping.tests.riskmap_counts import write_counts

K = 10
# A table with small counts: 3 girls and 4 boys aged 10-12 report a contact risk.
COUNTS = {
    ("10_12", "female", "respondents"): 30,
    ("10_12", "male", "respondents"): 3,
    ("13_15", "female", "respondents"): 25,
    ("13_15", "male", "respondents"): 40,
    ("10_12", "female", "risk:contact:sexual"): 3,
    ("10_12", "male", "risk:contact:sexual"): 4,
    ("13_15", "female", "risk:contact:sexual"): 20,
    ("13_15", "male", "risk:contact:sexual"): 11,
    ("13_15", "female", "strength:trusted_adult"): 6,
}


@pytest.fixture
def counts(world):
    write_counts(world.locations["chiang_rai"], COUNTS)
    write_counts(world.locations["santo_andre"], {("10_12", "female", "respondents"): 50})
    return world


def _small(values):
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool) and 1 <= v < K]


def _walk(data):
    if isinstance(data, dict):
        if "suppressed" in data:
            yield data
        for value in data.values():
            yield from _walk(value)
    elif isinstance(data, list):
        for value in data:
            yield from _walk(value)


def test_the_api_publishes_no_count_below_k_and_hides_complements(counts, client_for):
    response = client_for("steering_member").get("/api/v1/riskmap/?location=chiang-rai&by=age_band,sex")
    assert response.status_code == 200
    body = response.json()
    assert body["k"] == K
    cells = list(_walk(body))
    assert not _small([cell["value"] for cell in cells])
    assert all(cell["value"] is None for cell in cells if cell["suppressed"])
    reasons = {cell.get("reason") for cell in cells if cell["suppressed"]}
    assert reasons == {"primary", "complementary"}


def test_the_page_shows_markers_never_small_numbers(counts, client_for):
    response = client_for("steering_member").get("/mapping/map/?location=chiang-rai&by=age_band,sex")
    assert response.status_code == 200
    html = response.content.decode()
    numbers = [int(n) for n in re.findall(r'<span class="count">(\d+)</span>', html)]
    assert numbers and not _small(numbers)
    assert "&lt;10" in html


@pytest.mark.parametrize("table", ["heatmap", "by_group", "strengths", "locations", "rounds"])
def test_the_csv_exports_flag_hidden_cells_and_hold_no_small_number(counts, client_for, table):
    response = client_for("steering_member").get(
        f"/mapping/map/export.csv?location=chiang-rai&by=age_band,sex&table={table}"
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0].startswith("#")
    value, flag = rows[0].index("Submissions"), rows[0].index("Suppressed")
    data = rows[2:]
    assert not _small([int(row[value]) for row in data if row[value]])
    assert all(row[value] == "" for row in data if row[flag] == "yes")


def test_the_xlsx_export_holds_no_small_number_and_is_audited(counts, client_for):
    from cpphub.audit.models import AuditEvent

    response = client_for("steering_member").get(
        "/mapping/map/export.xlsx?location=chiang-rai&by=age_band,sex&table=by_group"
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [row[7] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert not _small(values)
    assert None in values
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, object_type="mapping.mapcount").exists()


def test_a_higher_threshold_is_honoured(counts):
    MappingSettings.objects.update_or_create(pk=1, defaults={"threshold": 15})
    result = riskmap(viewer=counts.users["coordinator"], location=counts.locations["chiang_rai"], by=("age_band",))
    assert result.k == 15
    published = [g.count.value for m in result.measures for g in m.table.view(("age_band", "sex"))]
    assert not [v for v in published if v is not None and 1 <= v < 15]
    # 11 boys aged 13-15 are shown at k=10 but not at k=15.
    contact = next(m for m in result.risks if m.key == "risk:contact:sexual")
    assert contact.table.cell("13_15", "male").suppressed


def test_by_age_band_and_by_sex_are_cut_from_one_table(counts):
    viewer, location = counts.users["coordinator"], counts.locations["chiang_rai"]
    both = riskmap(viewer=viewer, location=location, by=("age_band", "sex"))
    by_age = riskmap(viewer=viewer, location=location, by=("age_band",))
    by_sex = riskmap(viewer=viewer, location=location, by=("sex",))
    for whole, age, sex in zip(both.measures, by_age.measures, by_sex.measures, strict=True):
        groups = {(g.age_band, g.sex): g.count for g in whole.table.view(("age_band", "sex"))}
        assert all(groups[(g.age_band, g.sex)] == g.count for g in age.table.view(("age_band",)))
        assert all(groups[(g.age_band, g.sex)] == g.count for g in sex.table.view(("sex",)))


def test_across_locations_a_sum_is_hidden_when_a_part_is_hidden(counts):
    viewer = counts.users["coordinator"]
    here = riskmap(viewer=viewer, location=counts.locations["chiang_rai"], by=("age_band", "sex"))
    across = riskmap(viewer=viewer, by=("age_band", "sex"))
    for local, summed in zip(here.measures, across.measures, strict=True):
        for a, b in zip(local.table.view(("age_band", "sex")), summed.table.view(("age_band", "sex")), strict=True):
            if a.count.suppressed:
                assert b.count.suppressed


grids = st.integers(1, 5).flatmap(
    lambda width: st.lists(st.lists(st.integers(0, 25), min_size=width, max_size=width), min_size=1, max_size=5)
)


@settings(max_examples=60, deadline=None)
@given(grid=grids, k=st.integers(5, 15))
def test_the_fast_path_decides_exactly_as_the_engine(grid, k):
    assert protect_grid(grid, k=k) == suppress_grid(grid, k=k)


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.integers(0, 25), max_size=8), k=st.integers(5, 15))
def test_the_fast_series_decides_exactly_as_the_engine(values, k):
    assert protect_series(values, k=k) == suppress_series(values, k=k)
