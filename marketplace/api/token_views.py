"""Pages outside /api/: the account page's API tokens and the API documentation page."""

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    send_from_directory,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from openapi_ui_bundles import swagger_ui

from marketplace.accounts.access import public
from marketplace.api import tokens
from marketplace.api.access import get_token_of, tokens_of
from marketplace.api.forms import TokenForm
from marketplace.forms import BaseForm
from marketplace.views import act, domain_errors

bp = Blueprint("api_tokens", __name__)

# Of the installed Swagger UI (openapi-ui-bundles, Apache-2.0): what the docs page loads.
SWAGGER_UI_FILES = frozenset({"swagger-ui-bundle.js", "swagger-ui.css"})


@bp.app_context_processor
def inject_tokens() -> dict:
    """The account page shows the tokens (accounts sits below this package)."""
    return {"api_tokens_of": tokens_of}


def _page(form: TokenForm, secret: str | None = None, status: int = 200):
    response = make_response(
        render_template(
            "api/tokens.html",
            form=form,
            button_form=BaseForm(),
            tokens=tokens_of(current_user),
            secret=secret,
            scope_labels={"read": _("Read"), "write": _("Write")},
        ),
        status,
    )
    response.headers["Cache-Control"] = "no-store"  # the secret is shown once
    return response


SENT_FORMS_KEPT = 10  # the forms of this browser that made a token, newest last


@bp.route("/akun/token-api", methods=["GET", "POST"])
def index() -> ResponseReturnValue:
    form = TokenForm()
    if form.validate_on_submit():
        nonce = form.nonce.data or ""
        if nonce and nonce in session.get("api_token_forms", []):
            flash(_("That token was made already and its secret shown once. If you did not copy "
                    "it, revoke it and make a new one."), "info")  # fmt: skip
            return redirect(url_for("api_tokens.index"))
        with domain_errors(form) as outcome:
            _token, secret = tokens.create_token(current_user, form.name.data, form.scopes())
        if outcome:
            if nonce:
                sent = [*session.get("api_token_forms", []), nonce]
                session["api_token_forms"] = sent[-SENT_FORMS_KEPT:]
            flash(_("Token created. Copy it now: it is shown only once."), "success")
            return _page(TokenForm(formdata=None), secret=secret)
    return _page(form, status=422 if form.is_submitted() else 200)


@bp.post("/akun/token-api/<int:token_id>/cabut")
def revoke(token_id: int) -> ResponseReturnValue:
    token = get_token_of(current_user, token_id)
    return act(
        BaseForm(),
        lambda: tokens.revoke_token(token, current_user),
        done=_("Token %(name)s revoked.", name=token.name),
        back=url_for("api_tokens.index"),
    )


@bp.get("/dokumentasi-api")
@public
def docs() -> ResponseReturnValue:
    """Swagger UI from the installed swagger-ui-bundle package, started by a static script."""
    return render_template("api/docs.html")


@bp.get("/dokumentasi-api/aset/<path:filename>")
@public
def docs_asset(filename: str) -> ResponseReturnValue:
    if filename not in SWAGGER_UI_FILES:
        abort(404)
    return send_from_directory(swagger_ui.static_path, filename, max_age=86400)
