"""Which endpoint URLs deliveries may go to: http(s) only, no credentials in the URL, and (unless
WEBHOOKS_ALLOW_PRIVATE, as in testing) only hosts on public addresses, so that a webhook cannot
make the server call into its own network (SSRF). Returns a problem code, or None."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
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


def url_problem(url: str, allow_private: bool, resolver: Resolver = resolve) -> str | None:
    """None when deliveries may go to `url`; else why not: `empty`, `too_long`, `scheme`,
    `host`, `credentials`, `unresolvable` or `private`."""
    url = (url or "").strip()
    if not url:
        return "empty"
    if len(url) > MAX_URL_LENGTH:
        return "too_long"
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a port that is not a number or out of range
    except ValueError:
        return "host"
    if parts.scheme not in ("http", "https"):
        return "scheme"
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return "host"
    if not parts.hostname or port == 0:
        return "host"
    if parts.username is not None or parts.password is not None:
        return "credentials"
    if allow_private:
        return None
    addresses = [parts.hostname] if _is_literal(parts.hostname) else resolver(parts.hostname)
    if not addresses:
        return "unresolvable"
    if not all(_is_public(address) for address in addresses):
        return "private"
    return None
