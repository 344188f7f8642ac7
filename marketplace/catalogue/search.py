"""Catalogue search: the one interface the catalogue page (and anything else) asks.

`search(filters, page)` finds published products of verified cooperatives whose name,
description, category, cooperative name or region hold every word of the query (a word may be
the beginning of a longer one), ranks them, applies the filters and counts the products per
filter value with SQL GROUP BY. When nothing is found it corrects mistyped words against the
catalogue's vocabulary (spelling.py) and searches again. How words are matched per database
is fulltext.py's business.
"""

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    case,
    false,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.orm import contains_eager, selectinload

from marketplace.catalogue import fulltext, spelling
from marketplace.catalogue.models import Category, PriceTier, Product
from marketplace.cooperatives.availability import available_by_date
from marketplace.cooperatives.models import Cooperative
from marketplace.extensions import db
from marketplace.pagination import one_page

# "Today" for lead times: the marketplace's earliest-ending day in Indonesia's west (WIB).
CATALOGUE_ZONE = ZoneInfo("Asia/Jakarta")
AVAILABILITY_CHUNK = 5_000


class Sort(enum.StrEnum):
    RELEVANCE = "relevan"
    PRICE_LOW = "termurah"
    PRICE_HIGH = "termahal"
    NEWEST = "terbaru"


class Certification(enum.StrEnum):
    HALAL = "halal"
    PIRT = "pirt"
    BPOM = "bpom"
    SNI = "sni"


_CERTIFICATE_NUMBERS = {
    Certification.HALAL: Product.halal_number,
    Certification.PIRT: Product.pirt_number,
    Certification.BPOM: Product.bpom_number,
    Certification.SNI: Product.sni_number,
}


_KINDS = frozenset(kind.value for kind in Certification)


@dataclass(frozen=True)
class SearchFilters:
    """What a buyer asked for (already shape-checked by the form; None means any)."""

    query: str = ""
    category: str | None = None
    province: str | None = None
    regency: str | None = None
    certifications: frozenset[str] = frozenset()
    price_min: int | None = None
    price_max: int | None = None
    max_minimum_order: int | None = None
    available_by: date | None = None
    sort: str = Sort.RELEVANCE


@dataclass(frozen=True)
class FacetCounts:
    """Products per filter value, each counted under every other filter but its own."""

    categories: dict[str, int] = field(default_factory=dict)  # slug -> products
    provinces: list[tuple[str, int]] = field(default_factory=list)
    regencies: list[tuple[str, int]] = field(default_factory=list)  # of the chosen province
    certifications: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SearchResult:
    page: Pagination
    counts: FacetCounts
    # The words searched instead of the query when its own words found nothing.
    corrected_query: str | None = None


def catalogue_today() -> date:
    """Today in the catalogue's zone (WIB)."""
    return datetime.now(CATALOGUE_ZONE).date()


def available_on(
    product_ids: Iterable[int], day: date, today: date | None = None
) -> dict[int, int]:
    """Units of each product the cooperative can deliver by `day`: none when its lead time
    does not fit before that day, otherwise what capacity over time offers by then (ready
    units, weekly production, less what open orders hold)."""
    ids = sorted(set(product_ids))
    today = today or catalogue_today()
    units: dict[int, int] = {}
    # In chunks: a database takes only so many parameters in one statement (SQLite 32,766).
    for start in range(0, len(ids), AVAILABILITY_CHUNK):
        chunk = ids[start : start + AVAILABILITY_CHUNK]
        lead_times = dict(
            db.session.execute(
                select(Product.id, Product.lead_time_days).where(Product.id.in_(chunk))
            ).all()
        )
        days = (day - today).days
        fits = [pid for pid in chunk if days >= lead_times.get(pid, 0)]
        pooled = available_by_date(fits, day) if fits else {}
        units.update({pid: pooled.get(pid, 0) for pid in chunk})
    return units


def search(filters: SearchFilters, page: int = 1) -> SearchResult:
    """One page of matching products with the counts per filter value; see the module."""
    words = spelling.words(filters.query)
    found = _Search(filters, words).run(page)
    if not words or found.page.total:
        return found
    fixed, fuzzy = _corrections(words)
    if fixed == words and not fuzzy:
        return found
    retry = _Search(filters, fixed, fuzzy).run(page)
    if not retry.page.total:
        return found
    return replace(retry, corrected_query=" ".join([*fixed, *fuzzy]))


