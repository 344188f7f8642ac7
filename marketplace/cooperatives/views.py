from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.access import public
from marketplace.cooperatives import services
from marketplace.cooperatives.access import (
    active_membership,
    get_cooperative_for_admin,
    get_membership_for_member,
)
from marketplace.cooperatives.forms import (
    ConfirmForm,
    InvitationForm,
    RegisterCooperativeForm,
    SettingsForm,
    SupplyOfferForm,
)
from marketplace.errors import DomainError
from marketplace.forms import show_domain_error

bp = Blueprint("cooperatives", __name__)


# --- registration and the admin's pages ---------------------------------------------------


@bp.route("/koperasi/daftar", methods=["GET", "POST"])
def register():
    form = RegisterCooperativeForm()
    if form.validate_on_submit():
        try:
            coop = services.register_cooperative(current_user, form.data)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(
                _(
                    "%(name)s is registered. It awaits verification by the platform admin and "
                    "will not appear in the catalogue until then.",
                    name=coop.name,
                ),
                "success",
            )
            return redirect(url_for("cooperatives.manage", slug=coop.slug))
    return render_template("cooperatives/register.html", form=form)


@bp.get("/kelola/<slug>/")
def manage(slug):
    coop = get_cooperative_for_admin(slug, current_user)
    return render_template(
        "cooperatives/manage.html",
        coop=coop,
        counts=services.dashboard_counts(coop),
        active="dashboard",
    )


@bp.route("/kelola/<slug>/pengaturan", methods=["GET", "POST"])
def settings(slug):
    coop = get_cooperative_for_admin(slug, current_user)
    form = SettingsForm(obj=coop)
    if coop.is_verified:
        # The legal identity was checked by the platform admin; it is shown, not edited.
        for name in services.LEGAL_FIELDS:
            delattr(form, name)
    if form.validate_on_submit():
        try:
            services.update_cooperative(coop, current_user, form.data)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("Settings saved."), "success")
            return redirect(url_for("cooperatives.settings", slug=coop.slug))
    return render_template("cooperatives/settings.html", coop=coop, form=form, active="settings")


@bp.get("/kelola/<slug>/anggota")
def members(slug):
    coop = get_cooperative_for_admin(slug, current_user)
    page = services.members_page(coop, request.args.get("page", 1, type=int))
    invitations = services.open_invitations(coop)
    return render_template(
        "cooperatives/members.html",
        coop=coop,
        page=page,
        active_members=services.dashboard_counts(coop)["members"],
        invitations=invitations,
        links={i.id: services.invitation_link(i) for i in invitations},
        confirm_form=ConfirmForm(),
        active="members",
    )


@bp.route("/kelola/<slug>/anggota/undang", methods=["GET", "POST"])
def invite(slug):
    coop = get_cooperative_for_admin(slug, current_user)
    form = InvitationForm()
    if form.validate_on_submit():
        try:
            created = services.invite_member(coop, current_user, form.data)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("Invitation created. Send the link to %(name)s.", name=created.name), "success")
            return redirect(
                url_for("cooperatives.invitation", slug=coop.slug, invitation_id=created.id)
            )
    return render_template("cooperatives/invite.html", coop=coop, form=form, active="members")


@bp.get("/kelola/<slug>/undangan/<int:invitation_id>")
def invitation(slug, invitation_id):
    coop = get_cooperative_for_admin(slug, current_user)
    found = services.find_invitation(coop, invitation_id)
    if found is None:
        abort(404)
    link = services.invitation_link(found)
    return render_template(
        "cooperatives/invitation.html",
        coop=coop,
        invitation=found,
        state=services.invitation_state(found),
        link=link,
        whatsapp_url=services.whatsapp_share_url(
            found.phone, services.invitation_message(found, link)
        ),
        active="members",
    )


@bp.post("/kelola/<slug>/undangan/<int:invitation_id>/cabut")
def revoke_invitation(slug, invitation_id):
    coop = get_cooperative_for_admin(slug, current_user)
    found = services.find_invitation(coop, invitation_id)
    if found is None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        try:
            services.revoke_invitation(found, current_user)
        except DomainError as error:
            flash(str(error.message), "danger")
        else:
            flash(_("The invitation link no longer works."), "success")
    return redirect(url_for("cooperatives.members", slug=coop.slug))


@bp.post("/kelola/<slug>/anggota/<int:membership_id>/nonaktifkan")
def deactivate_member(slug, membership_id):
    coop = get_cooperative_for_admin(slug, current_user)
    membership = services.find_membership(coop, membership_id)
    if membership is None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        try:
            services.deactivate_member(membership, current_user)
        except DomainError as error:
            flash(str(error.message), "danger")
        else:
            flash(_("%(name)s is now inactive.", name=membership.display_name), "success")
    return redirect(url_for("cooperatives.members", slug=coop.slug))


# --- joining by invitation ----------------------------------------------------------------


@bp.get("/gabung/<token>")
@public
def join(token):
    found = services.find_invitation_by_token(token)
    if found is None:
        abort(404)
    membership = None
    if current_user.is_authenticated:
        membership = active_membership(found.cooperative_id, current_user)
    return render_template(
        "cooperatives/join.html",
        invitation=found,
        coop=found.cooperative,
        state=services.invitation_state(found),
        inviter_name=services.inviter_name(found),
        membership=membership,
    )


@bp.post("/gabung/<token>")
def accept_invitation(token):
    if services.find_invitation_by_token(token) is None:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("cooperatives.join", token=token))
    try:
        membership = services.accept_invitation(token, current_user)
    except DomainError as error:
        flash(str(error.message), "danger")
        return redirect(url_for("cooperatives.join", token=token))
    flash(
        _(
            "Welcome to %(cooperative)s! Your member number is %(number)s.",
            cooperative=membership.cooperative.name,
            number=membership.member_number,
        ),
        "success",
    )
    if membership.is_admin:
        return redirect(url_for("cooperatives.manage", slug=membership.cooperative.slug))
    return redirect(url_for("cooperatives.my_offers", slug=membership.cooperative.slug))


# --- members' supply offers ---------------------------------------------------------------


@bp.get("/anggota/<slug>/penawaran")
def my_offers(slug):
    membership = get_membership_for_member(slug, current_user)
    return render_template(
        "cooperatives/my_offers.html",
        membership=membership,
        coop=membership.cooperative,
        rows=services.offers_overview(membership),
    )


@bp.route("/anggota/<slug>/penawaran/<int:product_id>", methods=["GET", "POST"])
def edit_offer(slug, product_id):
    membership = get_membership_for_member(slug, current_user)
    product = services.find_offer_product(membership, product_id)
    if product is None:
        abort(404)
    offer = services.find_offer(membership, product)
    form = SupplyOfferForm(obj=offer)
    if form.validate_on_submit():
        try:
            services.save_supply_offer(membership, product, form.data)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("Your offer is saved."), "success")
            return redirect(url_for("cooperatives.edit_offer", slug=slug, product_id=product.id))
    return render_template(
        "cooperatives/edit_offer.html",
        membership=membership,
        coop=membership.cooperative,
        product=product,
        offer=offer,
        form=form,
        available=services.pooled_availability([product.id]).get(product.id, 0),
    )
