"""The offtaker's contract pages (/kontrak...): answer proposals, change coming call-offs,
see performance."""

from flask import redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.offtake import queries, services
from marketplace.offtake.access import get_call_off_of, get_contract_for_offtaker
from marketplace.offtake.forms import AnswerForm, CallOffForm, ChangesForm
from marketplace.offtake.views import bp
from marketplace.offtake.views.shared import (
    LABELS,
    contract_context,
    csv_response,
    pdf_response,
    performance_page,
)
from marketplace.views import act, flash_field_errors, submit


@bp.get("/kontrak")
def my_contracts() -> ResponseReturnValue:
    return render_template(
        "offtake/my_list.html", contracts=queries.contracts_for(current_user), **LABELS
    )


def _detail(contract, changes_form=None, call_off_form=None, status: int = 200):
    return render_template(
        "offtake/detail.html",
        answer_form=AnswerForm(),
        changes_form=changes_form or ChangesForm(formdata=None),
        call_off_form=call_off_form or CallOffForm(formdata=None),
        **contract_context(contract, for_admin=False),
    ), status


@bp.get("/kontrak/<int:contract_id>")
def contract(contract_id: int) -> ResponseReturnValue:
    return _detail(get_contract_for_offtaker(current_user, contract_id))


def _back(contract) -> str:
    return url_for("offtake.contract", contract_id=contract.id)


@bp.post("/kontrak/<int:contract_id>/terima")
def accept(contract_id: int) -> ResponseReturnValue:
    found = get_contract_for_offtaker(current_user, contract_id)
    return act(
        AnswerForm(),
        lambda: services.accept_version(found, current_user),
        done=lambda v: _("You accepted version %(number)s: it is in force.", number=v.number),
        back=_back(found),
    )


@bp.post("/kontrak/<int:contract_id>/minta-perubahan")
def request_changes(contract_id: int) -> ResponseReturnValue:
    found = get_contract_for_offtaker(current_user, contract_id)
    form = ChangesForm()
    if submit(
        form,
        lambda: services.request_changes(found, current_user, form.message.data),
        done=_("Your request is sent to the cooperative."),
    ):
        return redirect(_back(found))
    return _detail(found, changes_form=form, status=422)


@bp.post("/kontrak/<int:contract_id>/panggilan/<int:call_off_id>")
def change_call_off(contract_id: int, call_off_id: int) -> ResponseReturnValue:
    found = get_contract_for_offtaker(current_user, contract_id)
    call_off = get_call_off_of(found, call_off_id)
    form = CallOffForm()
    due = f"{call_off.due_date.isoformat()}: "
    return act(
        form,
        lambda: services.change_call_off(
            call_off, current_user, form.quantity.data, skip=form.action.data == "skip"
        ),
        done=_("The call-off is changed."),
        back=_back(found),
        prefix=due,
        invalid=lambda: flash_field_errors(form, prefix=due),
    )


@bp.get("/kontrak/<int:contract_id>/kinerja")
def performance(contract_id: int) -> ResponseReturnValue:
    found = get_contract_for_offtaker(current_user, contract_id)
    return performance_page(
        found,
        "offtake/performance.html",
        for_admin=False,
        csv_url=url_for("offtake.performance_csv", contract_id=found.id),
        pdf_url=url_for("offtake.performance_pdf", contract_id=found.id),
        back=_back(found),
    )


@bp.get("/kontrak/<int:contract_id>/kinerja.csv")
def performance_csv(contract_id: int) -> ResponseReturnValue:
    return csv_response(get_contract_for_offtaker(current_user, contract_id))


@bp.get("/kontrak/<int:contract_id>/kinerja.pdf")
def performance_pdf(contract_id: int) -> ResponseReturnValue:
    return pdf_response(get_contract_for_offtaker(current_user, contract_id))
