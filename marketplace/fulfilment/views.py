from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from marketplace.cooperatives.access import get_cooperative_for_admin
from marketplace.errors import DomainError
from marketplace.fulfilment import services
from marketplace.orders.access import get_order_for_admin
from marketplace.orders.models import OrderStatus

bp = Blueprint("fulfilment", __name__)


@bp.route("/kelola/<slug>/pesanan/<number>/alokasi", methods=["GET", "POST"])
def allocate(slug: str, number: str):
    """Show the engine's proposed split of a confirmed order; POST publishes it to members."""
    coop = get_cooperative_for_admin(slug, current_user)
    order = get_order_for_admin(coop, number)
    form = FlaskForm()
    if order.status != OrderStatus.CONFIRMED:
        flash(_("Only a confirmed order can be allocated."), "warning")
        return redirect(url_for("orders.manage_order", slug=slug, number=number))
    if form.validate_on_submit():
        try:
            services.publish_allocation(order, current_user)
        except DomainError as exc:
            flash(exc.message, "danger")
        else:
            flash(_("The work is assigned to members."), "success")
            return redirect(url_for("orders.manage_order", slug=slug, number=number))
    proposals = services.propose_allocation(order)
    return render_template(
        "fulfilment/allocate.html", coop=coop, order=order, proposals=proposals, form=form
    )


@bp.get("/pekerjaan/")
def my_work():
    page = services.work_for_user(
        current_user, request.args.get("page", 1, type=int), current_app.config["PAGE_SIZE"]
    )
    return render_template("fulfilment/my_work.html", page=page)
