"""Column factories and checks the models share (below them: it imports no model)."""

from enum import StrEnum

from sqlalchemy import CheckConstraint, false, true
from sqlalchemy.orm import MappedColumn, mapped_column
from sqlalchemy.sql.elements import ColumnElement


def defaulted(value: bool | int | str, *args, **kwargs) -> MappedColumn:
    """A column that is `value` unless set: the ORM's default and the database's own DEFAULT
    (for rows a migration or plain SQL writes) are the same value. The type comes after the
    value, where the annotation does not give it (`defaulted("", String(60))`)."""
    return mapped_column(*args, default=value, server_default=_sql_default(value), **kwargs)


def _sql_default(value: bool | int | str) -> ColumnElement | str:
    if isinstance(value, bool):
        return true() if value else false()
    return value.value if isinstance(value, StrEnum) else str(value)


def positive(column: str, name: str = "") -> CheckConstraint:
    """The check that `column` is above 0, named `<column>_positive` unless `name` says."""
    return CheckConstraint(f"{column} > 0", name=name or f"{column}_positive")


def nonnegative(column: str, name: str = "") -> CheckConstraint:
    """The check that `column` is 0 or more, named `<column>_nonnegative` unless `name` says."""
    return CheckConstraint(f"{column} >= 0", name=name or f"{column}_nonnegative")


def at_least_one(column: str, name: str = "") -> CheckConstraint:
    """The check that a count is 1 or more, named `<column>_positive` unless `name` says."""
    return CheckConstraint(f"{column} >= 1", name=name or f"{column}_positive")
