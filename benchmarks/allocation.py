"""Allocation benchmark: the optimiser against HiGHS's LP relaxation of the plain model, same scenario.

For 200, 2,000 and 5,000 actions (``CPPHUB_BENCH_ALLOCATION_SIZES``, e.g. "200,2000", shortens it)
and 200 partners offering 5 resource types, in two kinds from ``allocation.generate``: spare
capacity (1.1 times the total need, unevenly spread, so there are local shortages) and tight
capacity (half the need). Each action is funded to at least its minimum fraction of every resource
or not at all; partners only give the resource types they offer, in the regions they work in (two
countries of three locations, and international partners).

- subject: ``allocation.solve`` from scenario to allocation: greedy baseline, pooling, LP, rounding,
  HiGHS branch-and-cut warm-started, top-up, split over partners and reasons, with a time limit of
  ten times the reference;
- reference: HiGHS solving the LP relaxation of the plain model (one variable per partner, action
  and resource), the solve alone, not building the arrays.

The targets: within ten times the reference, an allocation never worse than greedy's, with a proven
gap (against a valid upper bound) of at most 1% on spare scenarios and 5% on tight ones. Each line
printed says whether they hold.
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
TARGET_GAP = {"spare": 0.01, "tight": 0.05}
BUDGET = 10.0


def run() -> dict[str, tuple[float, float]]:
    results: dict[str, tuple[float, float]] = {}
    print(
        f"{'allocation':<22} {'objective':>11} {'bound':>11} {'gap':>8} {'greedy':>11} {'gain':>7} "
        f"{'subject':>9} {'reference':>9} {'ratio':>6}  targets"
    )
    for size in SIZES:
        for kind in ("spare", "tight"):
            scenario = generate(kind, size, PARTNERS)
            reference = plain_relaxation(scenario)
            allocation = solve(scenario, time_limit=BUDGET * reference.seconds)
            assert check(scenario, allocation) == [], f"{kind} {size}: broken rules"
            gain = (allocation.objective - allocation.greedy_objective) / max(allocation.greedy_objective, 1e-9)
            ratio = allocation.seconds / reference.seconds
            held = {
                "gap": allocation.gap <= TARGET_GAP[kind],
                ">=greedy": allocation.objective >= allocation.greedy_objective,
                "time": ratio <= BUDGET,
            }
            verdict = "all hold" if all(held.values()) else "MISSED " + ", ".join(k for k, ok in held.items() if not ok)
            name = f"{kind} {size:,} actions"
            print(
                f"{name:<22} {allocation.objective:>11,.1f} {allocation.bound:>11,.1f} {allocation.gap:>8.3%} "
                f"{allocation.greedy_objective:>11,.1f} {gain:>+7.2%} {allocation.seconds:>8.2f}s "
                f"{reference.seconds:>8.2f}s {ratio:>5.1f}x  {verdict} ({allocation.method})"
            )
            results[f"allocation {name} x {PARTNERS} partners"] = (allocation.seconds, reference.seconds)
    return results


if __name__ == "__main__":
    print(run())
