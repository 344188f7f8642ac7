"""Amounts in Indonesian words ("terbilang"), as invoices and receipts carry them (pure).

    terbilang(5_000_000) == "lima juta"
    rupiah_in_words(1_500_000) == "satu juta lima ratus ribu rupiah"

"se-" stands for "satu" before belas, puluh, ratus and ribu (sebelas, sepuluh, seratus, seribu)
but not before juta and larger (satu juta): that is how the words are written on documents.
"""

_ONES = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
# Largest first. Each scale word takes a group of up to three digits (below one thousand).
_SCALES = (
    (10**15, "kuadriliun"),
    (10**12, "triliun"),
    (10**9, "miliar"),
    (10**6, "juta"),
    (10**3, "ribu"),
)
LIMIT = 10**18  # one trillion trillion would need words nobody prints on an invoice


def terbilang(n: int) -> str:
    """`n` (an int, |n| < 10^18) in Indonesian words; ValueError for anything else."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValueError("terbilang takes an int.")
    if not -LIMIT < n < LIMIT:
        raise ValueError("Amount too large to write in words.")
    if n == 0:
        return _ONES[0]
    if n < 0:
        return "minus " + terbilang(-n)
    words: list[str] = []
    for size, name in _SCALES:
        group, n = divmod(n, size)
        if group == 1 and size == 1000:
            words.append("seribu")
        elif group:
            words += [_below_thousand(group), name]
    if n:
        words.append(_below_thousand(n))
    return " ".join(words)


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = []
    if hundreds:
        words.append("seratus" if hundreds == 1 else f"{_ONES[hundreds]} ratus")
    if rest:
        words.append(_below_hundred(rest))
    return " ".join(words)


def _below_hundred(n: int) -> str:
    if n < 10:
        return _ONES[n]
    if n == 10:
        return "sepuluh"
    if n == 11:
        return "sebelas"
    if n < 20:
        return f"{_ONES[n - 10]} belas"
    tens, ones = divmod(n, 10)
    return f"{_ONES[tens]} puluh" + (f" {_ONES[ones]}" if ones else "")


def rupiah_in_words(amount: int) -> str:
    """ "lima juta rupiah": the amount as written on an Indonesian invoice or receipt."""
    return f"{terbilang(amount)} rupiah"
