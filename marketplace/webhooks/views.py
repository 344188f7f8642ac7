"""A user's webhook endpoints under My account: list, add, edit, the secret, a test event,
enable again, delete, and each endpoint's delivery log."""

from flask import redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from marketplace.db import utcnow
from marketplace.forms import BaseForm
from marketplace.url_params import page_number
from marketplace.views import act, post_route, submit
from marketplace.webhooks import policy, queries, services
from marketplace.webhooks.access import endpoints_of, get_endpoint_for_owner
from marketplace.webhooks.blueprint import bp
from marketplace.webhooks.forms import EVENT_LABELS, EndpointForm
from marketplace.webhooks.models import TEST_EVENT, WebhookEndpoint

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


def _save_page(endpoint: WebhookEndpoint | None) -> ResponseReturnValue:
    """The add (endpoint None) and edit form: saved, it goes to the endpoint's page."""
    form = EndpointForm()
    if endpoint is not None and not form.is_submitted():
        form.fill_from(endpoint)
    saved = submit(
        form,
        lambda: (
            services.register(current_user, form.endpoint())
            if endpoint is None
            else services.update(endpoint, current_user, form.endpoint())
        ),
        done=_("Endpoint saved. Use its signing secret to check each delivery."),
    )
    if saved:
        return redirect(url_for("webhooks.detail", endpoint_id=saved.result.id))
    return render_template("webhooks/form.html", form=form, endpoint=endpoint)


@bp.route("/akun/webhook/baru", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    return _save_page(None)


@bp.get("/akun/webhook/<int:endpoint_id>")
def detail(endpoint_id: int) -> ResponseReturnValue:
    endpoint = get_endpoint_for_owner(endpoint_id, current_user)
    return _endpoint_page(
        endpoint,
        "webhooks/detail.html",
        deliveries=queries.recent_deliveries(endpoint),
        previous_until=endpoint.previous_signs_until(utcnow()),
        overlap_hours=policy.SECRET_OVERLAP_HOURS,
        form=BaseForm(),
    )


def _endpoint_page(endpoint: WebhookEndpoint, template: str, **context) -> str:
    """A page of one endpoint, with the words for its events, deliveries and errors."""
    return render_template(template, endpoint=endpoint, **context, **_labels())


@bp.route("/akun/webhook/<int:endpoint_id>/ubah", methods=["GET", "POST"])
def edit(endpoint_id: int) -> ResponseReturnValue:
    return _save_page(get_endpoint_for_owner(endpoint_id, current_user))


@bp.get("/akun/webhook/<int:endpoint_id>/log")
def log(endpoint_id: int) -> ResponseReturnValue:
    endpoint = get_endpoint_for_owner(endpoint_id, current_user)
    page = queries.delivery_log(endpoint, page_number())
    return _endpoint_page(endpoint, "webhooks/log.html", page=page)


def _button(name: str, path: str, service, done) -> None:
    """A button of an endpoint's page: POST /akun/webhook/<id>/<path> runs `service` on the
    owner's endpoint, says `done` and goes back (to the list once the endpoint is deleted)."""
    deletes = service is services.remove

    def view(endpoint_id: int) -> ResponseReturnValue:
        endpoint = get_endpoint_for_owner(endpoint_id, current_user)
        back = "webhooks.index" if deletes else "webhooks.detail"
        return act(
            BaseForm(),
            lambda: service(endpoint, current_user),
            done=str(done),
            back=url_for(back, endpoint_id=None if deletes else endpoint_id),
            category="info" if deletes else "success",
        )

    post_route(bp, f"/akun/webhook/<int:endpoint_id>/{path}", name, view)


_button(
    "rotate",
    "rahasia",
    services.rotate_secret,
    _l(
        "A new signing secret is made; the old one also signs deliveries for %(hours)s more hours.",
        hours=policy.SECRET_OVERLAP_HOURS,
    ),
)
_button(
    "rotate_now",
    "rahasia-sekarang",
    services.rotate_secret_now,
    _l("A new signing secret is made; the old one no longer signs deliveries."),
)
_button(
    "send_test", "uji", services.send_test, _l("Test event sent: its result is in the log below.")
)
_button(
    "enable",
    "aktifkan",
    services.enable,
    _l("Endpoint enabled: waiting deliveries are tried again."),
)
_button("delete", "hapus", services.remove, _l("Endpoint deleted."))
