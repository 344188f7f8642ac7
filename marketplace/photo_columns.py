"""The columns every stored photo has, wherever it belongs (a product, a cooperative), and its
owner's gallery of them."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, Relationship, mapped_column, relationship


class PhotoColumns:
    """Public storage keys of the photo and its thumbnail, what it shows, and its place in its
    owner's gallery (0 first)."""

    key: Mapped[str] = mapped_column(String(80), unique=True)
    thumb_key: Mapped[str] = mapped_column(String(80), unique=True)
    alt_text: Mapped[str] = mapped_column(String(160), default="")
    position: Mapped[int] = mapped_column(default=0)


def gallery(photo_model: str) -> Relationship:
    """The owner's photos in gallery order (by position, then as added); they go with it."""
    return relationship(
        order_by=f"({photo_model}.position, {photo_model}.id)", cascade="all, delete-orphan"
    )
