"""The operator's trend rules: the monthly share of active cooperatives, growing and stopped."""

from dataclasses import dataclass

from marketplace.admin.trend import PLATFORM, active_shares, classify, growth_percent

MONTHS = ["2026-01", "2026-02", "2026-03", "2026-04"]


def test_the_share_is_active_of_registered_per_province_and_for_the_platform():
    active = [("2026-01", "Bengkulu", 1, 0), ("2026-02", "Bengkulu", 1, 0)]
    registered = [(m, "Bengkulu", 2) for m in MONTHS] + [(m, "Banten", 3) for m in MONTHS]
    shares = active_shares(MONTHS, active, registered)
    assert shares["Bengkulu"] == [500, 500, 0, 0]
    assert shares["Banten"] == [0, 0, 0, 0]
    assert shares[PLATFORM] == [200, 200, 0, 0]


def test_a_cooperative_active_before_its_registration_counts_and_never_above_all():
    # one active cooperative in Jawa Barat, registered only in March
    active = [(m, "Jawa Barat", 1, 1 if m < "2026-03" else 0) for m in MONTHS]
    registered = [(m, "Jawa Barat", 0 if m < "2026-03" else 1) for m in MONTHS]
    shares = active_shares(MONTHS, active, registered)
    assert shares["Jawa Barat"] == [1000, 1000, 1000, 1000]
    assert all(v is None or 0 <= v <= 1000 for row in shares.values() for v in row)


def test_a_province_without_cooperatives_yet_has_no_share():
    registered = [("2026-03", "Banten", 1), ("2026-04", "Banten", 1)]
    shares = active_shares(MONTHS, [], registered)
    assert shares["Banten"] == [None, None, 0, 0]
    assert shares[PLATFORM] == [None, None, 0, 0]


@dataclass
class C:
    name: str
    recent_orders: int
    earlier_orders: int
    recent_turnover: int
    earlier_turnover: int


def test_growing_and_stopped():
    changes = [
        C("flat", 3, 3, 1000, 1000),
        C("up", 4, 2, 1500, 1000),
        C("new", 1, 0, 200, 0),
        C("stopped", 0, 5, 0, 9000),
        C("stopped small", 0, 1, 0, 100),
        C("down", 1, 4, 200, 1000),
        C("just above", 2, 2, 1100, 1000),
    ]
    growing, stopped = classify(changes)
    assert [c.name for c in growing] == ["new", "up", "just above"]
    assert [c.name for c in stopped] == ["stopped", "stopped small"]
    assert growth_percent(changes[1]) == 50 and growth_percent(changes[2]) is None
