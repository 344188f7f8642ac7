"""One HTTP POST of a signed delivery (standard library): a short timeout, redirects not
followed, at most a small excerpt of the answer kept, and the connection made to the address the
URL check approved. Never raises for the network."""

from __future__ import annotations

import http.client
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from marketplace.webhooks import policy
from marketplace.webhooks.signing import HEADER, sign

USER_AGENT = "PasarKoperasi-Webhooks/1"
READ_BYTES = 2048


@dataclass(frozen=True)
class Answer:
    status_code: int | None  # None: no HTTP answer at all
    excerpt: str = ""
    error: str = ""  # a short code when there was no answer: timeout, connection, ...


class _HTTP(http.client.HTTPConnection):
    """Connects to `address` when given (the one the URL check approved), not to whatever the
    host name resolves to by now; the Host header still names the host."""

    def __init__(self, host: str, port: int, address: str | None, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def _socket(self) -> socket.socket:
        return socket.create_connection((self.address or self.host, self.port), self.timeout)

    def connect(self) -> None:
        self.sock = self._socket()


class _HTTPS(_HTTP):
    """As _HTTP, over TLS: the certificate is checked against the host name (SNI too)."""

    default_port = http.client.HTTPS_PORT

    def __init__(self, host: str, port: int, address: str | None, timeout: float):
        super().__init__(host, port, address, timeout)
        self.tls = ssl.create_default_context()

    def connect(self) -> None:
        self.sock = self.tls.wrap_socket(self._socket(), server_hostname=self.host)


def _excerpt(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace")
    return "".join(ch if ch.isprintable() else " " for ch in text)[: policy.EXCERPT_CHARS]


def post(
    url: str,
    body: str,
    secrets: list[str],
    timestamp: int,
    event_id: str,
    address: str | None = None,
) -> Answer:
    """POST `body` to `url`, signed with each of `secrets` (the current one first), connecting
    to `address` when given (see urls.Destination)."""
    try:
        parts = urlsplit(url)
        kind = _HTTPS if parts.scheme == "https" else _HTTP
        port = parts.port or kind.default_port  # given, so that an IPv6 host is not split
        connection = kind(parts.hostname or "", port, address, policy.TIMEOUT_SECONDS)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    except ValueError:
        return Answer(None, error="connection")
    current, *older = secrets
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        HEADER: sign(current, timestamp, body, *older),
        "Webhook-Id": event_id,
    }
    try:
        connection.request("POST", path, body=body.encode(), headers=headers)
        response = connection.getresponse()  # a redirect is an answer like any other: failed
        return Answer(response.status, _excerpt(response.read(READ_BYTES)))
    except TimeoutError:
        return Answer(None, error="timeout")
    except (OSError, ValueError, http.client.HTTPException):
        return Answer(None, error="connection")
    finally:
        connection.close()
