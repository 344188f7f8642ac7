"""Invitations: links an admin sends so a person can join the cooperative.

A link is single-use (the first accept claims it), expires after INVITATION_DAYS and can be
revoked; an admin invitation only works for the account whose email address it was sent to.
"""

import re
import secrets
from dataclasses import asdict, dataclass, replace
from datetime import timedelta
from urllib.parse import quote

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.cooperatives.models import (
    Invitation,
    Membership,
    MembershipRole,
    MembershipStatus,
)
from marketplace.cooperatives.services.members import next_member_number
from marketplace.db import utcnow
from marketplace.errors import InvalidTransition, NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.mail import queue_mail
from marketplace.transaction import transaction


@dataclass(frozen=True)
class InvitationData:
    """Whom an admin invites (shape-checked and normalised by the form)."""

    name: str
    role: str = MembershipRole.MEMBER
    business_name: str = ""
    phone: str | None = None
    email: str | None = None


_REFUSALS = {
    "accepted": _l("This invitation has already been used."),
    "revoked": _l("This invitation was withdrawn by the cooperative."),
    "expired": _l("This invitation has expired. Ask the cooperative for a new link."),
    "other_account": _l(
        "This admin invitation was sent to another email address. Log in with the account it "
        "was sent to."
    ),
}


def invitation_state(invitation: Invitation) -> str:
    """One of "open", "accepted", "revoked", "expired"."""
    if invitation.accepted_at is not None:
        return "accepted"
    if invitation.revoked_at is not None:
        return "revoked"
    if invitation.expires_at <= utcnow():
        return "expired"
    return "open"


def refusal_for(invitation: Invitation, user: User | None) -> str | None:
    """Why `user` (None: not logged in) cannot accept this invitation, as a state code, or
    None when they can: "accepted", "revoked", "expired" or "other_account"."""
    state = invitation_state(invitation)
    if state != "open":
        return state
    if user is not None and not invitation.admits(user):
        return "other_account"
    return None


def refusal_message(code: str) -> str:
    return str(_REFUSALS[code])


def inviter_name(invitation: Invitation) -> str:
    inviter = db.session.get(User, invitation.invited_by_id)
    return inviter.name if inviter is not None else invitation.cooperative.name


def invitation_link(invitation: Invitation) -> str:
    """The absolute join link to send to the invited person."""
    return url_for("cooperatives.join", token=invitation.token, _external=True)


def invitation_message(invitation: Invitation, link: str) -> str:
    return _(
        "Hello %(name)s, %(cooperative)s invites you to join it on Pasar Koperasi: %(link)s",
        name=invitation.name,
        cooperative=invitation.cooperative.name,
        link=link,
    )


def whatsapp_share_url(phone: str | None, message: str) -> str:
    """A wa.me link that opens WhatsApp with `message`, to `phone` (E.164) when given."""
    digits = re.sub(r"\D", "", phone or "")
    return f"https://wa.me/{digits}?text={quote(message, safe='')}"


def invite_member(coop, actor: User, data: InvitationData) -> Invitation:
    """Create an invitation with an unguessable token valid for INVITATION_DAYS.

    An admin invitation needs an email address: only that account can accept it (else
    ValidationFailed on "email"). When an email address is given and MAIL_SERVER is
    configured the link is also emailed.
    """
    email = data.email.strip().lower() if data.email else None
    if data.role == MembershipRole.ADMIN and not email:
        raise ValidationFailed(
            _l("An admin invitation needs the email address of the person's account."),
            field="email",
        )
    days = int(current_app.config["INVITATION_DAYS"])
    with transaction():
        invitation = Invitation(
            cooperative_id=coop.id,
            token=secrets.token_urlsafe(32),
            **asdict(replace(data, email=email)),
            invited_by_id=actor.id,
            expires_at=utcnow() + timedelta(days=days),
        )
        db.session.add(invitation)
        record(
            "invitation.created",
            invitation,
            actor=actor,
            after={"name": data.name, "role": data.role, "email": email},
        )
        if email:
            _email_invitation(invitation)
    return invitation


