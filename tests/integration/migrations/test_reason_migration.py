"""Migration 0009_fulfil turns the English reasons stored on assignments into codes with their
numbers, and back on downgrade (a fresh SQLite file, so the suite's database is untouched)."""

import json

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, text

from marketplace import create_app
from marketplace.fulfilment.allocation import PARAMS

STORED = [
    (
        "capacity 40 of 400 total: 10% of the order",
        "proportional_share",
        {"cap": 40, "total": 400},
        False,
    ),
    ("re-offered: full: capacity 12", "full", {"cap": 12}, True),
    ("full: capacity 9, in whole steps of 5", "full_in_steps", {"cap": 9, "step": 5}, False),
    ("set by the admin (the engine proposed 40)", "set_by_admin", {"units": 40}, False),
    (
        "re-offered: minimum lot 20 could not be met: its fair share is smaller",
        "lot_unmet_fair",
        {"lot": 20},
        True,
    ),
    ("order too small for everyone: lower ids first", "equal_too_small", {}, False),
    ("something an old version wrote", "something an old version wrote", {}, False),
]


@pytest.fixture
def old_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(revision="0008_ux")
    engine = create_engine(url)
    with engine.begin() as conn:
        for n, (reason, *_rest) in enumerate(STORED, start=1):
            conn.execute(
                text(
                    "INSERT INTO assignments (id, order_line_id, membership_id, quantity,"
                    " payout_per_unit, status, reason, decline_reason, accepted_quantity,"
                    " rejected_quantity, qc_reason, created_at, updated_at) VALUES (:id, 1, 1,"
                    " 10, 100, 'proposed', :reason, '', 0, 0, '', '2026-11-30', '2026-11-30')"
                ),
                {"id": n, "reason": reason},
            )
    yield app, engine
    engine.dispose()


def test_stored_sentences_become_codes_and_come_back(old_database):
    app, engine = old_database
    with app.app_context():
        upgrade(revision="0009_fulfil")
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT reason_code, reason_params, reoffered FROM assignments ORDER BY id")
        ).all()
    got = [(code, json.loads(params), bool(again)) for code, params, again in rows]
    assert got == [(code, params, again) for _text, code, params, again in STORED]
    for code, params, _again in got[:-2]:
        if code in PARAMS:
            assert set(params) == PARAMS[code]
    with app.app_context():
        downgrade(revision="0008_ux")
    with engine.connect() as conn:
        back = conn.execute(text("SELECT reason FROM assignments ORDER BY id")).scalars().all()
    assert back == [text_ for text_, *_rest in STORED]
