from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_user, logout_user

from marketplace.accounts import known_browsers, services
from marketplace.accounts.access import public, safe_next
from marketplace.accounts.forms import LanguageForm, LoginForm, SignUpForm
from marketplace.errors import ValidationFailed
from marketplace.extensions import limiter

bp = Blueprint("accounts", __name__, url_prefix="/akun")


@bp.route("/daftar", methods=["GET", "POST"])
@public
@limiter.limit("20 per hour", methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("catalogue.index"))
    form = SignUpForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        try:
            user = services.register_user(
                email=form.email.data,
                password=form.password.data,
                name=form.name.data,
                phone=form.phone.data or None,
                locale=session.get("lang", "id"),
            )
        except ValidationFailed:
            form.email.errors.append(_("This email is already registered."))
        else:
            login_user(user)
            flash(_("Welcome, %(name)s! Your account is ready.", name=user.name), "success")
            return redirect(safe_next(form.next.data, url_for("catalogue.index")))
    return render_template("accounts/signup.html", form=form)


@bp.route("/masuk", methods=["GET", "POST"])
@public
@limiter.limit("10 per minute", methods=["POST"])
def login():
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
def logout():
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("catalogue.index"))


@bp.post("/bahasa")
@public
def language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["lang"] = form.lang.data
        if current_user.is_authenticated:
            services.set_locale(current_user, form.lang.data)
    return redirect(safe_next(form.next.data, url_for("catalogue.index")))


@bp.get("/")
def dashboard():
    """The user's home: their cooperatives, as admin or member, and their orders."""
    return render_template("accounts/dashboard.html", memberships=current_user.memberships)
