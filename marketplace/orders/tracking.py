"""Couriers we know and where their parcels are tracked (pure: no Flask, no database).

A shipment keeps the courier's code (or, for another courier, its name as typed) and the
tracking number (resi). For a known courier the buyer gets a link to its tracking page; for
anyone else, the number only.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Courier:
    code: str
    name: str
    tracking_url: str | None  # with {resi}; None for the cooperative's own delivery


OWN_DELIVERY = "own"
COURIERS: dict[str, Courier] = {
    c.code: c
    for c in (
        Courier("jne", "JNE", "https://www.jne.co.id/tracking-package?awb={resi}"),
        Courier("jnt", "J&T Express", "https://jet.co.id/track?awb={resi}"),
        Courier("sicepat", "SiCepat", "https://www.sicepat.com/checkAwb?awb={resi}"),
        Courier("pos", "Pos Indonesia", "https://www.posindonesia.co.id/id/tracking/{resi}"),
    )
}
_RESI = re.compile(r"^[A-Za-z0-9-]{4,40}$")


def courier_name(code: str) -> str:
    """The courier's name for a known code, otherwise what was typed."""
    known = COURIERS.get(code)
    return known.name if known else code


def is_valid_resi(resi: str) -> bool:
    """A tracking number as couriers print them: letters, digits and dashes."""
    return bool(_RESI.match(resi))


def tracking_url(code: str, resi: str) -> str | None:
    """The courier's tracking page for this resi, or None (unknown courier or no number)."""
    known = COURIERS.get(code)
    if known is None or known.tracking_url is None or not is_valid_resi(resi or ""):
        return None
    return known.tracking_url.format(resi=quote(resi, safe=""))
