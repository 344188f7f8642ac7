"""URL slugs from names (pure)."""

import re
import unicodedata
from collections.abc import Iterable


def slugify(text: str, *, max_length: int = 100, fallback: str = "item") -> str:
    """ASCII lowercase words joined by hyphens: "Koperasi Boneka" -> "koperasi-boneka"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or fallback


def first_free(base: str, taken: Iterable[str]) -> str:
    """`base`, or `base-2`, `base-3`, ... whichever is not taken yet."""
    taken = set(taken)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
