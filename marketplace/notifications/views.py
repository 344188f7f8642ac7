from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from marketplace.notifications import queries, services
from marketplace.url_params import page_number

bp = Blueprint("notifications", __name__)


@bp.get("/notifikasi/")
def index() -> ResponseReturnValue:
    page = queries.notifications_page(current_user, page_number())
    return render_template(
        "notifications/index.html", page=page, message=services.message, form=FlaskForm()
    )


@bp.post("/notifikasi/baca")
def mark_read() -> ResponseReturnValue:
    if FlaskForm().validate_on_submit():
        services.mark_all_read(current_user)
        flash(_("All notifications are marked as read."), "info")
    return redirect(url_for("notifications.index"))
