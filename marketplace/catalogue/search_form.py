"""The catalogue's search form: a GET form whose whole state is the URL, so that a search can
be shared. A value that does not parse is shown with its message and ignored; the rest of the
search still applies."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from wtforms import SelectField, SelectMultipleField, StringField, ValidationError
from wtforms.validators import Optional

from marketplace.catalogue.forms import whole_number
from marketplace.catalogue.search import Certification, SearchFilters, Sort, catalogue_today
from marketplace.forms import BaseForm, BoundedDateField, WholeNumberField, choices, strip
from marketplace.limits import MAX_PRICE, MAX_QUANTITY, MAX_SEARCH_LENGTH, MAX_SEARCH_PLACE

# The certificates' own names, the same in every language.
CERTIFICATION_LABELS = {
    Certification.HALAL: "Halal",
    Certification.PIRT: "P-IRT",
    Certification.BPOM: "BPOM",
    Certification.SNI: "SNI",
}

SORT_LABELS = {
    Sort.RELEVANCE: _l("Most relevant"),
    Sort.PRICE_LOW: _l("Lowest price"),
    Sort.PRICE_HIGH: _l("Highest price"),
    Sort.NEWEST: _l("Newest"),
}


def _cut(limit: int):
    """A filter that keeps the first `limit` characters: a pasted essay still searches."""
    return lambda value: value[:limit] if isinstance(value, str) else value


@dataclass(frozen=True)
class ActiveFilter:
    name: str  # the URL parameter
    value: object
    remove: dict[str, list[str]]  # the URL parameters of the search without it


class CatalogueSearchForm(BaseForm):
    """The catalogue's search and filters (GET, no CSRF: it changes nothing). Field names are
    the URL's parameters, in Indonesian like the site's paths."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), filters=[strip, _cut(MAX_SEARCH_LENGTH)])
    kategori = StringField(_l("Category"), filters=[strip, _cut(MAX_SEARCH_PLACE)])
    provinsi = StringField(_l("Province"), filters=[strip, _cut(MAX_SEARCH_PLACE)])
    kabupaten = StringField(_l("Regency or city"), filters=[strip, _cut(MAX_SEARCH_PLACE)])
    sertifikasi = SelectMultipleField(
        _l("Certification"),
        choices=choices(CERTIFICATION_LABELS.items()),
        validators=[Optional()],
        validate_choice=False,  # an unknown one in a shared link is dropped, not an error
    )
    harga_min = WholeNumberField(
        _l("Lowest (Rp)"), thousands=True, validators=[Optional(), whole_number(0, MAX_PRICE)]
    )
    harga_maks = WholeNumberField(
        _l("Highest (Rp)"),
        thousands=True,
        validators=[Optional(), whole_number(0, MAX_PRICE)],
    )
    pesan_min_maks = WholeNumberField(
        _l("Minimum order at most"), validators=[Optional(), whole_number(0, MAX_QUANTITY)]
    )
    tersedia = BoundedDateField(_l("Available by"), validators=[Optional()])
    urut = SelectField(
        _l("Sort by"),
        choices=choices(SORT_LABELS.items()),
        validators=[Optional()],
        validate_choice=False,
    )

    def validate_tersedia(self, field) -> None:
        if field.data and field.data < catalogue_today():
            raise ValidationError(_l("Choose today or a later date."))

    def filters(self) -> SearchFilters:
        """What the search is asked for; every field with an error counts as not given."""
        self.validate()

        def valid(name: str):
            field = self[name]
            return None if field.errors else field.data

        known = {c.value for c in Certification}
        sort = self.urut.data if self.urut.data in {s.value for s in Sort} else Sort.RELEVANCE
        return SearchFilters(
            query=self.q.data or "",
            category=self.kategori.data or None,
            province=self.provinsi.data or None,
            regency=self.kabupaten.data or None,
            certifications=frozenset(c for c in (self.sertifikasi.data or ()) if c in known),
            price_min=valid("harga_min"),
            price_max=valid("harga_maks"),
            max_minimum_order=valid("pesan_min_maks"),
            available_by=valid("tersedia"),
            sort=sort,
        )

    def active_filters(self, args: MultiDict) -> list[ActiveFilter]:
        """The filters in force, each with the URL parameters that search without it."""
        f = self.filters()
        given = [
            ("q", f.query or None),
            ("kategori", f.category),
            ("provinsi", f.province),
            ("kabupaten", f.regency),
            *(("sertifikasi", c) for c in sorted(f.certifications)),
            ("harga_min", f.price_min),
            ("harga_maks", f.price_max),
            ("pesan_min_maks", f.max_minimum_order),
            ("tersedia", f.available_by),
        ]
        return [
            ActiveFilter(name, value, _without(args, name, value))
            for name, value in given
            if value is not None
        ]


def _without(args: MultiDict, name: str, value: object) -> dict[str, list[str]]:
    params = {key: args.getlist(key) for key in args if key != "page"}
    if name == "sertifikasi":
        params[name] = [v for v in params.get(name, []) if v != value]
    else:
        params.pop(name, None)
        if name == "provinsi":
            params.pop("kabupaten", None)  # a regency belongs to its province
    return params