def _corrections(words: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """Each word that begins no word of the catalogue, replaced by the nearest one; words no
    correction fits go to trigram similarity where the database has it, else stay."""
    vocabulary = fulltext.vocabulary()
    fixed: list[str] = []
    fuzzy: list[str] = []
    for word in words:
        if any(term.startswith(word) for term in vocabulary):
            fixed.append(word)
            continue
        low, high = spelling.length_window(word)
        # Words are corrected to words, numbers to numbers (a catalogue holds many numbers).
        candidates = (
            t for t in vocabulary if low <= len(t) <= high and t.isdigit() == word.isdigit()
        )
        nearest = spelling.closest(word, candidates)
        if nearest:
            fixed.append(nearest)
        elif fulltext.is_postgresql():
            fuzzy.append(word)
        else:
            fixed.append(word)
    return fixed, tuple(fuzzy)


class _Search:
    """One search's statements: the matching products, their filters, order and counts."""

    def __init__(self, filters: SearchFilters, words: list[str], fuzzy: tuple[str, ...] = ()):
        self.filters = filters
        self.words = words
        self.match = fulltext.matching(words, fuzzy) if words or fuzzy else None
        # The lowest unit price (the card's "from" price), looked up only for the rows a price
        # filter or sort needs, through the index on price_tiers.product_id.
        self.lowest_price = (
            select(func.min(PriceTier.unit_price))
            .where(PriceTier.product_id == Product.id)
            .correlate(Product)
            .scalar_subquery()
        )
        self.conditions = self._conditions()

    def run(self, page: int) -> SearchResult:
        stmt = self._joined(select(Product)).options(
            contains_eager(Product.cooperative),
            contains_eager(Product.category),
            selectinload(Product.price_tiers),
        )
        stmt = stmt.where(*self.conditions.values()).order_by(*self._order())
        return SearchResult(page=one_page(stmt, page), counts=self._counts())

    def _joined(self, stmt: Select) -> Select:
        stmt = (
            stmt.join(Cooperative, Product.cooperative_id == Cooperative.id)
            .join(Category, Product.category_id == Category.id)
            .where(Product.is_published, Cooperative.takes_orders)
        )
        if self.match is not None:
            stmt = stmt.join(self.match, self.match.c.product_id == Product.id)
        return stmt

    def _conditions(self) -> dict[str, ColumnElement[bool]]:
        """Each filter asked for, by the facet it belongs to (counts leave out their own)."""
        f = self.filters
        lowest = self.lowest_price
        conditions: dict[str, ColumnElement[bool]] = {}
        if self.match is None and f.query.strip():
            conditions["query"] = false()  # typed, but not one letter or digit: "%", "**"
        if f.category:
            conditions["category"] = Category.slug == f.category
        if f.province:
            conditions["province"] = Cooperative.province == f.province
        if f.regency:
            conditions["regency"] = Cooperative.regency == f.regency
        if f.certifications:
            conditions["certification"] = and_(
                *(_holds(kind) for kind in sorted(f.certifications) if kind in _KINDS)
            )
        if f.price_min is not None:
            conditions["price_min"] = lowest >= f.price_min
        if f.price_max is not None:
            conditions["price_max"] = lowest <= f.price_max
        if f.max_minimum_order is not None:
            conditions["minimum_order"] = Product.min_order_quantity <= f.max_minimum_order
        if f.available_by is not None:
            conditions["available"] = self._available_by(f.available_by, conditions)
        return conditions

    def _available_by(self, day: date, others: dict) -> ColumnElement[bool]:
        candidates = db.session.execute(
            self._joined(select(Product.id, Product.min_order_quantity)).where(*others.values())
        ).all()
        units = available_on((pid for pid, _moq in candidates), day)
        ids = [pid for pid, moq in candidates if units.get(pid, 0) >= moq]
        if not ids:
            return false()
        # Written into the SQL as numbers (they are ints from the database), not as one
        # parameter each: a large catalogue would pass the database's parameter limit.
        return Product.id.in_(bindparam("available_ids", ids, expanding=True, literal_execute=True))

    def _order(self) -> list:
        sort = self.filters.sort
        newest = [Product.created_at.desc(), Product.id.desc()]
        if sort == Sort.PRICE_LOW:
            return [self.lowest_price.asc().nulls_last(), Product.id.desc()]
        if sort == Sort.PRICE_HIGH:
            return [self.lowest_price.desc().nulls_last(), Product.id.desc()]
        if sort == Sort.RELEVANCE and self.match is not None:
            return [_name_hits(self.words).desc(), self.match.c.score.desc(), *newest]
        return newest

    def _where_all_but(self, *facets: str) -> list[ColumnElement[bool]]:
        return [c for name, c in self.conditions.items() if name not in facets] or [true()]

    def _grouped(self, column, *facets: str) -> list[tuple[str, int]]:
        stmt = (
            self._joined(select(column, func.count(Product.id)))
            .where(*self._where_all_but(*facets))
            .group_by(column)
            .order_by(column)
        )
        return [(value, count) for value, count in db.session.execute(stmt)]

    def _counts(self) -> FacetCounts:
        # Regencies are offered within the chosen province only (38 provinces, 514 regencies).
        regencies = self._grouped(Cooperative.regency, "regency") if self.filters.province else []
        certificates = self._joined(
            select(*(func.sum(case((_holds(kind), 1), else_=0)) for kind in Certification))
        ).where(*self._where_all_but("certification"))
        row = db.session.execute(certificates).one()
        return FacetCounts(
            categories=dict(self._grouped(Category.slug, "category")),
            provinces=self._grouped(Cooperative.province, "province", "regency"),
            regencies=regencies,
            certifications={
                kind.value: int(n or 0) for kind, n in zip(Certification, row, strict=True)
            },
        )


def _name_hits(words: list[str]) -> ColumnElement[int]:
    """How many of the words begin a word of the product's name: a product called what the
    buyer typed ranks first, however common its words are in the catalogue (which bm25 and
    ts_rank weigh down)."""
    name = func.lower(Product.name)
    hits = [
        case(
            (or_(name.startswith(w, autoescape=True), name.contains(f" {w}", autoescape=True)), 1),
            else_=0,
        )
        for w in words
    ]
    return sum(hits[1:], hits[0]) if hits else literal(0)


def _holds(kind: str) -> ColumnElement[bool]:
    number = _CERTIFICATE_NUMBERS[Certification(kind)]
    return and_(number.is_not(None), func.trim(number) != "")
