"""Which payment methods a buyer may choose for an order (the seam to the payments package).

Bank transfer is always offered. The payments package offers more ("card" when Stripe is
configured, "invoice" for buyers the cooperative trusts) by registering a provider:

    @payment_methods.offer
    def card(buyer, cooperative):
        return [PaymentMethod.CARD] if stripe_configured() else []

Providers are plain functions of (buyer, cooperative) -> iterable of method codes.
"""

from collections.abc import Callable, Iterable

from flask_babel import lazy_gettext as _l

from marketplace.accounts.models import User
from marketplace.cooperatives.models import Cooperative
from marketplace.orders.models import PaymentMethod

Provider = Callable[[User, Cooperative], Iterable[str]]

LABELS: dict[str, object] = {PaymentMethod.BANK_TRANSFER: _l("Bank transfer")}

_providers: list[Provider] = []


def offer(provider: Provider) -> Provider:
    """Register a provider of extra payment methods (use as a decorator; idempotent)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def methods_for(buyer: User, cooperative: Cooperative) -> list[str]:
    """The payment methods `buyer` may choose for an order from `cooperative`, bank transfer
    first, each once."""
    methods: list[str] = [PaymentMethod.BANK_TRANSFER]
    for provider in _providers:
        methods += [m for m in provider(buyer, cooperative) if m not in methods]
    return methods


def label(method: str) -> str:
    return str(LABELS.get(method, method))
