"""A local fake Stripe on loopback for the official `stripe` library.

localstripe (a subprocess on 127.0.0.1) holds PaymentIntents, charges and refunds. It has no
Checkout Sessions, so a pytest-httpserver stub in front of it answers /v1/checkout/sessions with
the shapes of Stripe's API reference and forwards every other /v1 request to localstripe.
"""

import contextlib
import hashlib
import hmac
import json
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import stripe
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "sk_test_pasarkoperasi"
WEBHOOK_SECRET = "whsec_test_pasarkoperasi"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def localstripe():
    """Run localstripe on 127.0.0.1; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.localstripe_server", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("localstripe did not start") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _nested(form) -> dict:
    """Stripe's form encoding (a[b][0][c]=v) back into nested dicts and lists."""
    result: dict = {}
    for key, value in form.items(multi=True):
        parts = re.findall(r"[^\[\]]+", key)
        node = result
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return result


class FakeStripe:
    """The stub server plus helpers to play Stripe's part in a test."""

    def __init__(self, localstripe_url: str) -> None:
        self.localstripe_url = localstripe_url
        self.server = HTTPServer(host="127.0.0.1", port=0)
        self.sessions: dict[str, dict] = {}
        self.requests: list[dict] = []
        self.server.expect_request(
            re.compile(r"^/v1/checkout/sessions$"), method="POST"
        ).respond_with_handler(self._create_session)
        self.server.expect_request(re.compile(r"^/v1/.*")).respond_with_handler(self._forward)
        self.server.start()
        self.url = self.server.url_for("").rstrip("/")

    def stop(self) -> None:
        self.server.clear()
        self.server.stop()

    # -- the stub's answers ------------------------------------------------------------------
    def _create_session(self, request: Request) -> Response:
        params = _nested(request.form)
        self.requests.append(params)
        line = params["line_items"]["0"]
        amount = int(line["price_data"]["unit_amount"]) * int(line["quantity"])
        session_id = "cs_test_" + secrets.token_hex(12)
        session = {
            "id": session_id,
            "object": "checkout.session",
            "url": f"{self.url}/pay/{session_id}",
            "mode": params["mode"],
            "status": "open",
            "payment_status": "unpaid",
            "amount_subtotal": amount,
            "amount_total": amount,
            "currency": line["price_data"]["currency"],
            "client_reference_id": params.get("client_reference_id"),
            "customer_email": params.get("customer_email"),
            "metadata": params.get("metadata", {}),
            "payment_intent": None,
            "success_url": params["success_url"],
            "cancel_url": params["cancel_url"],
            "expires_at": int(time.time()) + 86400,
            "created": int(time.time()),
            "livemode": False,
        }
        self.sessions[session_id] = session
        return Response(json.dumps(session), content_type="application/json")

    def _forward(self, request: Request) -> Response:
        url = self.localstripe_url + request.full_path.rstrip("?")
        headers = {
            k: v
            for k, v in request.headers.items()
            if k.lower() in ("authorization", "content-type", "idempotency-key")
        }
        forwarded = urllib.request.Request(
            url, data=request.get_data() or None, headers=headers, method=request.method
        )
        try:
            with urllib.request.urlopen(forwarded, timeout=10) as answer:
                status, body = answer.status, answer.read()
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read()
        return Response(body, status=status, content_type="application/json")

    # -- playing the buyer and Stripe --------------------------------------------------------
    def client(self) -> stripe.StripeClient:
        return stripe.StripeClient(
            SECRET_KEY, base_addresses={"api": self.localstripe_url}, max_network_retries=0
        )

    def complete(self, session_id: str) -> dict:
        """The buyer pays on the hosted page: a real PaymentIntent succeeds in localstripe and
        the session is complete. Returns the session as Stripe would send it in the event."""
        session = self.sessions[session_id]
        intent = self.client().v1.payment_intents.create(
            params={
                "amount": session["amount_total"],
                "currency": session["currency"],
                "payment_method": "pm_card_visa",
                "confirm": True,
                "metadata": session["metadata"],
            }
        )
        session.update(status="complete", payment_status="paid", payment_intent=intent.id)
        return dict(session)


def event(event_type: str, obj: dict, event_id: str | None = None) -> str:
    """A webhook event body in Stripe's shape."""
    return json.dumps(
        {
            "id": event_id or "evt_" + secrets.token_hex(12),
            "object": "event",
            "api_version": "2024-06-20",
            "created": int(time.time()),
            "livemode": False,
            "type": event_type,
            "data": {"object": obj},
        }
    )


def sign(payload: str, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """The Stripe-Signature header, computed exactly as Stripe does."""
    timestamp = timestamp or int(time.time())
    mac = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"
