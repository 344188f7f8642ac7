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

# Months one report may cover (a period chosen from two months, both included).
MAX_REPORT_MONTHS = 36
# Requests for quotation: cooperatives one RFQ may go to, and characters of its texts.
MAX_RFQ_COOPERATIVES = 10
MAX_RFQ_TEXT = 4000
# Characters of a catalogue search kept (the rest of a pasted text is dropped), and of a
# category, province or regency asked for in the catalogue's URL.
MAX_SEARCH_LENGTH = 100
MAX_SEARCH_PLACE = 80
# Photos: of a product (the first is its cover) and on a cooperative's profile page.
MAX_PRODUCT_PHOTOS = 8
MAX_COOPERATIVE_PHOTOS = 6
MAX_ALT_TEXT_LENGTH = 160
# A cooperative's story on its profile page, and the years it may have been founded in.
MAX_STORY_LENGTH = 4000
FIRST_FOUNDED_YEAR = 1900
# Saved delivery addresses one buyer may keep.
MAX_SAVED_ADDRESSES = 20
