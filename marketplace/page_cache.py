"""Whole public pages for anonymous visitors, kept for a few minutes and dropped the moment
the data behind them changes.

Which requests: a GET of an endpoint in CACHED_ENDPOINTS by a visitor who is not logged in and
has no flashed message waiting. The key is the host and path, the query string with its
parameters sorted, and the interface language (anonymous visitors choose it in their session
cookie, see select_locale; the responses say `Vary: Cookie`). Which responses are kept: status
200 HTML whose rendering did not change the session nor make a CSRF token (so no token, no
flashed message, no login state is in it) and set no cookie.
A page with a form carrying a CSRF token (the product page's order form) is therefore never
kept, whatever CACHED_ENDPOINTS says: nothing one visitor may not see reaches another.

Freshness: every key carries the generation it was written in; a commit that wrote to a table
the public pages show (anything but WATCH_EXEMPT: products, offers, capacity, photos,
cooperatives, orders and their stock) increments the generation, so the next request renders
anew. TTL_SECONDS bounds the rest (today's date in availability, a clock-driven expiry).
The generation follows the ORM session's commits rather than domain signals: every writer of
those tables commits through it (services, jobs, the demo, bulk statements), so no change can
be missed by a signal somebody forgot to send.

Where: Redis at PAGE_CACHE_URL (production: every web process shares one generation, so a
change on one instance is seen by all at once, see RedisStore); "memory://" keeps a bounded
dict per process (one process only: refused in production); empty turns the cache off (the
default outside production: templates change in development).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from urllib.parse import parse_qsl, urlencode

import redis
from flask import Flask, Response, current_app, g, has_app_context, request, session
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.orm import Session

# The catalogue (home, search, categories, pages) and a cooperative's page. Not the product
# page: its order form carries a CSRF token (it would never be kept anyway, see above).
CACHED_ENDPOINTS = frozenset({"catalogue.index", "catalogue.cooperative"})
TTL_SECONDS = 180
MEMORY_ENTRIES = 500
# Redis: how long a process serves its own copy without asking Redis for the generation, and
# how many copies it keeps.
LOCAL_SECONDS = 1.0
LOCAL_ENTRIES = 200
# Tables whose rows no public page shows: writing them keeps the cached pages. Every other
# table's writes start a new generation (a table added later is watched until listed here).
WATCH_EXEMPT = frozenset(
    {
        "alembic_version",
        "audit_events",
        "cart_items",
        "invitations",
        "ledger_entries",
        "notifications",
        "outbox_messages",
        "payment_events",
        "payout_batches",
        "payout_lines",
        "saved_addresses",
        "savings_entries",
        "savings_settings",
        "users",
    }
)
HEADER = "X-Page-Cache"


class MemoryStore:
    """A bounded dict (least recently used out) with expiry, for one process."""

    def __init__(self, entries: int = MEMORY_ENTRIES) -> None:
        self.entries, self.generation = entries, 0
        self._data: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def fetch(self, key: str) -> tuple[int, bytes | None]:
        with self._lock:
            hit = self._data.get(key)
            if hit is None or hit[0] < time.monotonic():
                return self.generation, None
            self._data.move_to_end(key)
            return self.generation, hit[1]

    def store(self, key: str, value: bytes, ttl: int, generation: int) -> None:
        with self._lock:
            if generation != self.generation:  # rendered before a change: already stale
                return
            self._data[key] = (time.monotonic() + ttl, value)
            self._data.move_to_end(key)
            while len(self._data) > self.entries:
                self._data.popitem(last=False)

    def bump(self) -> None:
        with self._lock:
            self.generation += 1
            self._data.clear()


class RedisStore:
    """Keys `<prefix>:<generation>:<key>` and the generation at `<prefix>:generation`: one
    round trip to look a page up (MGET of the generation and the key of the generation last
    seen; a miss on a new generation costs one more).

    In front of Redis, each process keeps the pages it served last for LOCAL_SECONDS after it
    last read the generation: a change made through this process is seen at once (bump()
    forgets them), one made through another process within LOCAL_SECONDS."""

    def __init__(self, url: str, prefix: str) -> None:
        self.client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self.prefix, self.seen, self.checked_at = prefix, b"0", 0.0
        self.local = MemoryStore(LOCAL_ENTRIES)
        self._lock = threading.Lock()

    def _key(self, generation: bytes, key: str) -> str:
        return f"{self.prefix}:{generation.decode()}:{key}"

    def fetch(self, key: str) -> tuple[bytes, bytes | None]:
        now = time.monotonic()
        with self._lock:
            seen, fresh = self.seen, now - self.checked_at < LOCAL_SECONDS
        if fresh:
            _, value = self.local.fetch(key)
            if value is not None:
                return seen, value
        generation, value = self.client.mget(f"{self.prefix}:generation", self._key(seen, key))
        generation = generation or b"0"
        if generation != seen:
            value = self.client.get(self._key(generation, key))
        with self._lock:
            if generation != self.seen:
                self.seen = generation
                self.local.bump()
            self.checked_at = now
        if value is not None:
            self.local.store(key, value, LOCAL_SECONDS, self.local.generation)
        return generation, value

    def store(self, key: str, value: bytes, ttl: int, generation: bytes) -> None:
        self.client.set(self._key(generation, key), value, ex=ttl)

    def bump(self) -> None:
        self.client.incr(f"{self.prefix}:generation")
        with self._lock:
            self.checked_at = 0.0
            self.local.bump()


def init_app(app: Flask) -> None:
    """Serve and keep pages when PAGE_CACHE_URL names a store (the hooks do nothing while
    app.extensions has no "page_cache")."""
    url = app.config.get("PAGE_CACHE_URL", "")
    if url == "memory://":
        app.extensions["page_cache"] = MemoryStore()
    elif url:
        prefix = app.config.get("PAGE_CACHE_PREFIX", "pasar-pages")
        app.extensions["page_cache"] = RedisStore(url, prefix)
    app.before_request(serve_cached)
    app.after_request(keep_response)
    _watch_commits()


def _store():
    return current_app.extensions.get("page_cache")


def cache_key() -> str | None:
    """The key of this request's page, or None when it may not be served from the cache."""
    if request.method != "GET" or request.endpoint not in CACHED_ENDPOINTS:
        return None
    if "_flashes" in session or current_user.is_authenticated:
        return None
    pairs = parse_qsl(request.query_string.decode("utf-8", "replace"), keep_blank_values=True)
    return f"{get_locale()}|{request.host}{request.path}?{urlencode(sorted(pairs))}"


