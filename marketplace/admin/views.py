from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.access import platform_admin_required
from marketplace.admin import services
from marketplace.admin.forms import RejectForm, VerifyForm
from marketplace.errors import DomainError
from marketplace.url_params import page_number

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _load(coop_id: int):
    coop = services.find_cooperative(coop_id)
    if coop is None:
        abort(404)
    return coop


@bp.get("/koperasi")
@platform_admin_required
def cooperatives():
    status = request.args.get("status") or None
    if status not in services.STATUS_FILTERS:
        status = None
    page = services.cooperatives_page(status, page_number())
    return render_template(
        "admin/cooperatives.html",
        page=page,
        status=status,
        statuses=services.STATUS_FILTERS,
        verify_form=VerifyForm(),
    )


@bp.get("/koperasi/<int:coop_id>")
@platform_admin_required
def cooperative(coop_id):
    coop = _load(coop_id)
    return _render_detail(coop, RejectForm())


def _render_detail(coop, reject_form):
    return render_template(
        "admin/cooperative.html",
        coop=coop,
        admins=services.cooperative_admins(coop),
        verify_form=VerifyForm(),
        reject_form=reject_form,
    )


@bp.post("/koperasi/<int:coop_id>/verifikasi")
@platform_admin_required
def verify(coop_id):
    coop = _load(coop_id)
    if VerifyForm().validate_on_submit():
        try:
            services.verify_cooperative(coop, current_user)
        except DomainError as error:
            flash(str(error.message), "danger")
        else:
            flash(_("%(name)s is verified and in the catalogue.", name=coop.name), "success")
    return redirect(url_for("admin.cooperatives"))


@bp.post("/koperasi/<int:coop_id>/tolak")
@platform_admin_required
def reject(coop_id):
    coop = _load(coop_id)
    form = RejectForm()
    if not form.validate_on_submit():
        return _render_detail(coop, form)
    try:
        services.reject_cooperative(coop, current_user, form.reason.data)
    except DomainError as error:
        flash(str(error.message), "danger")
        return redirect(url_for("admin.cooperative", coop_id=coop.id))
    flash(_("%(name)s is rejected.", name=coop.name), "success")
    return redirect(url_for("admin.cooperatives"))
