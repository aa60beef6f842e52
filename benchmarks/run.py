"""CPP Hub benchmarks: each result is a ratio against a reference measured in the same run.

Run with `make bench`. Works on a throw-away SQLite database in a temporary
folder, never on the product's own database. A ratio is machine-independent
enough to compare between runs; the absolute times are printed beside it.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_tmp = tempfile.mkdtemp(prefix="cpphub-bench-")
os.environ["SQLITE_PATH"] = str(Path(_tmp) / "bench.sqlite3")
os.environ["CPPHUB_VAR_DIR"] = _tmp
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpphub.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402


def best_of(fn: Callable[[], object], repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def setup_registry(organisations: int) -> str:
    from cpphub.accounts.models import User
    from cpphub.partnership.models import Country, Organisation, Sector

    call_command("migrate", verbosity=0)
    call_command("demo", verbosity=0)
    brazil = Country.objects.get(code="BR")
    ngo = Sector.objects.get(code="ngo")
    for i in range(organisations):
        org = Organisation.objects.create(name=f"Benchmark organisation {i:05d}", country=brazil)
        org.sectors.add(ngo)
    user = User.objects.get(email="steering@demo.cpphub.org")
    return Token.objects.get_or_create(user=user)[0].key


def bench_organisation_api(token: str) -> tuple[float, float]:
    """One page (50) of /api/v1/organisations/ against reading the same 50 rows and their sectors raw."""
    from cpphub.partnership.models import Organisation

    client = Client(HTTP_AUTHORIZATION=f"Token {token}")

    def subject() -> None:
        response = client.get("/api/v1/organisations/?page=3")
        assert response.status_code == 200

    def reference() -> None:
        rows = list(Organisation.objects.order_by("name").values()[100:150])
        ids = [row["id"] for row in rows]
        list(Organisation.sectors.through.objects.filter(organisation_id__in=ids).values_list())

    subject()
    return best_of(subject), best_of(reference)


def main() -> None:
    import importlib

    only = set(sys.argv[1:])  # e.g. `cpphub bench ingest riskmap`
    results: dict[str, tuple[float, float]] = {}
    if not only or "registry" in only:
        token = setup_registry(organisations=2000)
        results["registry API page of 50 organisations (2,000 in all)"] = bench_organisation_api(token)
    else:
        call_command("migrate", verbosity=0)
    # One module per area beside this file, each with run() -> {name: (subject seconds, reference seconds)}.
    for area in ("ingest", "riskmap", "allocation"):
        if not only or area in only:
            results.update(importlib.import_module(f"benchmarks.{area}").run())
    print(f"{'benchmark':<58} {'subject':>10} {'reference':>10} {'ratio':>8}")
    for name, (subject, reference) in results.items():
        print(f"{name:<58} {subject * 1000:>8.2f}ms {reference * 1000:>8.2f}ms {subject / reference:>7.1f}x")


if __name__ == "__main__":
    main()
