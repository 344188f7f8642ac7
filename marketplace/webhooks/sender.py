"""One HTTP POST of a signed delivery (standard library): a short timeout, redirects not
followed, at most a small excerpt of the answer kept. Never raises for the network."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass

from marketplace.webhooks import policy
from marketplace.webhooks.signing import HEADER, sign

USER_AGENT = "PasarKoperasi-Webhooks/1"
READ_BYTES = 2048


@dataclass(frozen=True)
class Answer:
    status_code: int | None  # None: no HTTP answer at all
    excerpt: str = ""
    error: str = ""  # a short code when there was no answer: timeout, connection, ...


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the 3xx comes back as an HTTPError: a failed delivery


_OPENER = urllib.request.build_opener(_NoRedirects)


def _excerpt(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace")
    return "".join(ch if ch.isprintable() else " " for ch in text)[: policy.EXCERPT_CHARS]


def post(url: str, body: str, secret: str, timestamp: int, event_id: str) -> Answer:
    request = urllib.request.Request(
        url,
        data=body.encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            HEADER: sign(secret, timestamp, body),
            "Webhook-Id": event_id,
        },
    )
    try:
        with _OPENER.open(request, timeout=policy.TIMEOUT_SECONDS) as response:
            return Answer(response.status, _excerpt(response.read(READ_BYTES)))
    except urllib.error.HTTPError as exc:
        with exc:
            return Answer(exc.code, _excerpt(exc.read(READ_BYTES) if exc.fp else b""))
    except urllib.error.URLError as exc:
        timed_out = isinstance(exc.reason, TimeoutError)
        return Answer(None, error="timeout" if timed_out else "connection")
    except TimeoutError:
        return Answer(None, error="timeout")
    except (OSError, ValueError, http.client.HTTPException):
        return Answer(None, error="connection")
