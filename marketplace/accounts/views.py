from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from marketplace.accounts import services
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
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(_("Wrong email or password."))
        else:
            login_user(user)
            return redirect(safe_next(form.next.data, url_for("accounts.dashboard")))
    return render_template("accounts/login.html", form=form)


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
