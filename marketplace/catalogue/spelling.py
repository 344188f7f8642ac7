"""The words of a catalogue search and the correction of a mistyped word (pure: no Flask, no
SQLAlchemy). search.py asks the database for the vocabulary and applies what this decides."""

import re
import unicodedata
from collections.abc import Iterable

# A query is a handful of words; more is a paste, not a search.
MAX_WORDS = 8
MAX_WORD_LENGTH = 40
# Shorter words are too ambiguous to correct ("ab" is one edit from dozens of words).
MIN_CORRECTABLE_LENGTH = 3

# Letters and digits of any script; everything else (quotes, *, :, -, parentheses) separates
# words, so that no character of a query reaches a full-text engine as an operator.
_WORD = re.compile(r"[^\W_]+")


def words(query: str) -> list[str]:
    """The distinct words of `query`, lower-cased, in their order, at most MAX_WORDS of at most
    MAX_WORD_LENGTH characters each. (Accents stay: PostgreSQL's 'simple' configuration keeps
    them too, so both databases see the same words.)"""
    found: list[str] = []
    for word in _WORD.findall(unicodedata.normalize("NFC", query).lower()):
        word = word[:MAX_WORD_LENGTH]
        if word not in found:
            found.append(word)
        if len(found) == MAX_WORDS:
            break
    return found


def allowed_edits(word: str) -> int:
    """How many typing mistakes a word may hold and still be corrected: one in a short word,
    two from eight letters on, none below MIN_CORRECTABLE_LENGTH."""
    if len(word) < MIN_CORRECTABLE_LENGTH:
        return 0
    return 1 if len(word) < 8 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance between `a` and `b` (insertions, deletions,
    substitutions and swaps of two neighbouring letters each count 1), or `limit + 1` as soon
    as it is certain to exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if before is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, before[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def closest(word: str, vocabulary: Iterable[str]) -> str | None:
    """The vocabulary word nearest to `word` within allowed_edits(word), or None. Ties go to
    the word with the same first letter, then the shorter one, then alphabetical order, so the
    answer never depends on the order of the vocabulary."""
    limit = allowed_edits(word)
    if limit == 0:
        return None
    best: tuple[int, int, int, str] | None = None
    for candidate in vocabulary:
        if candidate == word:
            return word
        distance = edit_distance(word, candidate, limit)
        if distance > limit:
            continue
        key = (distance, 0 if candidate[:1] == word[:1] else 1, len(candidate), candidate)
        if best is None or key < best:
            best = key
    return best[3] if best else None


def length_window(word: str) -> tuple[int, int]:
    """The lengths a correction of `word` can have (for the database to pre-filter)."""
    limit = allowed_edits(word)
    return max(1, len(word) - limit), len(word) + limit
