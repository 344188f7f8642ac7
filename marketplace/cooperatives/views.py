from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.access import public
from marketplace.cooperatives import queries, services
from marketplace.cooperatives.access import (
    active_membership,
    get_cooperative_for_admin,
    get_delivery_fee_of,
    get_invitation_by_token,
    get_invitation_of,
    get_membership_for_member,
    get_membership_of,
    get_offer_product,
)
from marketplace.cooperatives.blueprint import bp
from marketplace.cooperatives.delivery import parse_couriers
from marketplace.cooperatives.forms import (
    ConfirmForm,
    DeliveryFeeForm,
    DeliveryOptionsForm,
    InvitationForm,
    RegisterCooperativeForm,
    SettingsForm,
    SupplyOfferForm,
)
from marketplace.url_params import page_number
from marketplace.views import act, domain_errors, member_page, submit

# --- registration and the admin's pages ---------------------------------------------------


@bp.route("/koperasi/daftar", methods=["GET", "POST"])
def register() -> ResponseReturnValue:
    form = RegisterCooperativeForm()
    if not form.refining and form.validate_on_submit():
        with domain_errors(form) as outcome:
            coop = services.register_cooperative(
                current_user, form.profile(), form.legal_identity()
            )
        if outcome:
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


# The admin's home, /kelola/<slug>/ (cooperatives.manage), is drawn by marketplace.reports.


