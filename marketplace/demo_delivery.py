"""Demo delivery options per cooperative (slug -> options and own-delivery fee rows)."""

JABODETABEK = [
    ("Daerah Khusus Ibukota Jakarta", "", 150_000),
    ("Jawa Barat", "Kota Bekasi", 50_000),
    ("Jawa Barat", "Kabupaten Bekasi", 75_000),
    ("Jawa Barat", "Kota Depok", 125_000),
    ("Jawa Barat", "Kota Bogor", 175_000),
    ("Jawa Barat", "Kabupaten Bogor", 200_000),
    ("Banten", "Kota Tangerang", 175_000),
    ("Banten", "Kota Tangerang Selatan", 175_000),
    ("Banten", "Kabupaten Tangerang", 200_000),
]

DELIVERY = {
    # dolls: the cooperative's van around Jabodetabek, couriers elsewhere
    "kopbon-bekasi": {
        "pickup": False,
        "own": JABODETABEK,
        "couriers": ("jne", "jnt", "sicepat"),
    },
    # batik: the showroom, the cooperative's car in East Java, couriers to the rest
    "batik-probolinggo": {
        "pickup": True,
        "hub": "Galeri Batik Koperasi, Jl. Panglima Sudirman No. 8, Kota Probolinggo",
        "own": [("Jawa Timur", "Kota Probolinggo", 25_000), ("Jawa Timur", "", 100_000)],
        "couriers": ("jne", "pos"),
    },
    "umkm-tangsel": {
        "pickup": True,
        "hub": "Gudang UMKM Tangsel, Jl. Pahlawan Seribu No. 21, Serpong",
        "own": [
            ("Banten", "Kota Tangerang Selatan", 20_000),
            ("Banten", "", 60_000),
            ("Daerah Khusus Ibukota Jakarta", "", 80_000),
        ],
        "couriers": ("jne", "sicepat"),
    },
    # farm and fishery produce: collected at the hub, or shipped as cargo
    "ksu-palu": {
        "pickup": True,
        "hub": "Gudang KSU Palu, Jl. Trans Sulawesi No. 5, Palu Barat",
        "own": [],
        "couriers": ("cargo",),
    },
    # photographers: they travel within the province for a fee
    "foto-bengkulu": {
        "pickup": True,
        "hub": "Studio Koperasi, Jl. Suprapto No. 3, Kota Bengkulu",
        "own": [("Bengkulu", "Kota Bengkulu", 0), ("Bengkulu", "", 250_000)],
        "couriers": ("other",),
    },
    "kopwan-donggala": {
        "pickup": True,
        "hub": "Balai Koperasi Wanita, Banawa, Donggala",
        "own": [],
        "couriers": ("cargo",),
    },
}
