"""HTTP hardening shared by every response: security headers and trusted reverse proxies."""

from flask import Flask, Response
from werkzeug.middleware.proxy_fix import ProxyFix

# No inline script or style anywhere: scripts live in static/js, Bootstrap is served locally.
# Card payment posts a form that redirects to Stripe's hosted Checkout page.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self' https://checkout.stripe.com",
        "frame-ancestors 'none'",
    )
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
HSTS = "max-age=31536000; includeSubDomains"

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def trust_proxies(app: Flask) -> None:
    """Read the client's address and scheme from X-Forwarded-* only when PROXY_COUNT proxies
    are configured, and only that many hops deep: anything further is the client's own claim."""
    count = app.config.get("PROXY_COUNT", 0)
    if count > 0:
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=count, x_proto=count, x_host=count, x_port=count, x_prefix=count
        )


def add_security_headers(app: Flask, response: Response, *, static: bool) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if app.config.get("HSTS"):
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if not static:
        response.headers.setdefault("Cache-Control", "no-store")
    return response
