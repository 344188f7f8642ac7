"""Delivery options and the own-delivery fee table (pure rules), and the fee in the totals."""

from datetime import date

import pytest

from marketplace.catalogue.pricing import order_totals
from marketplace.cooperatives.delivery import (
    ChoiceProblem,
    DeliveryChoice,
    DeliveryFee,
    DeliveryOffer,
    FeeRow,
    OfferProblem,
    choices_for,
    courier_codes,
    fee_for,
    offer_problems,
    own_delivery_fee,
    parse_couriers,
    place_key,
)

JABODETABEK = (
    FeeRow("DKI Jakarta", "", 150_000),
    FeeRow("Jawa Barat", "Kota Bekasi", 50_000),
    FeeRow("Jawa Barat", "Kabupaten Bekasi", 75_000),
    FeeRow("Jawa Barat", "", 300_000),
)
DAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("province", "regency", "fee"),
    [
        ("DKI Jakarta", "Kota Jakarta Pusat", 150_000),  # the province's row
        ("Jawa Barat", "Kota Bekasi", 50_000),  # the regency's row wins over the province's
        ("Jawa Barat", "Kabupaten Bekasi", 75_000),  # a city and a regency are not the same
        ("Jawa Barat", "Bekasi", 75_000),  # "Kabupaten" may be left out
        ("jawa  barat", "KAB. BEKASI", 75_000),  # case, spaces and "Kab." do not matter
        ("Jawa Barat", "Kota Bandung", 300_000),
        ("Jawa Tengah", "Kota Semarang", None),  # no row: no own delivery there
        ("", "", None),
    ],
)
def test_the_most_specific_row_wins(province, regency, fee):
    assert own_delivery_fee(JABODETABEK, province, regency) == fee


def test_a_regency_row_alone_does_not_cover_the_rest_of_its_province():
    rows = (FeeRow("Jawa Barat", "Kota Bekasi", 50_000),)
    assert own_delivery_fee(rows, "Jawa Barat", "Kota Depok") is None
    assert own_delivery_fee(reversed(rows), "Jawa Barat", "Kota Bekasi") == 50_000


def test_row_order_does_not_matter():
    assert own_delivery_fee(reversed(JABODETABEK), "Jawa Barat", "Kota Bekasi") == 50_000


def test_place_key_keeps_kota_and_drops_kabupaten():
    assert place_key(" Kabupaten  Bogor ") == place_key("kab.bogor") == "bogor"
    assert place_key("Kota Bogor") == "kota bogor"
    assert place_key("Kota Administrasi Jakarta Pusat") == "kota jakarta pusat"


def _offer(pickup=True, own=True, couriers=("jne", "cargo"), rows=JABODETABEK):
    return DeliveryOffer(pickup, own, couriers, rows)


def test_choices_are_pickup_then_own_delivery_then_couriers_in_a_fixed_order():
    codes = [c.code for c in choices_for(_offer(couriers=("cargo", "jne")))]
    assert codes == ["pickup", "own_delivery", "courier:jne", "courier:cargo"]


def test_own_delivery_without_a_table_is_not_a_choice():
    assert [c.code for c in choices_for(_offer(rows=(), couriers=()))] == ["pickup"]


@pytest.mark.parametrize(
    ("code", "province", "regency", "expected"),
    [
        ("pickup", "Papua", "Jayapura", DeliveryFee(0)),
        ("own_delivery", "Jawa Barat", "Kota Bekasi", DeliveryFee(50_000)),
        ("own_delivery", "Bali", "Denpasar", ChoiceProblem.NOT_DELIVERED_THERE),
        ("courier:jne", "Bali", "Denpasar", DeliveryFee(None)),
        ("courier:pos", "Bali", "Denpasar", ChoiceProblem.NOT_OFFERED),
        ("courier", "Bali", "Denpasar", ChoiceProblem.NOT_OFFERED),
        ("teleport", "Bali", "Denpasar", ChoiceProblem.NOT_OFFERED),
    ],
)
def test_fee_for_each_choice(code, province, regency, expected):
    assert fee_for(_offer(), DeliveryChoice.from_code(code), province, regency) == expected


def test_pickup_not_offered_is_refused():
    offer = _offer(pickup=False)
    assert fee_for(offer, DeliveryChoice("pickup"), "DKI Jakarta", "") == ChoiceProblem.NOT_OFFERED


def test_a_quoted_courier_fee_is_to_be_quoted():
    assert DeliveryFee(None).to_be_quoted and not DeliveryFee(0).to_be_quoted


def test_choice_codes_round_trip():
    for choice in choices_for(_offer()):
        assert DeliveryChoice.from_code(choice.code) == choice


@pytest.mark.parametrize(
    ("offer", "hub", "problems"),
    [
        (_offer(), "Jl. Gudang 1", []),
        (DeliveryOffer(False, False, ()), "", [OfferProblem.NO_OPTION]),
        (DeliveryOffer(True, False, ()), " ", [OfferProblem.NO_HUB_ADDRESS]),
        (DeliveryOffer(False, False, ("jne", "ups")), "", [OfferProblem.UNKNOWN_COURIER]),
        (DeliveryOffer(False, True, ()), "", []),  # the table may be filled in afterwards
    ],
)
def test_offer_problems(offer, hub, problems):
    assert offer_problems(offer, hub_address=hub) == problems


def test_couriers_are_stored_in_a_fixed_order_without_unknown_codes():
    assert courier_codes(["cargo", "ups", "jne"]) == "jne,cargo"
    assert parse_couriers("jne,cargo") == ("jne", "cargo")
    assert parse_couriers("") == parse_couriers(None) == ()


def test_the_fee_is_in_the_total_without_vat():
    totals = order_totals([1_000_000], is_pkp=False, day=DAY, delivery_fee=85_000)
    assert (totals.subtotal, totals.delivery_fee, totals.vat, totals.total) == (
        1_000_000,
        85_000,
        0,
        1_085_000,
    )


def test_the_fee_is_in_the_ppn_base_of_a_pkp():
    # (1.000.000 + 85.000) x 11/12 = 994.583,33 -> DPP 994.583; PPN 12% of it = 119.350
    totals = order_totals([1_000_000], is_pkp=True, day=DAY, delivery_fee=85_000)
    assert (totals.tax_base, totals.vat, totals.total) == (994_583, 119_350, 1_204_350)


def test_no_fee_changes_nothing():
    assert order_totals([5, 5], is_pkp=True, day=DAY) == order_totals(
        [5, 5], is_pkp=True, day=DAY, delivery_fee=0
    )


def test_a_negative_fee_is_refused():
    with pytest.raises(ValueError):
        order_totals([1], is_pkp=False, day=DAY, delivery_fee=-1)
