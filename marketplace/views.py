"""What every blueprint's views share: turning a service's domain error into a response, the
sequence of a form that runs one service (submit, act), files to download, member pages.

A view calls its one service inside `domain_errors()`; a refusal is shown next to the field it
names, or flashed at the top of the page, and the view carries on with the outcome:

    with domain_errors(form) as outcome:
        order = services.place_order(...)
    if outcome:
        flash(_("Your order %(number)s is placed.", number=order.number), "success")
        return redirect(url_for("orders.order_detail", number=order.number))
    return render_template(..., form=form)

A form whose valid submission runs one service and flashes one message is one condition:

    if submit(form, lambda: profile.set_logo(coop, current_user, form.upload()),
              done=_("The logo is saved.")):
        return redirect(_back(coop))
    return _page(coop, 400, logo_form=form)

A button that changes one thing and goes back to a page is one call:

    return act(AnswerForm(), lambda: services.accept_assignment(a, current_user),
               done=_("You accepted the work. Thank you!"), back=url_for(...))
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request
from flask_wtf import FlaskForm

from marketplace.errors import DomainError

DOWNLOAD_TYPES = {
    "csv": "text/csv",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class Outcome:
    """What became of the service call: true when it went through, else `error` says why."""

    error: DomainError | None = None
    ran: bool = True
    result: Any = None

    def __bool__(self) -> bool:
        return self.ran and self.error is None


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


@contextmanager
def undone_if_refused(undo: Callable[[], None]) -> Iterator[None]:
    """Run the block; when a service refuses in it (a DomainError), `undo()` first, e.g. delete
    the files stored for the refused call. The error goes on to domain_errors()."""
    try:
        yield
    except DomainError:
        undo()
        raise


def submit(
    form: FlaskForm | None,
    action: Callable[[], Any],
    *,
    done: str | Callable[[Any], str],
    category: str = "success",
    errors_on_form: bool = True,
    prefix: str = "",
) -> Outcome:
    """Validate the form (None: nothing to validate) and, when it is valid, run the service
    inside domain_errors(form) and flash `done` (a message, or a function of the service's
    result). The Outcome is true when the service went through and holds its `result`; it is
    false for an invalid form (nothing ran) or a refusal, shown as domain_errors shows it: next
    to the form's field it names (flashed instead when not `errors_on_form`), after `prefix`."""
    if form is not None and not form.validate_on_submit():
        return Outcome(ran=False)
    with domain_errors(form if errors_on_form else None, prefix=prefix) as outcome:
        outcome.result = action()
    if outcome:
        flash(done(outcome.result) if callable(done) else done, category)
    return outcome


def form_status() -> int:
    """The status of a page with a form: 400 when a sent form is shown again (it was invalid
    or refused), 200 when the page is first shown."""
    return 400 if request.method == "POST" else 200


def post_route(bp: Blueprint, rule: str, name: str, view: Callable[..., Any]) -> None:
    """Register `view` as the POST endpoint `<blueprint>.<name>` at `rule`: for the buttons a
    blueprint makes from a table (one function, many near-alike endpoints)."""
    view.__name__ = name
    bp.add_url_rule(rule, name, view_func=view, methods=["POST"])


def flash_field_errors(form: FlaskForm, prefix: str = "") -> None:
    """Flash the first error of each invalid field, after `prefix` (for a form whose page is
    not shown again, so its errors cannot stand next to the fields)."""
    for errors in form.errors.values():
        flash(f"{prefix}{errors[0]}", "danger")


def act(
    form: FlaskForm | None,
    action: Callable[[], Any],
    *,
    done: str | Callable[[Any], str],
    back: str,
    category: str = "success",
    prefix: str = "",
    invalid: str | Callable[[], None] | None = None,
) -> Response:
    """Validate the button's form (None: nothing to validate), run the service, flash `done`
    (a message, or a function of the service's result) or the refusal (after `prefix`), and
    redirect to `back`. An invalid form changes nothing and says `invalid` (a message, or a
    function that flashes, such as the fields' errors); by default nothing, as for a button
    whose only field is a stale CSRF token."""
    outcome = submit(
        form, action, done=done, category=category, errors_on_form=False, prefix=prefix
    )
    if not outcome.ran and invalid is not None:
        if callable(invalid):
            invalid()
        else:
            flash(invalid, "danger")
    return redirect(back)


def download(body: Any, filename: str, *, inline: bool = False) -> Response:
    """A file (bytes, text or an iterable of lines) for the browser to save as `filename`, or,
    `inline`, to show in the tab; its type follows the name's ending (csv, pdf, xlsx)."""
    disposition = "inline" if inline else "attachment"
    return Response(
        body,
        mimetype=DOWNLOAD_TYPES[filename.rpartition(".")[2]],
        headers={"Content-Disposition": f'{disposition}; filename="{filename}"'},
    )


def member_page(membership: Any, template: str, **context: Any) -> str:
    """A page of a member's own area (/anggota/<slug>/...): the membership and its cooperative."""
    return render_template(template, membership=membership, coop=membership.cooperative, **context)
