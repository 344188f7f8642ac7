"""Declarative base with a constraint naming convention, and shared column types."""

from datetime import UTC, datetime

from sqlalchemy import BigInteger, DateTime, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, registry
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Primary and foreign keys are INTEGER columns: 32-bit on PostgreSQL, which refuses to compare
# them with anything larger ("integer out of range"). No id a request carries may exceed this.
MAX_ID = 2**31 - 1

# Whole rupiah. BigInteger: a large order can pass 2^31 rupiah (about Rp2,1 billion).
Money = BigInteger


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given; use UTC-aware datetimes")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    """Every table's key is an INTEGER `id`, its first column; a `Mapped[datetime]` column is
    a UTCDateTime (int, bool and date columns need no type either: Integer, Boolean, Date)."""

    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime},
    )

    # First, before the class's own columns (a mixin's would come after them): the order the
    # migrations made, and the one the admin's table exports list.
    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-1)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
