"""What the fuzz test knows about the site, found at run time so that routes and forms added
later are covered too: the routes from the app's url_map, and the links and forms (every
field, hidden ones and selects included) from the pages each role is shown."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urljoin, urlsplit

from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule

ARGUMENT = re.compile(r"<(?:([a-zA-Z_][a-zA-Z0-9_]*)(?:\([^)]*\))?:)?([a-zA-Z_][a-zA-Z0-9_]*)>")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # the input type, or "select" / "textarea"
    value: str  # what the page puts in it
    options: tuple[str, ...] = ()


@dataclass
class Form:
    method: str
    action: str  # a path with its query, on this site
    endpoint: str
    fields: list[Field] = field(default_factory=list)


class _PageParser(HTMLParser):
    """The links and forms of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[tuple[str, str, list[Field]]] = []
        self._form: list[Field] | None = None
        self._select: tuple[str, list[str], list[str]] | None = None  # name, options, selected
        self._textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "option" and self._select is not None:
            self._select[1].append(a.get("value", ""))
            if "selected" in a:
                self._select[2].append(a.get("value", ""))
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = []
            self.forms.append((a.get("method", "get").upper(), a.get("action", ""), self._form))
        elif self._form is None or not a.get("name"):
            return
        elif tag in ("input", "button"):
            kind = a.get("type", "text" if tag == "input" else "submit").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._form.append(Field(a["name"], kind, a.get("value", "")))
        elif tag == "select":
            self._select = (a["name"], [], [])
        elif tag == "textarea":
            self._textarea = (a["name"], [])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, options, selected = self._select
            chosen = (selected or options or [""])[0]
            self._form.append(Field(name, "select", chosen, tuple(options)))
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            name, text = self._textarea
            self._form.append(Field(name, "textarea", "".join(text).strip("\n")))
            self._textarea = None


def parse_page(html: str) -> _PageParser:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser


def local_path(href: str, page_url: str) -> str | None:
    """The site path (with query) a link or form action points to, or None if it leaves."""
    target = urlsplit(urljoin(f"http://localhost{page_url}", href))
    if target.scheme not in ("http", "") or target.netloc not in ("localhost", ""):
        return None
    return target.path + (f"?{target.query}" if target.query else "")


def match(url_map: Map, path: str, method: str = "GET") -> tuple[str, dict] | None:
    """The endpoint and path arguments a path stands for (None for a redirect or no match)."""
    try:
        return url_map.bind("localhost").match(urlsplit(path).path, method)
    except HTTPException:
        return None


def query_fields(path: str) -> list[Field]:
    return [Field(k, "query", v) for k, v in parse_qsl(urlsplit(path).query, True)]


def routes(url_map: Map) -> list[Rule]:
    """Every route of the app but static files and the JSON API (which wants a bearer token
    and is fuzzed from its OpenAPI document by tests/integration/api/test_schemathesis.py),
    in a stable order."""
    return sorted(
        (
            r
            for r in url_map.iter_rules()
            if not r.endpoint.endswith("static") and not r.rule.startswith("/api/")
        ),
        key=lambda r: (r.rule, r.endpoint),
    )


def converters_of(rule: Rule) -> dict[str, str]:
    """Argument name -> converter name ('default' for a plain <name>)."""
    return {name: conv or "default" for conv, name in ARGUMENT.findall(rule.rule)}


def build(rule: Rule, values: dict[str, str]) -> str:
    """The rule's path with each argument replaced by a value, percent-encoded as a browser
    would (values need not be valid for the converter: that is the point)."""

    def replace(m: re.Match) -> str:
        return quote(values[m.group(2)], safe="")

    return ARGUMENT.sub(replace, rule.rule)
