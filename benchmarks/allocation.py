"""Allocation benchmark: the optimiser against HiGHS's LP relaxation of the plain model, same scenario.

For 200, 2,000 and 5,000 actions (``CPPHUB_BENCH_ALLOCATION_SIZES``, e.g. "200,2000", shortens it)
and 200 partners offering 5 resource types, in the two hard kinds of ``allocation.generate``:
``hard-spare`` (total capacity 1.1 times the total need, local shortages) and ``hard-tight`` (half
the need, each country rich in some resource types and poor in others). Actions are lumpy
(heavy-tailed sizes, minimum shares mostly 1 or near it, two to four resource types each), benefits
only weakly related to size; each action is funded to at least its minimum fraction of every resource
or not at all; partners only give the resource types they offer (one or two), in the regions they
work in (a location, a country, two locations, or anywhere).

- subject: ``allocation.solve`` from scenario to allocation, wall clock of the whole call: greedy
  baseline, pooling, LP, rounding, HiGHS branch-and-cut warm-started, top-up, split over partners and
  reasons, with a time limit of ten times the reference;
- reference: HiGHS solving the LP relaxation of the plain model (one variable per partner, action
  and resource), the solve alone, not building the arrays.

The targets, checked on every line: within ten times the reference, an allocation never worse than
greedy's, with a proven gap (against a valid upper bound) of at most 1% on spare scenarios and 5% on
tight ones. Also printed: greedy's objective over the plain LP bound (how hard the scenario is for the
baseline). A missed target prints FAIL and makes the script exit with status 1.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cpphub.coordination.allocation import check, solve  # noqa: E402
from cpphub.coordination.allocation.generate import generate  # noqa: E402
from cpphub.coordination.allocation.plain import plain_relaxation  # noqa: E402

SIZES = tuple(int(size) for size in os.environ.get("CPPHUB_BENCH_ALLOCATION_SIZES", "200,2000,5000").split(","))
PARTNERS = 200
KINDS = ("hard-spare", "hard-tight")
TARGET_GAP = {"hard-spare": 0.01, "hard-tight": 0.05}
BUDGET = 10.0
failures: list[str] = []


def run() -> dict[str, tuple[float, float]]:
    results: dict[str, tuple[float, float]] = {}
    print(
        f"{'allocation':<24} {'objective':>10} {'bound':>10} {'gap':>7} {'greedy':>10} {'gain':>7} "
        f"{'grd/LP':>7} {'subject':>8} {'reference':>9} {'ratio':>6}  targets"
    )
    for size in SIZES:
        for kind in KINDS:
            scenario = generate(kind, size, PARTNERS)
            reference = plain_relaxation(scenario)
            allocation = solve(scenario, time_limit=BUDGET * reference.seconds)
            name = f"{kind} {size:,} actions"
            broken = check(scenario, allocation)
            gain = (allocation.objective - allocation.greedy_objective) / max(allocation.greedy_objective, 1e-9)
            hardness = allocation.greedy_objective / reference.bound
            ratio = allocation.seconds / reference.seconds
            held = {
                f"gap<={TARGET_GAP[kind]:.0%}": allocation.gap <= TARGET_GAP[kind],
                ">=greedy": allocation.objective >= allocation.greedy_objective,
                f"<={BUDGET:.0f}x": ratio <= BUDGET,
                "rules": not broken,
            }
            missed = [target for target, ok in held.items() if not ok]
            verdict = "all hold" if not missed else "FAIL " + ", ".join(missed)
            if missed:
                failures.append(f"{name}: {verdict}")
            print(
                f"{name:<24} {allocation.objective:>10,.1f} {allocation.bound:>10,.1f} {allocation.gap:>7.3%} "
                f"{allocation.greedy_objective:>10,.1f} {gain:>+7.2%} {hardness:>7.2%} {allocation.seconds:>7.2f}s "
                f"{reference.seconds:>8.2f}s {ratio:>5.1f}x  {verdict} ({allocation.method})",
                flush=True,
            )
            results[f"allocation {name} x {PARTNERS} partners"] = (allocation.seconds, reference.seconds)
    print("allocation targets: " + ("FAIL: " + "; ".join(failures) if failures else "all hold"), flush=True)
    return results


if __name__ == "__main__":
    print(run())
    sys.exit(1 if failures else 0)