def serve_cached() -> Response | None:
    store = _store()
    key = None if store is None else cache_key()
    if key is None:
        return None
    try:
        generation, value = store.fetch(key)
    except redis.RedisError:
        current_app.logger.warning("page cache unreachable", exc_info=True)
        return None
    g.page_cache = (key, generation)
    if value is None:
        return None
    response = Response(value, mimetype="text/html")
    response.headers[HEADER] = "hit"
    return response


def keep_response(response: Response) -> Response:
    """Keep a page rendered for an anonymous visitor when nothing personal went into it."""
    pending = g.pop("page_cache", None)
    if pending is None or response.headers.get(HEADER) == "hit":
        return response
    response.headers[HEADER] = "miss"
    if (
        response.status_code != 200
        or response.mimetype != "text/html"
        or response.direct_passthrough
        or session.modified
        or "csrf_token" in g
        or "Set-Cookie" in response.headers
    ):
        return response
    key, generation = pending
    try:
        _store().store(key, response.get_data(), TTL_SECONDS, generation)
    except redis.RedisError:
        current_app.logger.warning("page cache unreachable", exc_info=True)
    return response


FLAG = "page_cache_dirty"


def _note_flush(session: Session, _context) -> None:
    for obj in (*session.new, *session.dirty, *session.deleted):
        if getattr(obj, "__tablename__", None) not in WATCH_EXEMPT:
            session.info[FLAG] = True
            return


def _note_statement(state) -> None:
    """insert()/update()/delete() statements run through the session (bulk writes)."""
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.bind_mapper, "local_table", None)
        if table is None or table.name not in WATCH_EXEMPT:
            state.session.info[FLAG] = True


def _after_commit(session: Session) -> None:
    """After a commit that wrote a table the public pages show, start a new generation. (A
    rolled-back write leaves the flag for the next commit: one needless re-render at most.)"""
    if not session.info.pop(FLAG, False) or not has_app_context():
        return
    store = current_app.extensions.get("page_cache")
    if store is None:
        return
    try:
        store.bump()
    except redis.RedisError:
        current_app.logger.error("page cache generation not bumped", exc_info=True)


def _watch_commits() -> None:
    """Listen once per process (create_app runs many times in the tests); the listeners find
    the current app's store."""
    if event.contains(Session, "after_commit", _after_commit):
        return
    event.listen(Session, "after_flush", _note_flush)
    event.listen(Session, "do_orm_execute", _note_statement)
    event.listen(Session, "after_commit", _after_commit)
