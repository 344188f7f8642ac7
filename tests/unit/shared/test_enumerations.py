"""Each enumeration is defined once, on its model; the label tables name every member of it."""

import pytest

from marketplace import labels
from marketplace.catalogue.models import ProductKind, ProductStatus, ProductUnit
from marketplace.cooperatives.models import CooperativeKind, CooperativeStatus, TimeZone
from marketplace.orders.lifecycle import ALLOWED
from marketplace.orders.models import OPEN_STATUSES, PROMISING_STATUSES, OrderStatus


@pytest.mark.parametrize(
    ("enumeration", "table"),
    [
        (ProductUnit, labels.UNIT_LABELS),
        (ProductKind, labels.KIND_LABELS),
        (CooperativeKind, labels.KIND_LABELS),
        (TimeZone, labels.TIME_ZONE_LABELS),
        (OrderStatus, labels.STATUS_LABELS),
        (CooperativeStatus, labels.STATUS_LABELS),
        (ProductStatus, labels.STATUS_LABELS),
    ],
)
def test_every_member_has_a_label(enumeration, table):
    assert {str(member) for member in enumeration} <= set(table)


def test_units_have_their_quantity_forms_and_nothing_else():
    assert set(labels.UNIT_LABELS) == {str(unit) for unit in ProductUnit}


def test_open_orders_are_those_that_can_still_move_on_except_completed():
    # Completed orders may still be refunded, but they are done: not open.
    movable = {status for status, targets in ALLOWED.items() if targets}
    assert set(OPEN_STATUSES) == movable - {OrderStatus.COMPLETED}
    assert set(PROMISING_STATUSES) < set(OPEN_STATUSES)
