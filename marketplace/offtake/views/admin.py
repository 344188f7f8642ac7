"""The cooperative admin's contract pages (/kelola/<slug>/kontrak...)."""

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from marketplace.catalogue.models import Product, ProductStatus
from marketplace.cooperatives.access import get_cooperative_for_admin
from marketplace.extensions import db
from marketplace.offtake import queries, services
from marketplace.offtake.access import get_contract_for_admin
from marketplace.offtake.forms import proposal_form, version_form
from marketplace.offtake.models import Contract
from marketplace.offtake.views import bp
from marketplace.offtake.views.shared import (
    LABELS,
    contract_context,
    csv_response,
    pdf_response,
    performance_page,
)
from marketplace.views import domain_errors


@bp.get("/kelola/<slug>/kontrak")
def manage_contracts(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    return _manage_page(
        coop, "offtake/manage_list.html", contracts=queries.contracts_of(coop), **LABELS
    )


def _manage_page(coop, template: str, **context) -> str:
    """A page of the cooperative's contracts, under the admin's Contracts tab."""
    return render_template(template, coop=coop, active="contracts", **context)


def _contract(slug: str, contract_id: int) -> Contract:
    """A contract of a cooperative the user administers; else 404."""
    return get_contract_for_admin(get_cooperative_for_admin(slug, current_user), contract_id)


def _products(coop):
    return db.session.scalars(
        select(Product)
        .where(Product.cooperative_id == coop.id, Product.status == ProductStatus.PUBLISHED)
        .order_by(Product.name)
    ).all()


def _terms_page(coop, form, contract, save, done) -> ResponseReturnValue:
    """Validate the terms form, run `save(terms)` (a contract or a version), flash `done(it)`
    and go to the contract; else show the form again (422 when it was sent)."""
    if not form.refining and form.validate_on_submit():
        with domain_errors(form) as outcome:
            saved = save(form.terms())
        if outcome:
            flash(done(saved), "success")
            found = contract or saved
            return redirect(
                url_for("offtake.manage_contract", slug=coop.slug, contract_id=found.id)
            )
    status = 422 if form.is_submitted() else 200
    return _manage_page(coop, "offtake/terms_form.html", form=form, contract=contract), status


@bp.route("/kelola/<slug>/kontrak/baru", methods=["GET", "POST"])
def new_contract(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    form = proposal_form(_products(coop))
    return _terms_page(
        coop,
        form,
        None,
        lambda terms: services.propose_contract(
            coop, current_user, form.offtaker_email.data, form.product_id.data, terms
        ),
        lambda _contract: _("Contract proposed: the offtaker is notified."),
    )


@bp.get("/kelola/<slug>/kontrak/<int:contract_id>")
def manage_contract(slug: str, contract_id: int) -> ResponseReturnValue:
    contract = _contract(slug, contract_id)
    pending = contract.pending or contract.latest
    return render_template(
        "offtake/manage_detail.html",
        active="contracts",
        coverage=queries.coverage_of(contract, pending),
        checked=pending,
        **contract_context(contract, for_admin=True),
    )


@bp.route("/kelola/<slug>/kontrak/<int:contract_id>/ubah", methods=["GET", "POST"])
def revise_contract(slug: str, contract_id: int) -> ResponseReturnValue:
    contract = _contract(slug, contract_id)
    return _terms_page(
        contract.cooperative,
        version_form(contract.latest),
        contract,
        lambda terms: services.revise_contract(contract, current_user, terms),
        lambda version: _(
            "Version %(number)s proposed: the offtaker is notified.", number=version.number
        ),
    )


@bp.get("/kelola/<slug>/kontrak/<int:contract_id>/kinerja")
def manage_performance(slug: str, contract_id: int) -> ResponseReturnValue:
    contract = _contract(slug, contract_id)
    return performance_page(
        contract,
        "offtake/performance.html",
        active="contracts",
        for_admin=True,
        csv_url=url_for("offtake.manage_performance_csv", slug=slug, contract_id=contract.id),
        pdf_url=url_for("offtake.manage_performance_pdf", slug=slug, contract_id=contract.id),
        back=url_for("offtake.manage_contract", slug=slug, contract_id=contract.id),
    )


@bp.get("/kelola/<slug>/kontrak/<int:contract_id>/kinerja.csv")
def manage_performance_csv(slug: str, contract_id: int) -> ResponseReturnValue:
    return csv_response(_contract(slug, contract_id))


@bp.get("/kelola/<slug>/kontrak/<int:contract_id>/kinerja.pdf")
def manage_performance_pdf(slug: str, contract_id: int) -> ResponseReturnValue:
    return pdf_response(_contract(slug, contract_id))
