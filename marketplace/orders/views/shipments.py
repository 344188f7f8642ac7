"""Shipping pages: the admin ships, records proof of delivery and answers complaints; the
buyer follows each shipment, confirms receipt and reports problems; photos and delivery notes
are served to the parties of the order only."""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Response, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.datastructures import FileStorage

from marketplace.cooperatives.access import get_cooperative_for_admin
from marketplace.errors import ValidationFailed
from marketplace.forms import choices
from marketplace.fulfilment.services import ship_ready_units, shippable_units
from marketplace.images import ImageRejected, clean_image
from marketplace.labels import complaint_problem_label, complaint_status_label
from marketplace.orders import services
from marketplace.orders.access import (
    get_complaint_of,
    get_order_for_admin,
    get_order_for_buyer,
    get_shipment_of,
    photo_of,
)
from marketplace.orders.queries import complaints_of
from marketplace.orders.services.complaints import (
    MAX_PHOTOS,
    ComplaintInput,
    open_complaint,
    reject_complaint,
    replace_for_complaint,
)
from marketplace.orders.services.shipping import (
    accepts_complaint,
    complaint_deadline,
    shipped_units,
)
from marketplace.orders.shipment_forms import (
    ComplaintForm,
    ProofForm,
    ResolveForm,
    ShipmentFields,
    line_field,
    ship_form,
)
from marketplace.orders.shipment_models import ComplaintProblem
from marketplace.orders.tracking import courier_name, tracking_url
from marketplace.orders.views import bp
from marketplace.payments.complaint_refunds import complaint_value, refund_complaint
from marketplace.payments.documents import shipment_note_pdf
from marketplace.storage import private_file, storage
from marketplace.views import act, domain_errors, download, form_status, submit, undone_if_refused

PHOTO_REJECTIONS = {
    "empty": _l("The photo is empty."),
    "too_large": _l("A photo may be at most 5 MB."),
    "too_many_pixels": _l("The photo has too many pixels; send a smaller one."),
    "not_image": _l("Only photos (JPEG, PNG, WebP) can be attached."),
}

bp.add_app_template_global(tracking_url, "tracking_url")
bp.add_app_template_global(courier_name, "courier_name")
bp.add_app_template_global(complaint_deadline, "complaint_deadline")
bp.add_app_template_global(accepts_complaint, "accepts_complaint")
bp.add_app_template_global(complaints_of, "complaints_of")
bp.add_app_template_global(complaint_problem_label, "complaint_problem_label")
bp.add_app_template_global(complaint_status_label, "complaint_status_label")


def _details(form: ShipmentFields) -> services.ShipmentDetails:
    return services.ShipmentDetails(
        courier=form.courier_value(),
        shipped_on=form.shipped_on.data,
        tracking_number=form.tracking_number.data or "",
        vehicle=form.vehicle.data or "",
        driver=form.driver.data or "",
        packages=form.packages.data,
    )


def _save_photos(files: list[FileStorage]) -> list[str]:
    """Check and store the uploaded photos; their keys. Raises ValidationFailed."""
    chosen = [f for f in files if f and f.filename]
    if len(chosen) > MAX_PHOTOS:
        raise ValidationFailed(_("Attach at most 4 photos."), field="photos")
    try:
        cleaned = [clean_image(f.read()) for f in chosen]
    except ImageRejected as exc:
        raise ValidationFailed(str(PHOTO_REJECTIONS[exc.code]), field="photos") from exc
    return [storage().save(image.data, image.extension) for image in cleaned]


def _forget(keys: list[str]) -> None:
    for key in keys:
        storage().delete(key)


# The cooperative admin


