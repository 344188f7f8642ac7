"""What every blueprint's views share: turning a service's domain error into a response.

A view calls its one service inside `domain_errors()`; a refusal is shown next to the field it
names, or flashed at the top of the page, and the view carries on with the outcome:

    with domain_errors(form) as outcome:
        order = services.place_order(...)
    if outcome:
        flash(_("Your order %(number)s is placed.", number=order.number), "success")
        return redirect(url_for("orders.order_detail", number=order.number))
    return render_template(..., form=form)
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import flash
from flask_wtf import FlaskForm

from marketplace.errors import DomainError


@dataclass
class Outcome:
    """What became of the service call: true when it went through, else `error` says why."""

    error: DomainError | None = None

    def __bool__(self) -> bool:
        return self.error is None


def show_domain_error(
    form: FlaskForm | None, error: DomainError, *, category: str = "danger", prefix: str = ""
) -> None:
    """Put a service's DomainError next to the field it names, or flash it at the top."""
    show_error = getattr(form, "show_error", None)
    if show_error is not None and show_error(error.field, error.message):
        return
    flash(f"{prefix}{error.message}", category)


@contextmanager
def domain_errors(
    form: FlaskForm | None = None, *, category: str = "danger", prefix: str = ""
) -> Iterator[Outcome]:
    """Run a service call; a DomainError it raises is shown (see show_domain_error) and kept
    on the yielded Outcome instead of propagating. `prefix` goes before a flashed message."""
    outcome = Outcome()
    try:
        yield outcome
    except DomainError as error:
        outcome.error = error
        show_domain_error(form, error, category=category, prefix=prefix)
