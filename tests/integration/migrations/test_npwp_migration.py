"""The 0006_docs data migration: an NPWP stored in the old 15-digit form becomes 16 digits."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from marketplace import create_app
from marketplace.extensions import db

_COOP = (
    "INSERT INTO cooperatives (slug, name, kind, legal_entity_number, nib, npwp, province, "
    "regency, address, time_zone, description, status, bank_name, bank_account_number, "
    "bank_account_holder, fee_rate_bp, default_allocation_policy, created_at, updated_at) "
    "VALUES (:slug, 'Koperasi Lama', 'producer', 'AHU-1', :nib, :npwp, 'Jawa Barat', 'Bekasi', "
    "'', 'Asia/Jakarta', '', 'verified', 'BRI', '0123456789', 'Koperasi Lama', 0, "
    "'proportional', '2024-01-01 00:00:00', '2024-01-01 00:00:00')"
)


def test_old_fifteen_digit_npwps_get_their_leading_zero(tmp_path):
    old = create_app("testing", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'm.db'}"})
    with old.app_context():
        upgrade(revision="0005_coops")
        with db.engine.begin() as conn:
            for slug, nib, npwp in (
                ("lama", "1000000000001", "012345678901000"),  # stored before normalising
                ("baru", "1000000000002", "0987654321098000"),
                ("tanpa", "1000000000003", None),
            ):
                conn.execute(text(_COOP), {"slug": slug, "nib": nib, "npwp": npwp})
        upgrade()
        with db.engine.connect() as conn:
            rows = dict(conn.execute(text("SELECT slug, npwp FROM cooperatives")).all())
        assert rows == {"lama": "0012345678901000", "baru": "0987654321098000", "tanpa": None}
        downgrade(revision="0005_coops")  # and back: the columns go, the NPWPs stay
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT npwp FROM cooperatives WHERE slug = 'lama'")).scalar()
        db.session.remove()
        db.engine.dispose()
