from collections.abc import Callable

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from marketplace.cooperatives.access import get_cooperative_for_admin
from marketplace.forms import BaseForm
from marketplace.fulfilment import services
from marketplace.fulfilment.access import (
    get_assignment_for_admin,
    get_assignment_for_member,
    get_line_for_admin,
)
from marketplace.fulfilment.forms import (
    AnswerForm,
    DeclineForm,
    HandAssignForm,
    ProgressForm,
    QualityControlForm,
    allocation_form,
    policy_field_name,
    share_field_name,
)
from marketplace.fulfilment.models import Assignment
from marketplace.orders.access import get_order_for_admin
from marketplace.orders.models import OrderStatus
from marketplace.url_params import page_number
from marketplace.views import act, domain_errors, submit

bp = Blueprint("fulfilment", __name__)


def _order_page(slug: str, number: str) -> ResponseReturnValue:
    return redirect(url_for("orders.manage_order", slug=slug, number=number))


def _fill(form, proposals) -> None:
    """Put each proposal's policy and the engine's shares into the form."""
    for p in proposals:
        form[policy_field_name(p.line.id)].data = p.policy.value
        for c in p.candidates:
            field = form[share_field_name(p.line.id, c.membership.id)]
            field.data = p.allocation.shares.get(c.membership.id, 0)
            field.raw_data = None


def _mark_rejected_shares(form: BaseForm, error: services.SharesRejected) -> dict[int, str]:
    """Put each refused share's reason on its row; the per-line totals to show beside them."""
    for (line_id, member_id), message in error.rows.items():
        form[share_field_name(line_id, member_id)].errors = [message]
    return error.totals


@bp.route("/kelola/<slug>/pesanan/<number>/alokasi", methods=["GET", "POST"])
def allocate(slug: str, number: str) -> ResponseReturnValue:
    """The engine's proposed split of a confirmed order, for the admin to edit and publish."""
    coop = get_cooperative_for_admin(slug, current_user)
    order = get_order_for_admin(coop, number)
    if order.status != OrderStatus.CONFIRMED:
        flash(_("Only a confirmed order can be allocated."), "warning")
        return _order_page(slug, number)
    proposals = services.propose_allocation(order)
    form = allocation_form(proposals)
    totals: dict[int, str] = {}
    if request.method == "GET":
        _fill(form, proposals)
    elif form.validate_on_submit():
        plans = form.plans()
        if form.recalculate.data:
            proposals = services.propose_allocation(
                order, {line_id: policy for line_id, (policy, _s) in plans.items()}
            )
            _fill(form, proposals)
        else:
            with domain_errors(form) as outcome:
                services.publish_allocation(
                    order,
                    current_user,
                    {k: services.LinePlan(policy, shares) for k, (policy, shares) in plans.items()},
                )
            if outcome:
                flash(_("The work is offered to members; they are notified."), "success")
                return _order_page(slug, number)
            if isinstance(outcome.error, services.SharesRejected):
                totals = _mark_rejected_shares(form, outcome.error)
    return render_template(
        "fulfilment/allocate.html",
        coop=coop,
        order=order,
        proposals=proposals,
        form=form,
        totals=totals,
        share_field_name=share_field_name,
        policy_field_name=policy_field_name,
    )


@bp.post("/kelola/<slug>/pesanan/<number>/tawarkan-ulang")
def reoffer(slug: str, number: str) -> ResponseReturnValue:
    """Ask the engine again for units no member could take."""
    coop = get_cooperative_for_admin(slug, current_user)
    order = get_order_for_admin(coop, number)
    return act(
        AnswerForm(),
        lambda: services.reoffer_open_quantity(order, current_user),
        done=lambda placed: _("%(units)s units were offered to members.", units=placed),
        category="info",
        back=url_for("orders.manage_order", slug=slug, number=number),
    )