def _email_invitation(invitation: Invitation) -> bool:
    # The invited person may have no account yet: write in the site's default language.
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        link = invitation_link(invitation)
        subject = _("Invitation to join %(cooperative)s", cooperative=invitation.cooperative.name)
        body = "\n\n".join(
            [
                invitation_message(invitation, link),
                _("The link is valid until %(date)s.", date=invitation.expires_at.date()),
            ]
        )
    return queue_mail(invitation.email, subject, body)


def revoke_invitation(invitation: Invitation, actor: User) -> Invitation:
    """Make an open invitation's link stop working. Raises InvalidTransition otherwise."""
    with transaction():
        if invitation_state(invitation) != "open":
            raise InvalidTransition(_l("This invitation is no longer open."))
        invitation.revoked_at = utcnow()
        record(
            "invitation.revoked",
            invitation,
            actor=actor,
            before={"state": "open"},
            after={"state": "revoked"},
        )
    return invitation


def _membership_made_for(invitation: Invitation, user: User) -> Membership | None:
    """The membership this invitation already made for `user` (a repeated accept)."""
    if invitation.membership_id is None:
        return None
    existing = db.session.get(Membership, invitation.membership_id)
    return existing if existing is not None and existing.user_id == user.id else None


def accept_invitation(invitation: Invitation, user: User) -> Membership:
    """Make `user` a member of the inviting cooperative, with the next member number.

    Accepting the same invitation twice returns the membership made the first time. Raises
    InvalidTransition for an expired, revoked or used link, NotAllowed for an admin invitation
    sent to another email address or when the user is already an active member of that
    cooperative. A deactivated member is reactivated.
    """
    repeated = _membership_made_for(invitation, user)
    if repeated is not None:
        return repeated
    refusal = refusal_for(invitation, user)
    if refusal == "other_account":
        raise NotAllowed(_REFUSALS[refusal])
    if refusal is not None:
        raise InvalidTransition(_REFUSALS[refusal])
    try:
        with transaction():
            membership = _join(invitation, user)
    except IntegrityError:
        # A simultaneous request made this user's membership or took the member number.
        db.session.expire_all()
        repeated = _membership_made_for(db.session.get(Invitation, invitation.id), user)
        if repeated is not None:
            return repeated
        raise InvalidTransition(_l("Joining did not work this time. Please try again.")) from None
    return membership


def _claim(invitation: Invitation) -> None:
    """Mark the invitation used; of two simultaneous accepts only one wins."""
    now = utcnow()
    claimed = db.session.execute(
        update(Invitation)
        .where(
            Invitation.id == invitation.id,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        )
        .values(accepted_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        raise InvalidTransition(_REFUSALS["accepted"])
    invitation.accepted_at = now


def _join(invitation: Invitation, user: User) -> Membership:
    """Within the caller's transaction: claim the invitation and make or reactivate the
    membership, with its audit event."""
    membership = db.session.scalar(
        select(Membership).where(
            Membership.cooperative_id == invitation.cooperative_id,
            Membership.user_id == user.id,
        )
    )
    if membership is not None and membership.status == MembershipStatus.ACTIVE:
        raise NotAllowed(_l("You are already a member of this cooperative."))
    _claim(invitation)
    if membership is None:
        membership = Membership(
            user_id=user.id,
            cooperative_id=invitation.cooperative_id,
            role=invitation.role,
            status=MembershipStatus.ACTIVE,
            member_number=next_member_number(invitation.cooperative_id, invitation.role),
            business_name=invitation.business_name,
        )
        db.session.add(membership)
        action, before = "membership.created", None
    else:
        before = {"status": membership.status, "role": membership.role}
        membership.status = MembershipStatus.ACTIVE
        membership.role = invitation.role
        membership.business_name = invitation.business_name or membership.business_name
        action = "membership.reactivated"
    db.session.flush()
    invitation.membership_id = membership.id
    record(
        action,
        membership,
        actor=user,
        before=before,
        after={
            "role": membership.role,
            "member_number": membership.member_number,
            "invitation_id": invitation.id,
        },
    )
    return membership
