"""The sender connects to the address the URL check approved, not to a second lookup of the
host name (DNS rebinding), and still names the host to the receiver. A real local server."""

from werkzeug import Response

from marketplace.webhooks import sender


def _post(url: str, address: str | None = None) -> sender.Answer:
    return sender.post(url, '{"a": 1}', ["s" * 32], 1_700_000_000, "evt_1", address=address)


def test_the_connection_goes_to_the_checked_address_with_the_host_named(httpserver):
    httpserver.expect_request("/hook", method="POST", query_string="x=1").respond_with_data("ok")
    # the name does not resolve anywhere: only the pinned address can reach the server
    answer = _post(f"http://hooks.example.invalid:{httpserver.port}/hook?x=1", "127.0.0.1")
    assert answer == sender.Answer(200, "ok")
    (request, _response) = httpserver.log[0]
    assert request.headers["Host"] == f"hooks.example.invalid:{httpserver.port}"
    assert request.headers["Webhook-Id"] == "evt_1"
    assert request.get_data(as_text=True) == '{"a": 1}'


def test_without_an_address_the_host_is_looked_up_and_an_unknown_one_fails_softly(httpserver):
    httpserver.expect_request("/hook").respond_with_data("ok")
    assert _post(httpserver.url_for("/hook")).status_code == 200
    assert _post("http://hooks.example.invalid/hook") == sender.Answer(None, error="connection")


def test_a_redirect_is_an_answer_not_followed_and_its_excerpt_is_printable(httpserver):
    httpserver.expect_request("/hook").respond_with_response(
        Response("moved\x00\x07here", status=302, headers={"Location": "/elsewhere"})
    )
    answer = _post(httpserver.url_for("/hook"), "127.0.0.1")
    assert answer == sender.Answer(302, "moved  here")
    assert [request.path for request, _ in httpserver.log] == ["/hook"]


def test_https_checks_the_certificate_of_the_named_host(httpserver):
    # a plain-HTTP server cannot complete the TLS handshake: no answer, nothing sent in clear
    answer = _post(f"https://hooks.example.invalid:{httpserver.port}/hook", "127.0.0.1")
    assert answer.status_code is None and answer.error == "connection"
    assert httpserver.log == []
