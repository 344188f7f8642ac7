"""What a token may do. Pure constants.

`read` lets a token call the API's GET endpoints; `write` its POST, PATCH and DELETE endpoints
(placing and cancelling orders, changing products, recording shipments). Whose data a token
reaches is never a scope: it is always its owner's own (their orders as a buyer, the
cooperatives they administer), checked by the same access rules as the web pages.
"""

READ = "read"
WRITE = "write"
SCOPES = (READ, WRITE)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Tokens one person may hold at once (revoked ones do not count).
MAX_ACTIVE_TOKENS = 20
MAX_NAME_LENGTH = 80
SECRET_PREFIX = "pk_live_"
SHOWN_PREFIX_LENGTH = len(SECRET_PREFIX) + 8


def scope_for(method: str) -> str:
    """The scope a request with this HTTP method needs."""
    return READ if method.upper() in SAFE_METHODS else WRITE