@bp.route("/kelola/<slug>/pesanan/<number>/kirim", methods=["GET", "POST"])
def ship(slug: str, number: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    order = get_order_for_admin(coop, number)
    form = ship_form(order)
    if request.method == "GET":
        form.shipped_on.data = coop.local_date()
        form.courier.data = getattr(order, "courier", None) or "jne"
        for line in order.lines:
            getattr(form, line_field(line.id)).data = shippable_units(line)
    if submit(
        form,
        lambda: ship_ready_units(order, current_user, _details(form), _wanted(form, order)),
        done=lambda shipment: _("Shipment %(number)s is recorded.", number=shipment.number),
    ):
        return redirect(url_for("orders.manage_order", slug=slug, number=number))
    ready = {line.id: (shipped_units(line), shippable_units(line)) for line in order.lines}
    return render_template(
        "orders/ship.html", coop=coop, order=order, form=form, ready=ready, line_field=line_field
    ), form_status()


def _wanted(form, order) -> dict[int, int]:
    return {line.id: getattr(form, line_field(line.id)).data or 0 for line in order.lines}


@bp.route("/kelola/<slug>/pesanan/<number>/pengiriman/<int:shipment_id>", methods=["GET", "POST"])
def manage_shipment(slug: str, number: str, shipment_id: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    order = get_order_for_admin(coop, number)
    shipment = get_shipment_of(order, shipment_id)
    form = ProofForm()
    if request.method == "GET":
        form.received_on.data = coop.local_date()
    if submit(
        form,
        lambda: _record_proof(shipment, form, coop.time_zone),
        done=_("Shipment %(number)s is received.", number=shipment.number),
    ):
        return redirect(url_for("orders.manage_order", slug=slug, number=number))
    return render_template(
        "orders/manage_shipment.html", coop=coop, order=order, shipment=shipment, form=form
    ), form_status()


def _record_proof(shipment, form: ProofForm, time_zone: str) -> None:
    keys = _save_photos([form.photo.data])
    with undone_if_refused(lambda: _forget(keys)):
        moment = datetime.combine(form.received_on.data, form.received_time.data)
        proof = services.ProofOfDelivery(
            received_by=form.received_by.data,
            received_at=moment.replace(tzinfo=ZoneInfo(time_zone)),
            photo_key=keys[0] if keys else None,
        )
        services.record_proof(shipment, current_user, proof)


@bp.route("/kelola/<slug>/pesanan/<number>/keluhan/<int:complaint_id>", methods=["GET", "POST"])
def resolve_complaint(slug: str, number: str, complaint_id: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    order = get_order_for_admin(coop, number)
    complaint = get_complaint_of(order, complaint_id)
    form = ResolveForm()
    if request.method == "GET":
        form.complaint_id.data = complaint.id
        form.shipped_on.data = coop.local_date()
        form.amount.data = complaint_value(complaint)
    if form.validate_on_submit() and form.complaint_id.data == complaint.id:
        with domain_errors(form) as outcome:
            _answer(complaint, form)
        if outcome:
            flash(_("The complaint is answered."), "success")
            return redirect(url_for("orders.manage_order", slug=slug, number=number))
    return render_template(
        "orders/resolve_complaint.html",
        coop=coop,
        order=order,
        complaint=complaint,
        form=form,
        limit=complaint_value(complaint),
    ), form_status()


def _answer(complaint, form: ResolveForm) -> None:
    if form.action.data == "refund":
        if not form.amount.data:
            raise ValidationFailed(_("Enter the amount to refund."), field="amount")
        refund_complaint(complaint, current_user, form.amount.data, form.note.data or "")
    elif form.action.data == "replace":
        replace_for_complaint(complaint, current_user, _details(form), form.note.data or "")
    else:
        reject_complaint(complaint, current_user, form.note.data or "")


@bp.get("/kelola/<slug>/pesanan/<number>/pengiriman/<int:shipment_id>/surat-jalan.pdf")
def admin_shipment_note(slug: str, number: str, shipment_id: int) -> Response:
    order = get_order_for_admin(get_cooperative_for_admin(slug, current_user), number)
    return _note(get_shipment_of(order, shipment_id))


@bp.get("/kelola/<slug>/pesanan/<number>/foto/<key>")
def admin_photo(slug: str, number: str, key: str) -> Response:
    order = get_order_for_admin(get_cooperative_for_admin(slug, current_user), number)
    return _photo(photo_of(order, key))


# The buyer


@bp.post("/pesanan/<number>/pengiriman/<int:shipment_id>/diterima")
def confirm_receipt(number: str, shipment_id: int) -> Response:
    order = get_order_for_buyer(number, current_user)
    shipment = get_shipment_of(order, shipment_id)
    return act(
        None,  # the CSRF check of every POST is all the form there is
        lambda: services.confirm_receipt(shipment, current_user),
        done=_("Thank you: shipment %(number)s is received.", number=shipment.number),
        back=url_for("orders.order_detail", number=number),
    )


@bp.route("/pesanan/<number>/pengiriman/<int:shipment_id>/keluhan", methods=["GET", "POST"])
def complain(number: str, shipment_id: int) -> ResponseReturnValue:
    order = get_order_for_buyer(number, current_user)
    shipment = get_shipment_of(order, shipment_id)
    form = ComplaintForm()
    form.order_line_id.choices = choices(
        (str(sl.order_line_id), sl.order_line.product.name) for sl in shipment.lines
    )
    form.problem.choices = choices((p.value, complaint_problem_label(p)) for p in ComplaintProblem)
    if submit(
        form,
        lambda: _open_complaint(shipment, form),
        done=_("Your complaint is sent to the cooperative."),
    ):
        return redirect(url_for("orders.order_detail", number=number))
    return render_template(
        "orders/complain.html", order=order, shipment=shipment, form=form
    ), form_status()


def _open_complaint(shipment, form: ComplaintForm) -> None:
    keys = _save_photos(form.photos.data or [])
    with undone_if_refused(lambda: _forget(keys)):
        data = ComplaintInput(
            order_line_id=int(form.order_line_id.data),
            problem=form.problem.data,
            quantity=form.quantity.data,
            description=form.description.data or "",
        )
        open_complaint(shipment, current_user, data, keys)


@bp.get("/pesanan/<number>/pengiriman/<int:shipment_id>/surat-jalan.pdf")
def buyer_shipment_note(number: str, shipment_id: int) -> Response:
    order = get_order_for_buyer(number, current_user)
    return _note(get_shipment_of(order, shipment_id))


@bp.get("/pesanan/<number>/foto/<key>")
def buyer_photo(number: str, key: str) -> Response:
    return _photo(photo_of(get_order_for_buyer(number, current_user), key))


def _note(shipment) -> Response:
    return download(shipment_note_pdf(shipment), f"{shipment.number}.pdf", inline=True)


def _photo(key: str) -> Response:
    return private_file(key)
