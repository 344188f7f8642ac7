from collections.abc import Callable

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.access import platform_admin_required
from marketplace.admin import queries, services
from marketplace.admin.access import get_cooperative
from marketplace.admin.forms import ReinstateForm, RejectForm, SuspendForm, VerifyForm
from marketplace.cooperatives.models import Cooperative
from marketplace.forms import BaseForm
from marketplace.url_params import page_number
from marketplace.views import act, domain_errors, post_route

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/koperasi")
@platform_admin_required
def cooperatives() -> ResponseReturnValue:
    status = request.args.get("status") or None
    if status not in queries.STATUS_FILTERS:
        status = None
    page = queries.cooperatives_page(status, page_number())
    return render_template(
        "admin/cooperatives.html",
        page=page,
        status=status,
        statuses=queries.STATUS_FILTERS,
        verify_form=VerifyForm(),
    )


@bp.get("/koperasi/<int:coop_id>")
@platform_admin_required
def cooperative(coop_id: int) -> ResponseReturnValue:
    return _render_detail(get_cooperative(coop_id))


def _render_detail(coop: Cooperative, **forms: BaseForm) -> str:
    return render_template(
        "admin/cooperative.html",
        coop=coop,
        admins=queries.cooperative_admins(coop),
        verify_form=VerifyForm(),
        reject_form=forms.get("reject_form") or RejectForm(formdata=None),
        suspend_form=forms.get("suspend_form") or SuspendForm(formdata=None),
        reinstate_form=forms.get("reinstate_form") or ReinstateForm(formdata=None),
    )


@bp.post("/koperasi/<int:coop_id>/verifikasi")
@platform_admin_required
def verify(coop_id: int) -> ResponseReturnValue:
    coop = get_cooperative(coop_id)
    return act(
        VerifyForm(),
        lambda: services.verify_cooperative(coop, current_user),
        done=_verified,
        back=url_for("admin.cooperatives"),
    )


def _verified(coop: Cooperative) -> str:
    if queries.has_published_products(coop):
        return _("%(name)s is verified and in the catalogue.", name=coop.name)
    return _(
        "%(name)s is verified. It will show in the catalogue once it publishes products.",
        name=coop.name,
    )


def _decide_with_reason(
    coop: Cooperative, form_name: str, form: BaseForm, decide: Callable, done: str
) -> ResponseReturnValue:
    """Validate a reason form, call the deciding service, and answer the way all three do."""
    if not form.validate_on_submit():
        return _render_detail(coop, **{form_name: form})
    with domain_errors() as outcome:
        decide(coop, current_user, form.reason.data)
    if not outcome:
        return redirect(url_for("admin.cooperative", coop_id=coop.id))
    flash(done, "success")
    return redirect(url_for("admin.cooperatives"))


def _decision(
    name: str, path: str, form: type[BaseForm], decide: Callable, done: Callable[[str], str]
) -> None:
    """A decision with a reason on a cooperative's page: POST /admin/koperasi/<id>/<path> (the
    endpoint `admin.<name>`, its form `<name>_form` on the page) runs `decide` and says
    `done(the cooperative's name)`."""

    @platform_admin_required
    def view(coop_id: int) -> ResponseReturnValue:
        coop = get_cooperative(coop_id)
        return _decide_with_reason(coop, f"{name}_form", form(), decide, done(coop.name))

    post_route(bp, f"/koperasi/<int:coop_id>/{path}", name, view)


_decision(
    "reject",
    "tolak",
    RejectForm,
    services.reject_cooperative,
    lambda name: _("%(name)s is rejected.", name=name),
)
_decision(
    "suspend",
    "tangguhkan",
    SuspendForm,
    services.suspend_cooperative,
    lambda name: _("%(name)s is suspended and its admins are told why.", name=name),
)
_decision(
    "reinstate",
    "pulihkan",
    ReinstateForm,
    services.reinstate_cooperative,
    lambda name: _("%(name)s is reinstated and takes orders again.", name=name),
)
