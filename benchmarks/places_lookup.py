"""The region lists in memory: how long the first use takes, how much memory they hold, and
how fast the picker's lookups are (python benchmarks/places_lookup.py; prints figures)."""

import time
import tracemalloc

from marketplace.places import regions


def _timed(label: str, call, repeat: int = 1) -> None:
    start = time.perf_counter()
    for _ in range(repeat):
        call()
    per_call = (time.perf_counter() - start) / repeat
    print(f"{label:<48} {per_call * 1e6:10.1f} µs")


def _first_use() -> tuple[float, float]:
    start = time.perf_counter()
    regions.children("72")  # provinces, regencies, districts
    upper = time.perf_counter() - start
    regions.children("72.71.01")  # every village's block
    return upper, time.perf_counter() - start


def _forget() -> None:
    for loader in (regions._upper_levels, regions._children_of_upper, regions._village_blocks):
        loader.cache_clear()
    regions._villages_of.cache_clear()


def main() -> None:
    upper, total = _first_use()
    print(f"first use: upper levels {upper * 1000:.0f} ms, with villages {total * 1000:.0f} ms")
    _forget()
    tracemalloc.start()
    _first_use()
    current, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"memory held by the lists: {current / 2**20:.1f} MiB")
    _timed("children of a province (regencies)", lambda: regions.children("32"), 2000)
    _timed("children of a district (villages, parsed)", lambda: regions.children("32.16.09"), 2000)
    _timed("get a village by code", lambda: regions.get("32.16.09.2006"), 2000)
    _timed("check a four-level chain", lambda: regions.check_chain(
        ["32", "32.16", "32.16.09", "32.16.09.2006"]), 2000)  # fmt: skip
    _timed("type-ahead over the provinces ('jawa')", lambda: regions.matching("jawa"), 2000)


if __name__ == "__main__":
    main()
