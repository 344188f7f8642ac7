"""Demo photos: a drawn picture for every demo product, and for every demo cooperative a logo,
two photos, its story, founding year and WhatsApp number (marketplace.demo_art draws them).

Idempotent: a product that has a photo and a cooperative that has a logo are left alone.
"""

from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.catalogue.models import Product
from marketplace.catalogue.photos import add_product_photo
from marketplace.cooperatives.models import Cooperative, Membership, MembershipRole
from marketplace.cooperatives.services.profile import (
    ProfileStory,
    add_cooperative_photo,
    set_logo,
    update_story,
)
from marketplace.demo_art import TINTS, logo, picture
from marketplace.extensions import db
from marketplace.transaction import transaction

# slug -> (initials, colour, logo motif, founded, phone, story, two (motif, caption) photos)
PROFILES = {
    "kopbon-bekasi": (
        "KOPBON",
        (196, 90, 60),
        "bear",
        2011,
        "+6281210001001",
        "KOPBON berawal dari dua belas bengkel boneka rumahan di Bekasi yang lelah bersaing "
        "harga sendiri-sendiri. Kini anggota berbagi pesanan besar, bahan dakron dibeli "
        "bersama, dan setiap boneka diperiksa mutunya sebelum dikirim.",
        (("bear", "Bengkel anggota: boneka beruang siap dikemas"), ("rabbit", "Merajut boneka")),
    ),
    "batik-probolinggo": (
        "BATIK PBL",
        (120, 72, 40),
        "batik",
        2008,
        "+6281210001002",
        "Perajin batik tulis, bordir dan aksesori dari pesisir Probolinggo. Motif mangrove dan "
        "anggur lahir dari alam sekitar kami; setiap kain dicanting tangan oleh anggota.",
        (("mangrove", "Batik tulis motif mangrove"), ("woven_bag", "Tas anyaman anggota")),
    ),
    "umkm-tangsel": (
        "UMKM TANGSEL",
        (30, 120, 80),
        "cookies",
        2016,
        "+6281210001003",
        "Koperasi pemasaran bagi usaha kuliner dan kriya binaan di Tangerang Selatan. Kami "
        "mengurus izin P-IRT dan halal bersama, dan memasarkan produk anggota ke kantor dan "
        "hotel.",
        (("chips", "Dapur anggota: keripik balado"), ("candles", "Hampers lilin aromaterapi")),
    ),
    "ksu-palu": (
        "KSU PALU",
        (38, 90, 110),
        "coffee",
        2005,
        "+6281210001004",
        "Petani kopi dan kakao di lereng Palu dan nelayan Teluk Palu, bangkit bersama setelah "
        "gempa 2018. Hasil panen dan tangkapan dikumpulkan, disortir dan dijual bersama.",
        (("coffee", "Kopi robusta dari kebun anggota"), ("fish", "Ikan cakalang asap nelayan")),
    ),
    "foto-bengkulu": (
        "FOTO BKL",
        (50, 50, 80),
        "camera",
        2019,
        "+6281210001005",
        "Fotografer dan videografer Kota Bengkulu yang bekerja sama: satu pintu untuk foto "
        "produk UMKM, dokumentasi acara dan foto udara, dengan jadwal yang dibagi adil.",
        (("camera", "Peralatan anggota"), ("drone", "Foto udara pantai Bengkulu")),
    ),
}

# product name -> motif of its picture (demo_art.MOTIFS)
PRODUCT_MOTIFS = {
    "Boneka Beruang 30 cm": "bear",
    "Boneka Kelinci Rajut": "rabbit",
    "Boneka Maskot Custom": "mascot",
    "Boneka Wisuda": "graduate",
    "Gantungan Kunci Boneka Mini": "keychains",
    "Boneka Tangan Edukasi": "puppet",
    "Batik Tulis Motif Mangrove": "mangrove",
    "Batik Cap Motif Anggur": "grapes",
    "Kain Batik Kombinasi": "batik",
    "Kerudung Bordir": "headscarf",
    "Tas Anyaman Aksen Batik": "woven_bag",
    "Syal Batik Sutra": "scarf",
    "Keripik Singkong Balado 250 g": "chips",
    "Kue Nastar Premium 500 g": "cookies",
    "Sambal Roa 200 g": "sambal",
    "Tas Rajut Tangan": "knit_bag",
    "Miniatur Kayu Rumah Adat": "house",
    "Lilin Aromaterapi Hampers": "candles",
    "Kopi Robusta Grade 1": "coffee",
    "Kakao Fermentasi": "cocoa",
    "Ikan Cakalang Asap": "fish",
    "Bawang Goreng Palu 250 g": "shallots",
    "Kelapa Butir": "coconut",
    "Rumput Laut Kering": "seaweed",
    "Paket Foto Produk UMKM": "product_shoot",
    "Dokumentasi Acara": "video",
    "Foto Prewedding": "wedding",
    "Foto Udara Drone": "drone",
    "Video Profil Usaha": "video",
    "Foto Katalog Kuliner": "food_shoot",
}


def _admin(coop: Cooperative) -> User:
    return db.session.scalar(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.cooperative_id == coop.id, Membership.role == MembershipRole.ADMIN)
        .order_by(Membership.id)
    )


def _dress_cooperative(coop: Cooperative, admin: User) -> None:
    initials, color, motif, founded, phone, story, photos = PROFILES[coop.slug]
    if coop.logo_key is not None:
        return
    if coop.phone is None:
        with transaction():
            coop.phone = phone
    update_story(coop, admin, ProfileStory(story=story, founded_year=founded))
    set_logo(coop, admin, logo(initials, color, motif))
    for photo_motif, caption in photos:
        image = picture(photo_motif, caption, coop.name, color)
        add_cooperative_photo(coop, admin, image, caption)


def _photograph_products(coop: Cooperative, admin: User) -> None:
    color = PROFILES[coop.slug][1]
    products = db.session.scalars(
        select(Product).where(Product.cooperative_id == coop.id).order_by(Product.id)
    )
    for index, product in enumerate(products):
        motif = PRODUCT_MOTIFS.get(product.name)
        if motif is None or product.photos:
            continue
        subtitle = f"{coop.name} · {coop.regency}"
        tint = TINTS[index % len(TINTS)]
        image = picture(motif, product.name, subtitle, color, tint)
        add_product_photo(product, admin, image, "")


def seed_demo_photos() -> None:
    """Give every demo product its picture and every demo cooperative its profile."""
    coops = db.session.scalars(select(Cooperative).where(Cooperative.slug.in_(list(PROFILES))))
    for coop in coops:
        admin = _admin(coop)
        _dress_cooperative(coop, admin)
        _photograph_products(coop, admin)
