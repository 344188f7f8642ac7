"""The password rules (pure): lengths, the shipped list of common passwords, the email."""

import pytest

from marketplace.accounts.passwords import MESSAGES, common_passwords, password_problem


@pytest.mark.parametrize(
    ("password", "email", "problem"),
    [
        ("kain batik tulis 7", "siti@example.com", None),
        ("1234567", None, "too_short"),
        ("x" * 129, None, "too_long"),
        ("12345678", None, "common"),
        ("PassWord123", None, "common"),
        ("sayangku", None, "common"),
        ("zzzzzzzzzz", None, "common"),
        ("abababababab", None, "common"),
        ("Siti@Example.com", "siti@example.com", "is_email"),
        ("siti.rahayu", "siti.rahayu@example.com", "is_email"),
        ("siti.rahayu2026", "siti.rahayu@example.com", None),
    ],
)
def test_password_problem(password, email, problem):
    assert password_problem(password, email=email) == problem


def test_the_shipped_list_is_loaded_and_every_code_has_a_message():
    words = common_passwords()
    assert len(words) > 150 and "password123" in words and "bismillah" in words
    assert all(word == word.lower() for word in words)
    assert set(MESSAGES) == {"too_short", "too_long", "common", "is_email"}
