"""Indonesia's official regions (Kemendagri codes), read from the files in `data/` (pure).

Province `NN` → regency/city `NN.NN` → district `NN.NN.NN` → village `NN.NN.NN.NNNN`; a
region's parent is its code without the last part. The data is reference data that changes
only with a new government decree, so it ships with the code (see data/README.md) and is read
into memory once per process instead of being copied into every database: the same on SQLite
and PostgreSQL, nothing to load before the first request, a test database needs no 84,000
rows. Provinces, regencies and districts (7,800 rows) are parsed at first use; villages stay as
one text block per district and are parsed when that district is asked for.
"""

import csv
import enum
import gzip
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


class Level(enum.IntEnum):
    PROVINCE = 1
    REGENCY = 2  # kabupaten/kota
    DISTRICT = 3  # kecamatan
    VILLAGE = 4  # kelurahan/desa


_SHAPES = {
    Level.PROVINCE: re.compile(r"\d{2}"),
    Level.REGENCY: re.compile(r"\d{2}\.\d{2}"),
    Level.DISTRICT: re.compile(r"\d{2}\.\d{2}\.\d{2}"),
    Level.VILLAGE: re.compile(r"\d{2}\.\d{2}\.\d{2}\.\d{4}"),
}
MAX_CODE_LENGTH = 13  # a village code, NN.NN.NN.NNNN


@dataclass(frozen=True)
class Region:
    code: str
    name: str

    @property
    def level(self) -> Level:
        return Level(self.code.count(".") + 1)

    @property
    def parent_code(self) -> str | None:
        return self.code.rsplit(".", 1)[0] if "." in self.code else None


def level_of(code: str) -> Level | None:
    """The level a code has the shape of, or None when it has none (not looked up)."""
    if not isinstance(code, str) or len(code) > MAX_CODE_LENGTH:
        return None
    return next((level for level, shape in _SHAPES.items() if shape.fullmatch(code)), None)


def _rows(text: str) -> list[Region]:
    return [Region(code, name) for code, name in csv.reader(text.splitlines()) if code != "code"]


@cache
def _upper_levels() -> dict[str, Region]:
    """Every province, regency and district by code, in code order."""
    regions: dict[str, Region] = {}
    for name in ("provinces", "regencies", "districts"):
        regions.update((r.code, r) for r in _rows((DATA / f"{name}.csv").read_text("utf-8")))
    return regions


@cache
def _children_of_upper() -> dict[str, list[Region]]:
    children: dict[str, list[Region]] = {"": []}
    for region in _upper_levels().values():
        children.setdefault(region.parent_code or "", []).append(region)
    return children


@cache
def _village_blocks() -> dict[str, str]:
    """District code -> the CSV lines of its villages (parsed on demand)."""
    with gzip.open(DATA / "villages.csv.gz", "rt", encoding="utf-8") as file:
        lines = file.read().splitlines()[1:]
    blocks: dict[str, list[str]] = {}
    for line in lines:
        blocks.setdefault(line[:8], []).append(line)
    return {district: "\n".join(block) for district, block in blocks.items()}


@lru_cache(maxsize=1024)  # districts recently asked for, parsed
def _villages_of(district_code: str) -> tuple[Region, ...]:
    return tuple(_rows(_village_blocks().get(district_code, "")))


def get(code: str) -> Region | None:
    """The region with this code, or None for an unknown code or a code of no shape."""
    level = level_of(code)
    if level is None:
        return None
    if level is Level.VILLAGE:
        return next((r for r in _villages_of(code[:8]) if r.code == code), None)
    return _upper_levels().get(code)


def children(code: str | None = None) -> list[Region]:
    """The regions directly under `code` in code order; the provinces for None or ""."""
    if not code:
        return list(_children_of_upper()[""])
    level = level_of(code)
    if level is None or level is Level.VILLAGE:
        return []
    if level is Level.DISTRICT:
        return list(_villages_of(code))
    return list(_children_of_upper().get(code, []))


def path(code: str) -> list[Region]:
    """The region and its ancestors, province first; [] for an unknown code."""
    region = get(code)
    if region is None:
        return []
    parent = path(region.parent_code) if region.parent_code else []
    return [*parent, region]


def name_key(name: str) -> str:
    """Names compared without case and extra spaces ("kota  PALU" is "Kota Palu")."""
    return " ".join(str(name).split()).casefold()


def find(name: str, parent_code: str | None = None) -> Region | None:
    """The child of `parent_code` (a province when None) with this exact name, or None."""
    key = name_key(name)
    return next((r for r in children(parent_code) if name_key(r.name) == key), None)


def matching(query: str, parent_code: str | None = None, *, limit: int = 50) -> list[Region]:
    """Children of `parent_code` whose name contains every word of `query`, names starting
    with the query first (the type-ahead of the address picker)."""
    words = name_key(query).split()
    found = [r for r in children(parent_code) if all(w in name_key(r.name) for w in words)]
    first = " ".join(words)
    found.sort(key=lambda r: not name_key(r.name).startswith(first))
    return found[:limit]


@dataclass(frozen=True)
class ChainProblem:
    """What is wrong with a chosen address: the level at fault and a code for the words."""

    level: Level
    code: str  # "missing", "unknown" or "not_in_parent"


def check_chain(codes: Sequence[str]) -> ChainProblem | None:
    """Check a province, regency, district, village chain (as many levels as given, in
    order): every code known, at its level, and inside the one before it."""
    parent: str | None = None
    for level, code in zip(Level, codes, strict=False):
        if not code:
            return ChainProblem(level, "missing")
        if level_of(code) is not level or get(code) is None:
            return ChainProblem(level, "unknown")
        if parent is not None and code.rsplit(".", 1)[0] != parent:
            return ChainProblem(level, "not_in_parent")
        parent = code
    return None
