"""Risk map benchmark: the full suppressed map through the selector against DuckDB's plain GROUP BY.

For 10,000, 100,000 and 1,000,000 submissions of 20 answers each across six
pilot locations (``CPPHUB_BENCH_SUBMISSIONS`` sets the largest size; the
others are a tenth and a hundredth of it), synthetic answers are generated as
arrays and loaded into DuckDB tables. The ``MapCount`` rows are computed from
the same data and bulk inserted: that stands in for the counts the ingest keeps
up to date, so it is not timed.

- subject: the full disaggregated, suppressed risk map (every key, by age band
  and sex, the item view, the comparison between rounds) of every location,
  through ``selectors.riskmap.riskmap``, with the memoised protections cleared
  first so every table is protected again;
- reference: DuckDB's plain (unsuppressed) ``GROUP BY location, age_band, sex,
  key`` over the answers joined with the tags, at the same size.

The subject should stay nearly flat as the data grows (it reads aggregates,
never answers) and take no more time than the reference at 1,000,000.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np

LARGEST = int(os.environ.get("CPPHUB_BENCH_SUBMISSIONS", "1000000"))
ANSWERS = 20
CHOICES = ("no", "sometimes", "often", "rarely")
# How often each choice is picked: a rare last choice gives small counts to protect.
WEIGHTS = np.array([0.55, 0.3, 0.13, 0.02])
LOCATIONS = 6

REFERENCE_SQL = """
SELECT s.location, s.age_band, s.sex, k.key, count(*) AS n
FROM answers a
JOIN submissions s ON s.id = a.submission
JOIN keys k ON k.question = a.question AND k.choice = a.choice
GROUP BY s.location, s.age_band, s.sex, k.key
UNION ALL
SELECT location, age_band, sex, 'respondents', count(*) FROM submissions GROUP BY location, age_band, sex
"""


def _timed(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _setting() -> tuple[Any, list[Any], Any, list[tuple[int, int, str]]]:
    """A viewer, six locations, an instrument of 20 select questions and its (question, choice, key) tags."""
    from cpphub.accounts.models import User
    from cpphub.mapping.models import Choice, Instrument, Question
    from cpphub.mapping.selectors.riskmap import FIXED_KEYS, RESPONDENTS
    from cpphub.partnership.models import Country, PilotLocation

    viewer = User.objects.filter(email="riskmap-bench@example.org").first() or User.objects.create(
        email="riskmap-bench@example.org", full_name="Risk map benchmark", is_superuser=True
    )
    locations = list(PilotLocation.objects.order_by("pk")[:LOCATIONS])
    if len(locations) < LOCATIONS:
        country = Country.objects.get_or_create(code="ZZ", defaults={"name": "Benchmark land"})[0]
        for i in range(len(locations), LOCATIONS):
            locations.append(
                PilotLocation.objects.create(name=f"Benchmark location {i}", slug=f"bench-{i}", country=country)
            )
    instrument = Instrument.objects.create(
        title="Risk map benchmark", form_id="riskmap-bench", source_file_name="riskmap-bench.xlsx"
    )
    questions = [
        Question.objects.create(
            instrument=instrument, name=f"q{i}", path=f"online/q{i}", type="select_one often", order=i
        )
        for i in range(ANSWERS)
    ]
    Choice.objects.bulk_create(
        Choice(question=q, name=name, order=j, labels={"English (en)": name})
        for q in questions
        for j, name in enumerate(CHOICES)
    )
    # Every choice counts for its item; each taxonomy code is carried by one choice other than "no".
    tags = [(i, j, f"item:{q.pk}:{name}") for i, q in enumerate(questions) for j, name in enumerate(CHOICES)]
    slots = [(i, j) for j in (1, 2, 3) for i in range(ANSWERS)]
    tags += [(*slot, key) for slot, key in zip(slots, (k for k in FIXED_KEYS if k != RESPONDENTS), strict=False)]
    return viewer, locations, instrument, tags


def _data(size: int, rng: np.random.Generator) -> dict[str, dict[str, np.ndarray]]:
    location = rng.integers(0, LOCATIONS, size, dtype=np.int32)
    age_band = rng.integers(0, 4, size, dtype=np.int32)
    sex = rng.choice(3, size, p=[0.49, 0.49, 0.02]).astype(np.int32)
    choice = rng.choice(len(CHOICES), size * ANSWERS, p=WEIGHTS).astype(np.int32)
    return {
        "submissions": {"id": np.arange(size, dtype=np.int32), "location": location, "age_band": age_band, "sex": sex},
        "answers": {
            "submission": np.repeat(np.arange(size, dtype=np.int32), ANSWERS),
            "question": np.tile(np.arange(ANSWERS, dtype=np.int32), size),
            "choice": choice,
        },
    }


def _load_duckdb(data: dict[str, dict[str, np.ndarray]], tags: list[tuple[int, int, str]]) -> Any:
    import duckdb

    con = duckdb.connect()
    for name, columns in data.items():
        con.register(f"{name}_arrays", columns)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM {name}_arrays")  # noqa: S608 - our own table names
        con.unregister(f"{name}_arrays")
    con.execute("CREATE TABLE keys (question INTEGER, choice INTEGER, key VARCHAR)")
    con.executemany("INSERT INTO keys VALUES (?, ?, ?)", tags)
    return con


def _store_counts(rows: list[tuple[int, int, int, str, int]], locations: list[Any], instrument: Any) -> None:
    """The aggregates the ingest keeps up to date, from the same data (not timed)."""
    from cpphub.mapping.models import AgeBand, MapCount, Sex

    ages, sexes = AgeBand.values, Sex.values
    MapCount.objects.all().delete()
    MapCount.objects.bulk_create(
        (
            MapCount(
                location=locations[location],
                instrument=instrument,
                round=1,
                perspective="child",
                age_band=ages[age_band],
                sex=sexes[sex],
                key=key,
                n=n,
            )
            for location, age_band, sex, key, n in rows
        ),
        batch_size=2000,
    )


def run() -> dict[str, tuple[float, float]]:
    from cpphub.mapping.selectors.riskmap import clear_cache, riskmap

    viewer, locations, instrument, tags = _setting()
    rng = np.random.default_rng(2009)
    sizes = sorted({max(LARGEST // 100, 100), max(LARGEST // 10, 100), LARGEST})
    results: dict[str, tuple[float, float]] = {}
    subject_times = []
    for size in sizes:
        con = _load_duckdb(_data(size, rng), tags)
        rows = con.execute(REFERENCE_SQL).fetchall()
        _store_counts(rows, locations, instrument)

        def subject() -> None:
            clear_cache()
            for location in locations:
                riskmap(viewer=viewer, location=location, by=("age_band", "sex"))

        def reference(con: Any = con) -> None:
            con.execute(REFERENCE_SQL).fetchall()

        subject()
        ours, theirs = _timed(subject), _timed(reference)
        con.close()
        subject_times.append(ours)
        results[f"risk map of 6 locations, {size:,} submissions"] = (ours, theirs)
        print(f"risk map {size:>9,} submissions: ours {ours * 1000:8.1f} ms, DuckDB GROUP BY {theirs * 1000:8.1f} ms")
    growth = ", ".join(f"{t / subject_times[0]:.2f}x" for t in subject_times)
    print(f"risk map time against the smallest size: {growth} (nearly flat: it reads the aggregates only)")
    return results


if __name__ == "__main__":  # pragma: no cover - `cpphub bench riskmap` is the way in
    import benchmarks.run as harness

    harness.call_command("migrate", verbosity=0)
    for name, (subject, reference) in run().items():
        print(f"{name:<58} {subject * 1000:>8.2f}ms {reference * 1000:>8.2f}ms {subject / reference:>7.1f}x")