@bp.route("/kelola/<slug>/pengaturan", methods=["GET", "POST"])
def settings(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    form = SettingsForm(obj=coop)
    if coop.legal_identity_locked:
        # The legal identity was checked by the platform admin; it is shown, not edited.
        for name in services.LEGAL_FIELDS:
            delattr(form, name)
    if not form.refining and form.validate_on_submit():
        with domain_errors(form) as outcome:
            services.update_cooperative(coop, current_user, form.settings())
        if outcome:
            flash(_("Settings saved."), "success")
            return redirect(url_for("cooperatives.settings", slug=coop.slug))
    return render_template("cooperatives/settings.html", coop=coop, form=form, active="settings")


@bp.route("/kelola/<slug>/pengiriman", methods=["GET", "POST"])
def delivery(slug: str) -> ResponseReturnValue:
    """The delivery options the cooperative offers, and its own-delivery fee table."""
    coop = get_cooperative_for_admin(slug, current_user)
    form = _options_form(coop)
    if submit(
        form,
        lambda: services.update_delivery_options(coop, current_user, form.options()),
        done=_("Delivery options saved."),
    ):
        return redirect(url_for("cooperatives.delivery", slug=coop.slug))
    return _delivery_page(coop, form, DeliveryFeeForm(formdata=None))


def _options_form(coop, **kwargs) -> DeliveryOptionsForm:
    return DeliveryOptionsForm(
        offers_pickup=coop.offers_pickup,
        hub_address=coop.hub_address,
        offers_own_delivery=coop.offers_own_delivery,
        couriers=parse_couriers(coop.couriers),
        **kwargs,
    )


def _delivery_page(coop, form, fee_form, status: int = 200) -> ResponseReturnValue:
    return render_template(
        "cooperatives/delivery.html",
        coop=coop,
        form=form,
        fee_form=fee_form,
        confirm_form=ConfirmForm(),
        active="delivery",
    ), (400 if form.errors or fee_form.errors else status)


@bp.post("/kelola/<slug>/pengiriman/tarif")
def add_delivery_fee(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    fee_form = DeliveryFeeForm()
    if not fee_form.refining and fee_form.validate_on_submit():
        names = fee_form.region_names()
        with domain_errors(fee_form) as outcome:
            services.set_delivery_fee(
                coop,
                current_user,
                province=names["province"],
                regency=names["regency"],
                fee=fee_form.fee.data,
            )
        if outcome:
            flash(_("Delivery fee saved."), "success")
            return redirect(url_for("cooperatives.delivery", slug=coop.slug))
    options = DeliveryOptionsForm(formdata=None, obj=coop, couriers=parse_couriers(coop.couriers))
    return _delivery_page(coop, options, fee_form)


@bp.post("/kelola/<slug>/pengiriman/tarif/<int:rate_id>/hapus")
def remove_delivery_fee(slug: str, rate_id: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    rate = get_delivery_fee_of(coop, rate_id)
    if ConfirmForm().validate_on_submit():
        services.remove_delivery_fee(rate, current_user)
        flash(_("Delivery fee removed."), "info")
    return redirect(url_for("cooperatives.delivery", slug=coop.slug))


@bp.get("/kelola/<slug>/anggota")
def members(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    page = queries.members_page(coop, page_number())
    invitations = queries.open_invitations(coop)
    return render_template(
        "cooperatives/members.html",
        coop=coop,
        page=page,
        active_members=queries.dashboard_counts(coop)["members"],
        invitations=invitations,
        links={i.id: services.invitation_link(i) for i in invitations},
        confirm_form=ConfirmForm(),
        active="members",
    )


@bp.route("/kelola/<slug>/anggota/undang", methods=["GET", "POST"])
def invite(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    form = InvitationForm()
    invited = submit(
        form,
        lambda: services.invite_member(coop, current_user, form.invitation_data()),
        done=lambda created: _("Invitation created. Send the link to %(name)s.", name=created.name),
    )
    if invited:
        return redirect(
            url_for("cooperatives.invitation", slug=coop.slug, invitation_id=invited.result.id)
        )
    return render_template("cooperatives/invite.html", coop=coop, form=form, active="members")


@bp.get("/kelola/<slug>/undangan/<int:invitation_id>")
def invitation(slug: str, invitation_id: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    found = get_invitation_of(coop, invitation_id)
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
def revoke_invitation(slug: str, invitation_id: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    found = get_invitation_of(coop, invitation_id)
    return act(
        ConfirmForm(),
        lambda: services.revoke_invitation(found, current_user),
        done=_("The invitation link no longer works."),
        back=url_for("cooperatives.members", slug=coop.slug),
    )


@bp.post("/kelola/<slug>/anggota/<int:membership_id>/nonaktifkan")
def deactivate_member(slug: str, membership_id: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    membership = get_membership_of(coop, membership_id)
    return act(
        ConfirmForm(),
        lambda: services.deactivate_member(membership, current_user),
        done=_("%(name)s is now inactive.", name=membership.display_name),
        back=url_for("cooperatives.members", slug=coop.slug),
    )


# --- joining by invitation ----------------------------------------------------------------


@bp.get("/gabung/<token>")
@public
def join(token: str) -> ResponseReturnValue:
    found = get_invitation_by_token(token)
    membership = None
    if current_user.is_authenticated:
        membership = active_membership(found.cooperative_id, current_user)
    refusal = services.refusal_for(found, current_user if current_user.is_authenticated else None)
    return render_template(
        "cooperatives/join.html",
        invitation=found,
        coop=found.cooperative,
        refusal=refusal,
        refusal_message=services.refusal_message(refusal) if refusal else None,
        inviter_name=services.inviter_name(found),
        membership=membership,
    )


@bp.post("/gabung/<token>")
def accept_invitation(token: str) -> ResponseReturnValue:
    found = get_invitation_by_token(token)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("cooperatives.join", token=token))
    with domain_errors() as outcome:
        membership = services.accept_invitation(found, current_user)
    if not outcome:
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
def my_offers(slug: str) -> ResponseReturnValue:
    membership = get_membership_for_member(slug, current_user)
    page, rows = queries.offers_overview(membership, page_number())
    return member_page(membership, "cooperatives/my_offers.html", page=page, rows=rows)


@bp.route("/anggota/<slug>/penawaran/<int:product_id>", methods=["GET", "POST"])
def edit_offer(slug: str, product_id: int) -> ResponseReturnValue:
    membership = get_membership_for_member(slug, current_user)
    product = get_offer_product(membership, product_id)
    offer = queries.find_offer(membership, product)
    form = SupplyOfferForm(obj=offer)
    if submit(
        form,
        lambda: services.save_supply_offer(membership, product, form.offer_data()),
        done=_("Your offer is saved."),
    ):
        return redirect(url_for("cooperatives.edit_offer", slug=slug, product_id=product.id))
    return member_page(
        membership,
        "cooperatives/edit_offer.html",
        product=product,
        offer=offer,
        form=form,
        available=services.pooled_availability([product.id]).get(product.id, 0),
    )


from marketplace.cooperatives import profile_views  # noqa: E402,F401  (routes)
