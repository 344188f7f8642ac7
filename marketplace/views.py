"""What every blueprint's views share: turning a service's domain error into a response.

A view calls its one service inside `domain_errors()`; a refusal is shown next to the field it
names, or flashed at the top of the page, and the view carries on with the outcome:

    with domain_errors(form) as outcome:
        order = services.place_order(...)
    if outcome:
        flash(_("Your order %(number)s is placed.", number=order.number), "success")
        return redirect(url_for("orders.order_detail", number=order.number))
    return render_template(..., form=form)

A button that changes one thing and goes back to a page is one call:

    return act(AnswerForm(), lambda: services.accept_assignment(a, current_user),
               done=_("You accepted the work. Thank you!"), back=url_for(...))
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from flask import flash, redirect
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

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


def act(
    form: FlaskForm | None,
    action: Callable[[], Any],
    *,
    done: str | Callable[[Any], str],
    back: str,
    category: str = "success",
) -> Response:
    """Validate the button's form (None: nothing to validate), run the service, flash `done`
    (a message, or a function of the service's result) or the refusal, and redirect to `back`.
    An invalid form (a stale CSRF token) changes nothing and says nothing, as before."""
    if form is None or form.validate_on_submit():
        with domain_errors() as outcome:
            result = action()
        if outcome:
            flash(done(result) if callable(done) else done, category)
    return redirect(back)
