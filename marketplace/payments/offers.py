"""The payment methods this package adds to checkout (see orders.payment_methods)."""

from flask_babel import lazy_gettext as _l

from marketplace.accounts.models import User
from marketplace.cooperatives.models import Cooperative
from marketplace.orders import payment_methods
from marketplace.orders.models import PaymentMethod
from marketplace.payments.invoicing import trusted_terms
from marketplace.payments.stripe_gateway import card_payment_enabled

payment_methods.LABELS[PaymentMethod.CARD] = _l("Card (Stripe)")
payment_methods.LABELS[PaymentMethod.INVOICE_TERMS] = _l("Invoice terms (tempo)")


@payment_methods.offer
def card(buyer: User, cooperative: Cooperative) -> list[str]:
    return [PaymentMethod.CARD] if card_payment_enabled() else []


@payment_methods.offer
def invoice_terms(buyer: User, cooperative: Cooperative) -> list[str]:
    return [PaymentMethod.INVOICE_TERMS] if trusted_terms(cooperative.id, buyer) else []
