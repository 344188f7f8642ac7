"""A buyer's saved addresses under My account: list, add, edit, make default, delete."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.addresses import services
from marketplace.addresses.access import addresses_of, get_address_for_owner
from marketplace.addresses.forms import SavedAddressForm
from marketplace.forms import BaseForm
from marketplace.views import domain_errors

bp = Blueprint("addresses", __name__)


@bp.app_context_processor
def inject_addresses() -> dict:
    """The account page lists the saved addresses (accounts sits below this package)."""
    return {"saved_addresses_of": addresses_of}


@bp.get("/akun/alamat")
def index() -> ResponseReturnValue:
    return render_template(
        "addresses/index.html", addresses=addresses_of(current_user), form=BaseForm()
    )


def _save_page(form: SavedAddressForm, address=None) -> ResponseReturnValue:
    return render_template("addresses/form.html", form=form, address=address)


@bp.route("/akun/alamat/baru", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    form = SavedAddressForm()
    if not form.is_submitted():
        form.recipient_name.data = current_user.name
        form.recipient_phone.data = current_user.phone
    if not form.refining and form.validate_on_submit():
        with domain_errors(form) as outcome:
            services.save_address(current_user, form.address())
        if outcome:
            flash(_("Address saved."), "success")
            return redirect(url_for("addresses.index"))
    return _save_page(form)


@bp.route("/akun/alamat/<int:address_id>", methods=["GET", "POST"])
def edit(address_id: int) -> ResponseReturnValue:
    address = get_address_for_owner(address_id, current_user)
    form = SavedAddressForm()
    if not form.is_submitted():
        form.fill_from(address)
    if not form.refining and form.validate_on_submit():
        with domain_errors(form) as outcome:
            services.update_address(address, current_user, form.address())
        if outcome:
            flash(_("Address saved."), "success")
            return redirect(url_for("addresses.index"))
    return _save_page(form, address)


@bp.post("/akun/alamat/<int:address_id>/utama")
def make_default(address_id: int) -> ResponseReturnValue:
    address = get_address_for_owner(address_id, current_user)
    if BaseForm().validate_on_submit():
        services.make_default(address, current_user)
        flash(_("%(label)s is now your first address at checkout.", label=address.label), "success")
    return redirect(url_for("addresses.index"))


@bp.post("/akun/alamat/<int:address_id>/hapus")
def delete(address_id: int) -> ResponseReturnValue:
    address = get_address_for_owner(address_id, current_user)
    if BaseForm().validate_on_submit():
        label = address.label
        services.delete_address(address, current_user)
        flash(_("%(label)s is deleted.", label=label), "info")
    return redirect(url_for("addresses.index"))
