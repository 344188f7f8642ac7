"""A small catalogue for the search tests: three cooperatives in three regions, coffee in two
of them, batik in one, with their certificates (see `build_world`)."""

from dataclasses import dataclass

from marketplace.catalogue.models import Product
from marketplace.cooperatives.models import Cooperative
from tests.factories import make_cooperative, make_member, make_offer, make_product


@dataclass(frozen=True)
class World:
    palu: Cooperative
    probolinggo: Cooperative
    bekasi: Cooperative
    robusta: Product  # Palu's coffee
    bawang: Product  # Palu's fried shallots, "kopi" only in the description
    tulis: Product  # Probolinggo's hand-drawn batik
    cap: Product  # Probolinggo's stamped batik
    arabika: Product  # coffee from Bekasi
    boneka: Product  # a Bekasi doll


def build_world() -> World:
    palu = make_cooperative(
        name="KSU Tani dan Nelayan Palu", province="Sulawesi Tengah", regency="Kota Palu"
    )
    probolinggo = make_cooperative(
        name="Koperasi Serba Usaha Batik Probolinggo",
        province="Jawa Timur",
        regency="Kabupaten Probolinggo",
    )
    bekasi = make_cooperative(name="Koperasi Boneka Bekasi")
    goods = dict(sni_number=None, order_step=1)
    robusta = make_product(
        palu,
        name="Kopi Robusta Grade 1",
        category_slug="perkebunan",
        description="Biji kopi robusta hijau mutu 1.",
        tiers=((50, 72_000), (500, 66_000)),
        min_order_quantity=50,
        lead_time_days=14,
        **goods,
    )
    bawang = make_product(
        palu,
        name="Bawang Goreng",
        category_slug="kuliner",
        description="Renyah, teman minum kopi.",
        tiers=((10, 120_000),),
        min_order_quantity=10,
        lead_time_days=3,
        pirt_number="2067271010123-25",
        halal_number="ID72110000123450124",
        **goods,
    )
    tulis = make_product(
        probolinggo,
        name="Batik Tulis Motif Mangrove",
        category_slug="batik",
        description="Kain batik tulis tangan, pewarna alami.",
        tiers=((5, 780_000),),
        min_order_quantity=5,
        lead_time_days=30,
        **goods,
    )
    cap = make_product(
        probolinggo,
        name="Batik Cap Motif Anggur",
        category_slug="batik",
        description="Batik cap katun primisima.",
        tiers=((20, 155_000),),
        **goods,
    )
    arabika = make_product(
        bekasi,
        name="Kopi Arabika Bubuk",
        category_slug="kuliner",
        description="Kopi bubuk sangrai sedang.",
        tiers=((24, 45_000),),
        min_order_quantity=24,
        lead_time_days=2,
        bpom_number="MD 224510001234",
        **goods,
    )
    boneka = make_product(bekasi, name="Boneka Beruang", tiers=((20, 50_000),))
    member = make_member(palu)
    make_offer(member, robusta, 400)
    make_offer(member, bawang, 5)  # fewer than its minimum order
    make_offer(make_member(bekasi), arabika, 100)
    return World(palu, probolinggo, bekasi, robusta, bawang, tulis, cap, arabika, boneka)
