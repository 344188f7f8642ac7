"""Which endpoint URLs deliveries may go to: http(s) only, no credentials in the URL, and (unless
WEBHOOKS_ALLOW_PRIVATE, as in testing) only hosts on public addresses, so that a webhook cannot
make the server call into its own network (SSRF). Returns a problem code, or None."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_URL_LENGTH = 500

Resolver = Callable[[str], list[str]]


def resolve(host: str) -> list[str]:
    """The addresses a host name resolves to (empty when it does not resolve)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return [info[4][0] for info in infos]


def _is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


def _is_public(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    return ip.is_global and not ip.is_multicast


@dataclass(frozen=True)
class Destination:
    """Where one delivery may go. `address` is the address that was checked, for the sender to
    connect to instead of looking the host up again: a second lookup could answer a private
    address (DNS rebinding). None: connect by name (private addresses allowed, nothing checked).
    """

    problem: str | None
    address: str | None = None


def url_problem(url: str, allow_private: bool, resolver: Resolver = resolve) -> str | None:
    """None when deliveries may go to `url`; else why not: `empty`, `too_long`, `scheme`,
    `host`, `credentials`, `unresolvable` or `private`."""
    return destination(url, allow_private, resolver).problem


def destination(url: str, allow_private: bool, resolver: Resolver = resolve) -> Destination:
    """The checked destination of `url` (see url_problem for the problems)."""
    url = (url or "").strip()
    if not url:
        return Destination("empty")
    if len(url) > MAX_URL_LENGTH:
        return Destination("too_long")
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a port that is not a number or out of range
    except ValueError:
        return Destination("host")
    if parts.scheme not in ("http", "https"):
        return Destination("scheme")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return Destination("host")
    if not parts.hostname or port == 0:
        return Destination("host")
    if parts.username is not None or parts.password is not None:
        return Destination("credentials")
    literal = _is_literal(parts.hostname)
    if allow_private:
        return Destination(None, parts.hostname if literal else None)
    addresses = [parts.hostname] if literal else resolver(parts.hostname)
    if not addresses:
        return Destination("unresolvable")
    if not all(_is_public(address) for address in addresses):
        return Destination("private")
    return Destination(None, addresses[0])
