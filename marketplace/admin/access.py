"""Load what the platform admin works on (the views are already limited to platform admins)."""

from marketplace.cooperatives.models import Cooperative
from marketplace.extensions import db


def get_cooperative(coop_id: int) -> Cooperative:
    """Any cooperative, whatever its status; an unknown id is 404."""
    return db.get_or_404(Cooperative, coop_id)