@bp.route("/kelola/<slug>/pesanan/<number>/baris/<int:line_id>/tugaskan", methods=["GET", "POST"])
def assign_by_hand(slug: str, number: str, line_id: int) -> ResponseReturnValue:
    """Give open units of a line to a chosen member, with the members who could take them."""
    coop = get_cooperative_for_admin(slug, current_user)
    order = get_order_for_admin(coop, number)
    line = get_line_for_admin(order, line_id)
    rows = services.hand_candidates(line)
    form = HandAssignForm()
    form.membership_id.choices = [(r.membership.id, r.membership.display_name) for r in rows]
    if request.method == "GET":
        form.quantity.data = services.open_units(line)
    if submit(
        form,
        lambda: services.assign_by_hand(
            order,
            current_user,
            services.HandAssignment(line.id, form.membership_id.data, form.quantity.data),
        ),
        done=_("The units are offered to the member; they are notified."),
    ):
        return _order_page(slug, number)
    return render_template(
        "fulfilment/assign_by_hand.html",
        coop=coop,
        order=order,
        line=line,
        rows=rows,
        open_units=services.open_units(line),
        form=form,
    )


@bp.route(
    "/kelola/<slug>/pesanan/<number>/penugasan/<int:assignment_id>/qc", methods=["GET", "POST"]
)
def quality_control(slug: str, number: str, assignment_id: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    order = get_order_for_admin(coop, number)
    assignment = get_assignment_for_admin(order, assignment_id)
    form = QualityControlForm()
    if request.method == "GET":
        form.accepted_quantity.data = assignment.quantity
        form.rejected_quantity.data = 0
    if submit(
        form,
        lambda: services.record_quality_control(
            assignment,
            current_user,
            form.accepted_quantity.data,
            form.rejected_quantity.data,
            form.qc_reason.data,
        ),
        done=_("Quality control recorded."),
    ):
        return _order_page(slug, number)
    return render_template(
        "fulfilment/quality_control.html", coop=coop, order=order, a=assignment, form=form
    )


@bp.get("/pekerjaan/")
def my_work() -> ResponseReturnValue:
    page = services.work_for_user(current_user, page_number())
    return render_template("fulfilment/my_work.html", page=page)


@bp.get("/pekerjaan/<int:assignment_id>")
def assignment_detail(assignment_id: int) -> ResponseReturnValue:
    assignment = get_assignment_for_member(assignment_id, current_user)
    return render_template(
        "fulfilment/assignment.html",
        a=assignment,
        answer_form=AnswerForm(),
        decline_form=DeclineForm(),
        progress_form=ProgressForm(),
    )


def _answer(
    assignment_id: int,
    form: FlaskForm,
    service: Callable[[Assignment], object],
    done: str,
    category: str = "success",
) -> ResponseReturnValue:
    """A button of the member's assignment page: run `service` on the member's own assignment,
    say `done` (or the refusal) and go back to the page."""
    assignment = get_assignment_for_member(assignment_id, current_user)
    back = url_for("fulfilment.assignment_detail", assignment_id=assignment_id)
    return act(form, lambda: service(assignment), done=done, back=back, category=category)


@bp.post("/pekerjaan/<int:assignment_id>/terima")
def accept(assignment_id: int) -> ResponseReturnValue:
    return _answer(
        assignment_id,
        AnswerForm(),
        lambda assignment: services.accept_assignment(assignment, current_user),
        _("You accepted the work. Thank you!"),
    )


@bp.post("/pekerjaan/<int:assignment_id>/tolak")
def decline(assignment_id: int) -> ResponseReturnValue:
    form = DeclineForm()
    return _answer(
        assignment_id,
        form,
        lambda assignment: services.decline_assignment(
            assignment, current_user, form.reason.data or ""
        ),
        _("You declined the work; it is offered to other members."),
        category="info",
    )


@bp.post("/pekerjaan/<int:assignment_id>/progres")
def progress(assignment_id: int) -> ResponseReturnValue:
    form = ProgressForm()
    return _answer(
        assignment_id,
        form,
        lambda assignment: services.report_progress(assignment, current_user, form.status.data),
        _("Progress saved."),
    )
