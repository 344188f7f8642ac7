"""Cooperatives' use cases: registration and profile, members, invitations, supply offers.

Each lives in its own module; the names views and other packages use are gathered here.
"""

from marketplace.cooperatives.services.delivery import (
    DeliveryOptions,
    remove_delivery_fee,
    set_delivery_fee,
    update_delivery_options,
)
from marketplace.cooperatives.services.invitations import (
    InvitationData,
    accept_invitation,
    invitation_link,
    invitation_message,
    invitation_state,
    invite_member,
    inviter_name,
    refusal_for,
    refusal_message,
    revoke_invitation,
    whatsapp_share_url,
)
from marketplace.cooperatives.services.members import (
    deactivate_member,
    next_member_number,
)
from marketplace.cooperatives.services.registration import (
    LEGAL_FIELDS,
    CooperativeProfile,
    CooperativeSettings,
    LegalIdentity,
    register_cooperative,
    update_cooperative,
)
from marketplace.cooperatives.services.supply_offers import (
    SupplyOfferData,
    available_by_date,
    pooled_availability,
    save_supply_offer,
)

__all__ = [
    "LEGAL_FIELDS",
    "CooperativeProfile",
    "CooperativeSettings",
    "DeliveryOptions",
    "remove_delivery_fee",
    "set_delivery_fee",
    "update_delivery_options",
    "InvitationData",
    "LegalIdentity",
    "SupplyOfferData",
    "accept_invitation",
    "deactivate_member",
    "invitation_link",
    "invitation_message",
    "invitation_state",
    "invite_member",
    "inviter_name",
    "next_member_number",
    "available_by_date",
    "pooled_availability",
    "refusal_for",
    "refusal_message",
    "register_cooperative",
    "revoke_invitation",
    "save_supply_offer",
    "update_cooperative",
    "whatsapp_share_url",
]
