from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_user, logout_user

from marketplace.accounts import known_browsers, queries, recovery, services
from marketplace.accounts.access import public, safe_next
from marketplace.accounts.forms import (
    ForgotPasswordForm,
    LanguageForm,
    LoginForm,
    ResendVerificationForm,
    ResetPasswordForm,
    SignUpForm,
)
from marketplace.extensions import limiter
from marketplace.views import domain_errors

bp = Blueprint("accounts", __name__, url_prefix="/akun")


@bp.route("/daftar", methods=["GET", "POST"])
@public
@limiter.limit("20 per hour", methods=["POST"])
def signup() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("catalogue.index"))
    form = SignUpForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        with domain_errors(form) as outcome:
            user = services.register_user(
                email=form.email.data,
                password=form.password.data,
                name=form.name.data,
                phone=form.phone.data or None,
                locale=session.get("lang", "id"),
            )
        if outcome:
            login_user(user)
            recovery.send_verification(user)
            flash(_("Welcome, %(name)s! Your account is ready.", name=user.name), "success")
            return redirect(safe_next(form.next.data, url_for("catalogue.index")))
    return render_template("accounts/signup.html", form=form)


@bp.route("/masuk", methods=["GET", "POST"])
@public
@limiter.limit("10 per minute", methods=["POST"])
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("catalogue.index"))
    form = LoginForm(next=request.args.get("next", ""))
    if not form.validate_on_submit():
        return render_template("accounts/login.html", form=form)
    email = form.email.data
    attempt = services.log_in(
        email,
        form.password.data,
        address=request.remote_addr or "",
        known_browser=known_browsers.is_known(request, email),
    )
    if attempt.retry_after:
        minutes = -(-attempt.retry_after // 60)
        form.password.errors.append(
            ngettext(
                "Too many failed attempts for this account. Try again in %(num)d minute.",
                "Too many failed attempts for this account. Try again in %(num)d minutes.",
                minutes,
            )
        )
        return render_template("accounts/login.html", form=form), 429
    if attempt.user is None:
        form.password.errors.append(_("Wrong email or password."))
        return render_template("accounts/login.html", form=form)
    login_user(attempt.user)
    response = redirect(safe_next(form.next.data, url_for("accounts.dashboard")))
    return known_browsers.remember(response, email)


@bp.post("/keluar")
@public
def logout() -> ResponseReturnValue:
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("catalogue.index"))


@bp.post("/bahasa")
@public
def language() -> ResponseReturnValue:
    form = LanguageForm()
    if form.validate_on_submit():
        session["lang"] = form.lang.data
        if current_user.is_authenticated:
            services.set_locale(current_user, form.lang.data)
    return redirect(safe_next(form.next.data, url_for("catalogue.index")))


@bp.get("/bahasa")
@public
def choose_language() -> ResponseReturnValue:
    """The language switch of a visitor who is not logged in: a GET form without a CSRF token,
    so that public pages carry no per-visitor token and can be cached (marketplace/page_cache).
    Only this browser's session changes; a logged-in user's saved language is the POST's."""
    form = LanguageForm(formdata=request.args, meta={"csrf": False})
    if form.validate():
        session["lang"] = form.lang.data
    return redirect(safe_next(form.next.data, url_for("catalogue.index")))


@bp.get("/")
def dashboard() -> ResponseReturnValue:
    """The user's home: their cooperatives, as admin or member, and their orders."""
    memberships = queries.memberships_with_cooperatives(current_user)
    return render_template("accounts/dashboard.html", memberships=memberships)


@bp.app_context_processor
def inject_verification() -> dict:
    """Lets every page remind an unverified user, where mail is set up, to confirm the email."""

    def needs_verification() -> bool:
        return current_user.is_authenticated and not current_user.may_place_orders(
            recovery.mail_configured()
        )

    return {"needs_email_verification": needs_verification}


@bp.route("/lupa-sandi", methods=["GET", "POST"])
@public
@limiter.limit("5 per hour", methods=["POST"])
def forgot_password() -> ResponseReturnValue:
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        recovery.request_password_reset(form.email.data)
        # The same answer whether or not the address has an account.
        flash(
            _(
                "If an account uses %(email)s, we have sent it a link to choose a new password. "
                "The link works for one hour.",
                email=form.email.data.strip(),
            ),
            "info",
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/sandi-baru/<token>", methods=["GET", "POST"])
@public
@limiter.limit("20 per hour", methods=["POST"])
def reset_password(token: str) -> ResponseReturnValue:
    with domain_errors() as outcome:
        recovery.user_for_reset(token)
    if not outcome:
        return redirect(url_for("accounts.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        with domain_errors() as outcome:
            recovery.reset_password(token, form.password.data)
        if not outcome:
            return redirect(url_for("accounts.forgot_password"))
        logout_user()
        flash(_("Your password has been changed. Log in with the new one."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)


@bp.route("/verifikasi/<token>", methods=["GET", "POST"])
@public
def verify_email(token: str) -> ResponseReturnValue:
    """GET shows a button; the POST confirms (mail scanners that open links change nothing)."""
    form = ResendVerificationForm()
    if request.method == "POST" and form.validate_on_submit():
        with domain_errors() as outcome:
            recovery.verify_email(token)
        if outcome:
            flash(_("Thank you, your email address is confirmed."), "success")
        return redirect(url_for("accounts.dashboard"))
    return render_template("accounts/verify_email.html", form=form)


@bp.post("/verifikasi/kirim")
@limiter.limit("5 per hour")
def resend_verification() -> ResponseReturnValue:
    if ResendVerificationForm().validate_on_submit():
        recovery.send_verification(current_user)
        flash(_("We have sent the link again to %(email)s.", email=current_user.email), "info")
    return redirect(url_for("accounts.dashboard"))
