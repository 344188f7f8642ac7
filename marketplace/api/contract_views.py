"""An offtaker's contracts and their call-offs: list, get, change a coming call-off within
its tolerance (or skip it where the contract allows)."""

from flask.views import MethodView

from marketplace.api import queries
from marketplace.api.blueprint import api_user, bp
from marketplace.api.offtake_schemas import (
    CallOffChangeSchema,
    CallOffSchema,
    ContractPageSchema,
    ContractSchema,
)
from marketplace.api.order_views import before_id, cursor_page
from marketplace.api.schemas import PageArgs
from marketplace.offtake.access import get_call_off_of, get_contract_for_offtaker
from marketplace.offtake.services import change_call_off


@bp.route("/contracts")
class Contracts(MethodView):
    @bp.arguments(PageArgs, location="query")
    @bp.response(200, ContractPageSchema)
    def get(self, args: dict) -> dict:
        """List my offtake contracts with their call-offs"""
        found = queries.contracts_of_offtaker(
            api_user(), before_id(args, "contract"), args["limit"]
        )
        return cursor_page("contract", found)


@bp.route("/contracts/<int:contract_id>")
class ContractDetail(MethodView):
    @bp.response(200, ContractSchema)
    def get(self, contract_id: int):
        """Get one of my offtake contracts"""
        return get_contract_for_offtaker(api_user(), contract_id)


@bp.route("/contracts/<int:contract_id>/call-offs/<int:call_off_id>")
class CallOffDetail(MethodView):
    @bp.arguments(CallOffChangeSchema)
    @bp.response(200, CallOffSchema)
    def patch(self, body: dict, contract_id: int, call_off_id: int):
        """Change a coming call-off's quantity (within the tolerance), or skip it

        Only before its cut-off; skipping only where the contract allows it.
        """
        contract = get_contract_for_offtaker(api_user(), contract_id)
        call_off = get_call_off_of(contract, call_off_id)
        return change_call_off(call_off, api_user(), body.get("quantity"), skip=body["skip"])
