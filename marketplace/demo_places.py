"""Demo places: official region codes for the demo cooperatives and the hotel's delivery
address, and saved addresses for the demo buyer (the Jakarta hotel). Idempotent: found by
natural keys, codes only filled where they are missing."""

from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.addresses.models import SavedAddress
from marketplace.addresses.services import AddressData, save_address
from marketplace.cooperatives.models import Cooperative
from marketplace.demo_data import DOMAIN, LOGINS
from marketplace.extensions import db
from marketplace.places import regions
from marketplace.transaction import transaction

HOTEL_VILLAGE = "31.71.06.1001"  # Menteng, Menteng, Kota Administrasi Jakarta Pusat


def region_columns(village_code: str) -> dict[str, str]:
    """Names and codes of a village and the regions above it, as Delivery takes them."""
    chain = regions.path(village_code)
    names = ("province", "regency", "district", "village")
    return {
        **{name: region.name for name, region in zip(names, chain, strict=True)},
        **{f"{name}_code": region.code for name, region in zip(names, chain, strict=True)},
    }


HOTEL_REGIONS = region_columns(HOTEL_VILLAGE)
# Who receives the demo buyer's goods at the hotel, and where (its saved address, and the
# delivery of every demo order).
HOTEL_DESK = {
    "recipient_name": "Dewi Lestari",
    "recipient_phone": "+6281311112222",
    "street_address": "Hotel Melati, Jl. Melati No. 12",
    "postal_code": "10310",
}

BUYER_ADDRESSES = (
    AddressData(
        label="Hotel Melati (kantor pusat)",
        **HOTEL_DESK,
        province_code="31",
        regency_code="31.71",
        district_code="31.71.06",
        village_code=HOTEL_VILLAGE,
        make_default=True,
    ),
    AddressData(
        label="Gudang linen Cikarang",
        recipient_name="Budi Santoso",
        recipient_phone="+6281388887777",
        province_code="32",
        regency_code="32.16",
        district_code="32.16.09",  # Cikarang Utara
        village_code="32.16.09.2006",  # Pasirgombong
        street_address="Kawasan Industri Jababeka, Jl. Jababeka Raya Blok A 3",
        postal_code="17530",
    ),
)


def _coded_cooperatives() -> None:
    """Demo cooperatives typed their province and regency as names: give them the codes."""
    with transaction():
        for coop in db.session.scalars(select(Cooperative).where(Cooperative.regency_code == "")):
            province = regions.find(coop.province)
            regency = regions.find(coop.regency, province.code) if province else None
            if regency is not None:
                coop.province_code, coop.regency_code = province.code, regency.code


def _buyer_addresses() -> None:
    buyer = db.session.scalar(select(User).where(User.email == f"{LOGINS['buyer'][0]}@{DOMAIN}"))
    if buyer is None:
        return
    saved = set(
        db.session.scalars(select(SavedAddress.label).where(SavedAddress.user_id == buyer.id))
    )
    for address in BUYER_ADDRESSES:
        if address.label not in saved:
            save_address(buyer, address)


def seed_places() -> None:
    _coded_cooperatives()
    _buyer_addresses()
