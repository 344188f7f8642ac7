"""A user's webhook endpoints under My account: list, add, edit, the secret, a test event,
enable again, delete, and each endpoint's delivery log."""

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from marketplace.forms import BaseForm
from marketplace.url_params import page_number
from marketplace.views import act, domain_errors
from marketplace.webhooks import queries, services
from marketplace.webhooks.access import endpoints_of, get_endpoint_for_owner
from marketplace.webhooks.blueprint import bp
from marketplace.webhooks.forms import EVENT_LABELS, EndpointForm
from marketplace.webhooks.models import TEST_EVENT

DELIVERY_STATUS_LABELS = {
    "pending": _l("Waiting to be tried again"),
    "delivered": _l("Delivered"),
    "failed": _l("Given up"),
}
ERROR_LABELS = {
    "timeout": _l("No answer within 5 seconds"),
    "connection": _l("Could not connect"),
    "refused_address": _l("Address refused (private network)"),
}


def _labels() -> dict:
    events = {str(event): label for event, label in EVENT_LABELS.items()}
    events[TEST_EVENT] = _l("Test event")
    return {
        "event_labels": events,
        "delivery_status_labels": DELIVERY_STATUS_LABELS,
        "error_labels": ERROR_LABELS,
    }


@bp.get("/akun/webhook")
def index() -> ResponseReturnValue:
    return render_template("webhooks/index.html", endpoints=endpoints_of(current_user), **_labels())


@bp.route("/akun/webhook/baru", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    form = EndpointForm()
    if form.validate_on_submit():
        with domain_errors(form) as outcome:
            endpoint = services.register(current_user, form.endpoint())
        if outcome:
            flash(_("Endpoint added. Use its signing secret to check each delivery."), "success")
            return redirect(url_for("webhooks.detail", endpoint_id=endpoint.id))
    return render_template("webhooks/form.html", form=form, endpoint=None)


@bp.get("/akun/webhook/<int:endpoint_id>")
def detail(endpoint_id: int) -> ResponseReturnValue:
    endpoint = get_endpoint_for_owner(endpoint_id, current_user)
    return render_template(
        "webhooks/detail.html",
        endpoint=endpoint,
        deliveries=queries.recent_deliveries(endpoint),
        form=BaseForm(),
        **_labels(),
    )


@bp.route("/akun/webhook/<int:endpoint_id>/ubah", methods=["GET", "POST"])
def edit(endpoint_id: int) -> ResponseReturnValue:
    endpoint = get_endpoint_for_owner(endpoint_id, current_user)
    form = EndpointForm()
    if not form.is_submitted():
        form.fill_from(endpoint)
    if form.validate_on_submit():
        with domain_errors(form) as outcome:
            services.update(endpoint, current_user, form.endpoint())
        if outcome:
            flash(_("Endpoint saved."), "success")
            return redirect(url_for("webhooks.detail", endpoint_id=endpoint.id))
    return render_template("webhooks/form.html", form=form, endpoint=endpoint)


@bp.get("/akun/webhook/<int:endpoint_id>/log")
def log(endpoint_id: int) -> ResponseReturnValue:
    endpoint = get_endpoint_for_owner(endpoint_id, current_user)
    page = queries.delivery_log(endpoint, page_number())
    return render_template("webhooks/log.html", endpoint=endpoint, page=page, **_labels())


def _back(endpoint_id: int) -> str:
    return url_for("webhooks.detail", endpoint_id=endpoint_id)


@bp.post("/akun/webhook/<int:endpoint_id>/rahasia")
def rotate(endpoint_id: int) -> ResponseReturnValue:
    endpoint = get_endpoint_for_owner(endpoint_id, current_user)
    return act(
        BaseForm(),
        lambda: services.rotate_secret(endpoint, current_user),
        done=_("A new signing secret is made; the old one no longer signs deliveries."),
        back=_back(endpoint_id),
    )


@bp.post("/akun/webhook/<int:endpoint_id>/uji")
def send_test(endpoint_id: int) -> ResponseReturnValue:
    endpoint = get_endpoint_for_owner(endpoint_id, current_user)
    return act(
        BaseForm(),
        lambda: services.send_test(endpoint, current_user),
        done=_("Test event sent: its result is in the log below."),
        back=_back(endpoint_id),
    )


@bp.post("/akun/webhook/<int:endpoint_id>/aktifkan")
def enable(endpoint_id: int) -> ResponseReturnValue:
    endpoint = get_endpoint_for_owner(endpoint_id, current_user)
    return act(
        BaseForm(),
        lambda: services.enable(endpoint, current_user),
        done=_("Endpoint enabled: waiting deliveries are tried again."),
        back=_back(endpoint_id),
    )


@bp.post("/akun/webhook/<int:endpoint_id>/hapus")
def delete(endpoint_id: int) -> ResponseReturnValue:
    endpoint = get_endpoint_for_owner(endpoint_id, current_user)
    return act(
        BaseForm(),
        lambda: services.remove(endpoint, current_user),
        done=_("Endpoint deleted."),
        back=url_for("webhooks.index"),
        category="info",
    )
