"""The columns every stored photo has, wherever it belongs (a product, a cooperative)."""

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column


class PhotoColumns:
    """Public storage keys of the photo and its thumbnail, what it shows, and its place in its
    owner's gallery (0 first)."""

    key: Mapped[str] = mapped_column(String(80), unique=True)
    thumb_key: Mapped[str] = mapped_column(String(80), unique=True)
    alt_text: Mapped[str] = mapped_column(String(160), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
