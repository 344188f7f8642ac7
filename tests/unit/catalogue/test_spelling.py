"""The words of a catalogue search and the correction of a mistyped word (pure)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marketplace.catalogue import spelling


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kopi Palu", ["kopi", "palu"]),
        ("  batik   tulis, probolinggo ", ["batik", "tulis", "probolinggo"]),
        ('"kopi" OR palu*', ["kopi", "or", "palu"]),
        ("NEAR(kopi palu) -batik :x", ["near", "kopi", "palu", "batik", "x"]),
        ("kopi kopi KOPI", ["kopi"]),
        ("p-irt_123", ["p", "irt", "123"]),
        ("%_*\"'()", []),
        ("", []),
        ("Café", ["café"]),
    ],
)
def test_words_are_letters_and_digits_only(query, expected):
    assert spelling.words(query) == expected


def test_words_are_bounded_in_number_and_length():
    found = spelling.words(" ".join(f"w{i}" for i in range(50)) + " " + "x" * 500)
    assert len(found) == spelling.MAX_WORDS
    assert spelling.words("y" * 500) == ["y" * spelling.MAX_WORD_LENGTH]


@given(st.text())
def test_no_word_carries_an_operator_character(query):
    for word in spelling.words(query):
        assert word and all(ch.isalnum() for ch in word), word
        assert len(word) <= spelling.MAX_WORD_LENGTH


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("palu", "palu", 0),
        ("plau", "palu", 1),  # two neighbours swapped
        ("batk", "batik", 1),  # a letter left out
        ("batiik", "batik", 1),  # one too many
        ("bstik", "batik", 1),  # the wrong key
        ("kpoi", "kopi", 1),
        ("robsta", "robusta", 1),
        ("tulsi", "tulis", 1),
        ("abc", "xyz", 3),
    ],
)
def test_edit_distance(a, b, distance):
    assert spelling.edit_distance(a, b, limit=5) == distance
    assert spelling.edit_distance(b, a, limit=5) == distance


def test_edit_distance_stops_beyond_its_limit():
    assert spelling.edit_distance("kopi", "probolinggo", limit=2) == 3
    assert spelling.edit_distance("abcdef", "uvwxyz", limit=1) == 2


VOCABULARY = ["kopi", "robusta", "palu", "pala", "batik", "tulis", "probolinggo", "bawang"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("plau", "palu"),
        ("batk", "batik"),
        ("probolingo", "probolinggo"),
        ("probolnigo", "probolinggo"),  # two mistakes in a long word
        ("kopi", "kopi"),
        ("xyzzy", None),
        ("ab", None),  # too short to correct
    ],
)
def test_closest(word, expected):
    assert spelling.closest(word, VOCABULARY) == expected


def test_closest_does_not_depend_on_the_vocabulary_order():
    # "pali" is one edit from both "palu" and "pala": the same answer whatever the order.
    assert spelling.closest("pali", ["palu", "pala"]) == spelling.closest("pali", ["pala", "palu"])


def test_allowed_edits_grow_with_the_word():
    assert [spelling.allowed_edits("x" * n) for n in (1, 2, 3, 7, 8, 20)] == [0, 0, 1, 1, 2, 2]
    assert spelling.length_window("batk") == (3, 5)
