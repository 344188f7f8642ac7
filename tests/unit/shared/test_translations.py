"""The Indonesian catalogue: every string in the source is translated, placeholders survive
translation, and the compiled catalogue is what the app actually speaks.

The strings are extracted from the source at test time with the same method map (babel.cfg) and
keywords (BABEL_KEYWORDS in the Makefile) as `make extract-messages`, so a string added without a
translation fails here until someone runs `make extract-messages` and translates it."""

import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import session
from flask_babel import gettext

from marketplace import create_app
from marketplace.extensions import babel

ROOT = Path(__file__).resolve().parents[3]
TRANSLATIONS = ROOT / "marketplace" / "translations"
PO_FILE = TRANSLATIONS / "id" / "LC_MESSAGES" / "messages.po"
MO_FILE = PO_FILE.with_suffix(".mo")

# %(name)s, %(max)d, %(price)r ... and the escaped percent sign %%
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%%")
FIX = "Run `make extract-messages` and translate the new entries in " + str(
    PO_FILE.relative_to(ROOT)
)


def _keywords() -> dict:
    """BABEL_KEYWORDS from the Makefile, the one list `make extract-messages` uses."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    found = re.search(r"^BABEL_KEYWORDS\s*:?=\s*(.+)$", makefile, re.MULTILINE)
    assert found, "The Makefile no longer defines BABEL_KEYWORDS"
    return parse_keywords(found.group(1).split())


def _extracted() -> dict[str, list[str]]:
    """Every msgid in the source (the singular for plurals), with the places it occurs."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, "babel.cfg")
    found: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=_keywords()
    ):
        msgid = message[0] if isinstance(message, tuple | list) else message
        if msgid:
            found.setdefault(msgid, []).append(f"{filename}:{lineno}")
    return found


@pytest.fixture(scope="module")
def catalog():
    with open(PO_FILE, "rb") as po:
        return read_po(po, locale="id")


def _forms(value) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, tuple | list) else (value,)


def test_extraction_finds_the_source_strings():
    messages = _extracted()
    assert "Log in" in messages  # Python (lazy_gettext in forms) and Jinja templates
    assert any(place.startswith("templates/") for places in messages.values() for place in places)
    assert any(place.startswith("marketplace/") for places in messages.values() for place in places)


def test_every_source_string_has_an_indonesian_translation(catalog):
    assert not catalog.fuzzy, "The catalogue header is fuzzy, so `pybabel compile` skips it"
    missing = []
    for msgid, places in sorted(_extracted().items()):
        message = catalog.get(msgid)
        if message is None:
            missing.append(f"{msgid!r} (not in the catalogue; used at {places[0]})")
        elif message.fuzzy:
            missing.append(f"{msgid!r} (fuzzy)")
        elif not all(form.strip() for form in _forms(message.string)):
            missing.append(f"{msgid!r} (empty translation)")
    assert not missing, f"{len(missing)} untranslated messages. {FIX}:\n" + "\n".join(missing)


def test_no_fuzzy_entries_remain(catalog):
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert not fuzzy, f"Fuzzy entries (check and remove the fuzzy flag): {fuzzy}"


def test_translations_keep_the_placeholders(catalog):
    wrong = []
    for message in catalog:
        if not message.id:
            continue
        ids = _forms(message.id)
        expected = Counter(PLACEHOLDER.findall(ids[-1]))
        for form in _forms(message.string):
            if not form:
                continue
            got = Counter(PLACEHOLDER.findall(form))
            # A plural's singular may drop the count, so only the plural msgid is the rule.
            if got != expected if len(ids) == 1 else not got <= expected:
                wrong.append(f"{ids[0]!r} -> {form!r}")
            lone_percent = PLACEHOLDER.sub("", form).count("%")
            if lone_percent != PLACEHOLDER.sub("", ids[-1]).count("%"):
                wrong.append(f"{ids[0]!r} -> {form!r} (a bare % breaks formatting; write %%)")
    assert not wrong, "Placeholders differ between msgid and msgstr:\n" + "\n".join(wrong)


def test_the_app_reads_this_catalogue():
    configured = create_app("testing").config["BABEL_TRANSLATION_DIRECTORIES"]
    assert Path(configured).resolve() == TRANSLATIONS


@pytest.fixture
def translation_directory(tmp_path) -> str:
    """The compiled catalogue: the one `make translations` built if it is up to date, otherwise
    one compiled here from the .po, so that this test does not depend on running after make."""
    if MO_FILE.exists() and MO_FILE.stat().st_mtime >= PO_FILE.stat().st_mtime:
        return str(TRANSLATIONS)
    with open(PO_FILE, "rb") as po:
        compiled = read_po(po, locale="id")
    target = tmp_path / "id" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with open(target / "messages.mo", "wb") as mo:
        write_mo(mo, compiled)
    return str(tmp_path)


@pytest.fixture
def fresh_translations_cache():
    """Flask-Babel caches loaded catalogues per locale on the shared extension, across apps."""
    babel.domain_instance.cache.clear()
    yield
    babel.domain_instance.cache.clear()


@pytest.mark.usefixtures("fresh_translations_cache")
@pytest.mark.parametrize(
    ("lang", "expected"),
    [("id", "Masuk"), ("en", "Log in"), (None, "Masuk")],
)
def test_the_compiled_catalogue_takes_effect(translation_directory, lang, expected):
    app = create_app("testing", {"BABEL_TRANSLATION_DIRECTORIES": translation_directory})
    with app.test_request_context():
        if lang:
            session["lang"] = lang
        assert gettext("Log in") == expected
        assert gettext("Order %(number)s", number="PK-1") == (
            "Pesanan PK-1" if expected == "Masuk" else "Order PK-1"
        )
