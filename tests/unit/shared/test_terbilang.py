"""Amounts in words (terbilang): fixed values and a round trip through an independent reader."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marketplace.terbilang import LIMIT, rupiah_in_words, terbilang


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nol"),
        (1, "satu"),
        (9, "sembilan"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (21, "dua puluh satu"),
        (99, "sembilan puluh sembilan"),
        (100, "seratus"),
        (101, "seratus satu"),
        (111, "seratus sebelas"),
        (200, "dua ratus"),
        (999, "sembilan ratus sembilan puluh sembilan"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (1100, "seribu seratus"),
        (2000, "dua ribu"),
        (10_000, "sepuluh ribu"),
        (11_000, "sebelas ribu"),
        (100_000, "seratus ribu"),
        (101_000, "seratus satu ribu"),
        (1_000_000, "satu juta"),
        (1_001_000, "satu juta seribu"),
        (1_500_000, "satu juta lima ratus ribu"),
        (2_886_000, "dua juta delapan ratus delapan puluh enam ribu"),
        (5_000_000, "lima juta"),
        (1_000_000_000, "satu miliar"),
        (10_000_000_000, "sepuluh miliar"),
        (1_000_000_000_000, "satu triliun"),
        (
            123_456_789_012,
            "seratus dua puluh tiga miliar empat ratus lima puluh enam juta "
            "tujuh ratus delapan puluh sembilan ribu dua belas",
        ),
        (1_000_000_000_000_000, "satu kuadriliun"),
        (
            LIMIT - 1,
            "sembilan ratus sembilan puluh sembilan kuadriliun " + "sembilan ratus "
            "sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan miliar "
            "sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan "
            "ribu sembilan ratus sembilan puluh sembilan",
        ),
        (-1_000, "minus seribu"),
    ],
)
def test_numbers_in_words(n, words):
    assert terbilang(n) == words


def test_rupiah_in_words():
    assert rupiah_in_words(5_000_000) == "lima juta rupiah"
    assert rupiah_in_words(5_000_001) == "lima juta satu rupiah"


@pytest.mark.parametrize("bad", [LIMIT, -LIMIT, 1.5, "1000", None, True])
def test_what_cannot_be_written_is_refused(bad):
    with pytest.raises(ValueError):
        terbilang(bad)


_DIGITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
_SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "triliun": 10**12, "kuadriliun": 10**15}
_PLACES = {"puluh": 10, "ratus": 100}


def _read(words: str) -> int:
    """An independent reader of Indonesian number words, to check terbilang's output."""
    tokens = []
    for word in words.split():
        if word.startswith("se") and word[2:] in ("puluh", "belas", "ratus", "ribu"):
            tokens += ["satu", word[2:]]
        elif word == "sebelas":
            tokens += ["satu", "belas"]
        else:
            tokens.append(word)
    sign = -1 if tokens[0] == "minus" else 1
    total = group = pending = 0
    for token in tokens[1:] if sign < 0 else tokens:
        if token in _DIGITS:
            pending = _DIGITS.index(token)
        elif token == "belas":
            group, pending = group + 10 + pending, 0
        elif token in _PLACES:
            group, pending = group + pending * _PLACES[token], 0
        else:
            total, group, pending = total + (group + pending) * _SCALES[token], 0, 0
    return sign * (total + group + pending)


@given(st.integers(min_value=-LIMIT + 1, max_value=LIMIT - 1))
def test_every_amount_reads_back_as_itself(n):
    words = terbilang(n)
    assert _read(words) == n
    assert "  " not in words and words == words.strip()
    # "satu" never stands before belas, puluh, ratus or ribu: se- does.
    for place in ("belas", "puluh", "ratus"):
        assert f"satu {place}" not in words


@given(st.integers(min_value=1, max_value=999))
def test_thousands_use_seribu_only_for_exactly_one_thousand(group):
    words = terbilang(group * 1000)
    assert words.endswith("ribu")
    assert words.startswith("seribu") == (group == 1)
