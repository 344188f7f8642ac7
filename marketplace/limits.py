"""The marketplace's limits on what may be entered: one home, read by forms (to tell the user
early) and by services (which enforce them whatever the caller). Pure constants."""

from datetime import date

# The largest id is marketplace.db.MAX_ID, beside the key columns whose width sets it.

# Any whole number a form accepts fits a signed 64-bit database integer (BIGINT).
MAX_WHOLE_NUMBER = 2**63 - 1

# Larger than any real order; keeps database integers and arithmetic in range.
MAX_QUANTITY = 10_000_000
MAX_PRICE = 10_000_000_000  # whole rupiah

# Hours members have to answer, and hours a buyer has to pay: at most 30 days.
MAX_EXPIRY_HOURS = 720

MAX_LEAD_TIME_DAYS = 365

# Characters of a reason given to the other side (an order's cancellation, a cooperative's
# rejection or suspension).
MAX_REASON_LENGTH = 1000

# Every date the marketplace deals in (orders, deliveries, payments) lies in this range; dates
# at the calendar's ends (0001-01-01, 9999-12-31) would overflow time-zone arithmetic.
FIRST_DATE = date(2000, 1, 1)
LAST_DATE = date(2100, 12, 31)

# Saved delivery addresses one buyer may keep.
MAX_SAVED_ADDRESSES = 20
