"""Which URLs may receive webhooks (no network: the resolver is given)."""

import pytest

from marketplace.webhooks.urls import destination, url_problem


def resolver(table):
    return lambda host: table.get(host, [])


PUBLIC = resolver(
    {"hooks.example.com": ["93.184.216.34"], "mixed.example.com": ["93.184.216.34", "10.0.0.5"]}
)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://hooks.example.com/pasar", None),
        ("http://hooks.example.com:8080/x?y=1", None),
        ("", "empty"),
        ("   ", "empty"),
        ("https://hooks.example.com/" + "a" * 500, "too_long"),
        ("ftp://hooks.example.com/x", "scheme"),
        ("javascript:alert(1)", "scheme"),
        ("hooks.example.com/x", "scheme"),
        ("https:///nohost", "host"),
        ("https://hooks.example.com:99999/", "host"),
        ("https://hooks.example.com:abc/", "host"),
        ("https://hooks example.com/", "host"),
        ("https://user:pw@hooks.example.com/", "credentials"),
        ("https://nowhere.invalid/", "unresolvable"),
        ("http://127.0.0.1:8000/", "private"),
        ("http://10.1.2.3/", "private"),
        ("http://192.168.1.1/", "private"),
        ("http://169.254.169.254/latest/meta-data", "private"),
        ("http://[::1]/", "private"),
        ("http://[fe80::1%25eth0]/", "private"),
        ("https://mixed.example.com/", "private"),
        ("http://0.0.0.0:80/", "private"),
        ("http://100.64.0.1/", "private"),
        ("http://[::ffff:127.0.0.1]/", "private"),
    ],
)
def test_url_problems_in_production(url, problem):
    assert url_problem(url, allow_private=False, resolver=PUBLIC) == problem


def test_private_addresses_are_allowed_when_configured_and_nothing_is_resolved():
    def no_lookups(host):
        raise AssertionError("resolved")

    assert (
        url_problem("http://127.0.0.1:5000/hook", allow_private=True, resolver=no_lookups) is None
    )
    assert url_problem("ftp://127.0.0.1/", allow_private=True, resolver=no_lookups) == "scheme"


def test_a_checked_destination_keeps_the_address_the_check_approved():
    assert destination("https://hooks.example.com/pasar", False, PUBLIC).address == "93.184.216.34"
    assert destination("http://[2606:2800:220:1::1]:8080/", False, PUBLIC).address == (
        "2606:2800:220:1::1"
    )
    refused = destination("https://mixed.example.com/", False, PUBLIC)
    assert refused.problem == "private" and refused.address is None


def test_with_private_addresses_allowed_only_a_literal_address_is_kept():
    def no_lookups(host):
        raise AssertionError("resolved")

    assert destination("http://127.0.0.1:5000/hook", True, no_lookups).address == "127.0.0.1"
    assert destination("http://localhost:5000/hook", True, no_lookups).address is None
