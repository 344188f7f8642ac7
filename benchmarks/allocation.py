"""Time the allocation engine against HiGHS (through SciPy) on the same instances.

    python benchmarks/allocation.py            # 1,000 / 10,000 / 100,000 members (a few minutes)
    python benchmarks/allocation.py --quick    # 1,000 / 10,000 members only

Every instance splits 1,000,000 units. Capacities are seeded random, with total supply either 30%
above the order ("ample") or 20% below it ("short"); nine members in ten have no minimum lot,
the tenth a random lot up to its capacity.

HiGHS gets the same problem in two solves, both counted in its time:
1. the smallest shortfall, exactly as the engine defines it: a MILP with one semi-integer variable
   per member (0, or lot..capacity), maximising units placed up to the quantity;
2. the policy's shares for that many units, as an LP (lots relaxed): PROPORTIONAL minimises the
   summed distance to quantity * capacity / total capacity, EQUAL minimises the largest share,
   ROTATION minimises the largest recent load + share.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_matrix, hstack, identity, vstack

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marketplace.fulfilment.allocation import Candidate, Policy, allocate  # noqa: E402

QUANTITY = 1_000_000
SUPPLY = {"ample": 1.3, "short": 0.8}


def make_instance(size: int, supply: float, seed: int) -> list[Candidate]:
    rnd = random.Random(seed)
    mean = supply * QUANTITY / size
    candidates = []
    for member_id in range(1, size + 1):
        capacity = rnd.randint(0, int(2 * mean))
        lot = rnd.randint(2, capacity) if capacity >= 2 and rnd.random() < 0.1 else 1
        load = rnd.randint(0, int(2 * mean))
        candidates.append(Candidate(member_id, capacity, lot, load))
    return candidates


def median_time(run: Callable[[], object], repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def highs_shortfall(candidates: list[Candidate], time_limit: float) -> tuple[int | None, float]:
    cap = np.array([c.capacity for c in candidates], dtype=float)
    lot = np.array([c.min_lot for c in candidates], dtype=float)
    bound = lot >= 2
    start = time.perf_counter()
    result = milp(
        -np.ones(len(candidates)),
        integrality=np.where(bound, 3, 1),  # 3: semi-integer, 0 or lot..capacity
        bounds=Bounds(np.where(bound, lot, 0), cap),
        constraints=[
            LinearConstraint(csr_matrix(np.ones((1, len(candidates)))), -np.inf, QUANTITY)
        ],
        options={"time_limit": time_limit},
    )
    seconds = time.perf_counter() - start
    if result.status != 0:
        return None, seconds
    return QUANTITY - round(-result.fun), seconds


def highs_policy(
    candidates: list[Candidate], policy: Policy, placed: int, time_limit: float
) -> tuple[bool, float]:
    n = len(candidates)
    cap = np.array([c.capacity for c in candidates], dtype=float)
    ones = csr_matrix(np.ones((1, n)))
    eye = identity(n, format="csr")
    options = {"time_limit": time_limit}
    start = time.perf_counter()
    if policy is Policy.PROPORTIONAL:
        quota = QUANTITY * cap / cap.sum()
        result = linprog(  # variables x, d: minimise sum d with d >= |x - quota|
            np.concatenate([np.zeros(n), np.ones(n)]),
            A_ub=vstack([hstack([eye, -eye]), hstack([-eye, -eye])]).tocsr(),
            b_ub=np.concatenate([quota, -quota]),
            A_eq=hstack([ones, csr_matrix((1, n))]).tocsr(),
            b_eq=[placed],
            bounds=np.column_stack([np.zeros(2 * n), np.concatenate([cap, np.full(n, np.inf)])]),
            method="highs",
            options=options,
        )
    else:
        load = np.array(
            [c.recent_load if policy is Policy.ROTATION else 0 for c in candidates], dtype=float
        )
        result = linprog(  # variables x, t: minimise t with load + x <= t
            np.concatenate([np.zeros(n), [1.0]]),
            A_ub=hstack([eye, csr_matrix(-np.ones((n, 1)))]).tocsr(),
            b_ub=-load,
            A_eq=hstack([ones, csr_matrix((1, 1))]).tocsr(),
            b_eq=[placed],
            bounds=np.column_stack([np.zeros(n + 1), np.append(cap, np.inf)]),
            method="highs-ipm",
            options=options,
        )
    return result.status == 0, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 members only")
    parser.add_argument(
        "--milp-limit", type=float, default=120.0, help="seconds for a HiGHS MILP (default 120)"
    )
    parser.add_argument(
        "--lp-limit", type=float, default=30.0, help="seconds for a HiGHS LP (default 30)"
    )
    args = parser.parse_args()
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]

    header = (
        f"{'members':>8} {'supply':>6} {'policy':<12} {'engine ms':>10} {'HiGHS ms':>10} "
        f"{'ratio':>7} {'shortfall':>9} {'HiGHS':>9} {'same':>5}"
    )
    print(f"quantity {QUANTITY:,}; engine: median of runs; HiGHS: shortfall MILP + policy LP")
    print(header)
    print("-" * len(header))
    for size in sizes:
        repeats = 3 if size >= 100_000 else 7
        for seed, (case, supply) in enumerate(SUPPLY.items()):
            candidates = make_instance(size, supply, seed)
            best, milp_seconds = highs_shortfall(candidates, args.milp_limit)
            for policy in Policy:
                seconds, result = median_time(
                    lambda p=policy, c=candidates: allocate(QUANTITY, c, p), repeats
                )
                shortfall = result.shortfall  # type: ignore[attr-defined]
                placed = QUANTITY - (shortfall if best is None else best)
                solved, lp_seconds = highs_policy(candidates, policy, placed, args.lp_limit)
                highs_seconds = milp_seconds + lp_seconds
                finished = best is not None and solved
                more = "" if finished else ">"  # stopped at the time limit
                highs_ms = f"{more}{highs_seconds * 1000:.1f}"
                ratio = f"{more}{highs_seconds / seconds:.0f}x"
                print(
                    f"{size:>8,} {case:>6} {policy.value:<12} {seconds * 1000:10.1f} "
                    f"{highs_ms:>10} {ratio:>7} {shortfall:>9,} "
                    f"{'-' if best is None else f'{best:,}':>9} "
                    f"{'yes' if best == shortfall else 'NO':>5}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
