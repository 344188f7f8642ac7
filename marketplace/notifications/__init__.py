"""In-app notifications (and an email copy when MAIL_SERVER is set).

`services.notify` is the primitive; `receivers` listens to the domain signals of every package
below (orders, payments, fulfilment) and decides who hears what. Nothing below imports this
package: it reacts by signal only.
"""

from flask import Flask

from marketplace import signals
from marketplace.notifications import offtake_receivers, receivers, rfq_receivers


def init_app(app: Flask) -> None:
    """Connect the notification receivers to the domain signals (called by create_app)."""
    signals.connect_all(receivers.RECEIVERS)
    signals.connect_all(rfq_receivers.RECEIVERS.items())
    signals.connect_all(offtake_receivers.RECEIVERS.items())
