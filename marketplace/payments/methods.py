"""The payment methods a buyer may choose for an order from a cooperative.

Bank transfer is always offered; card when Stripe is configured; invoice terms for buyers the
cooperative trusts. A plain function: nothing is registered by importing a module.
"""

from marketplace.accounts.models import User
from marketplace.cooperatives.models import Cooperative
from marketplace.orders.models import PaymentMethod
from marketplace.payments.invoicing import trusted_terms
from marketplace.payments.stripe_gateway import card_payment_enabled


def methods_for(buyer: User, cooperative: Cooperative) -> list[str]:
    """The payment methods `buyer` may choose for an order from `cooperative`, bank transfer
    first, each once."""
    methods: list[str] = [PaymentMethod.BANK_TRANSFER]
    if card_payment_enabled():
        methods.append(PaymentMethod.CARD)
    if trusted_terms(cooperative.id, buyer):
        methods.append(PaymentMethod.INVOICE_TERMS)
    return methods
