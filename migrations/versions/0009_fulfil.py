"""Assignments store their reason as a code with numbers instead of English words.

The engine used to explain each share in fixed English sentences that were parsed back with
regular expressions to be translated. Existing rows are converted with those same patterns
(copied here, so the migration does not depend on today's code); a sentence that matches none
keeps its words as its code, which the page shows as it is. Downgrading writes the English
sentences back.

Revision ID: 0009_fulfil
Revises: 0008_ux
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0009_fulfil"
down_revision = "0008_ux"
branch_labels = None
depends_on = None

REOFFERED = "re-offered: "
# code -> the English sentence the engine (or the workflow) wrote, with {name} for each number
SENTENCES = {
    "nothing_to_allocate": "nothing to allocate",
    "full_in_steps": "full: capacity {cap}, in whole steps of {step}",
    "full": "full: capacity {cap}",
    "lot_given": "minimum lot {lot}: given its minimum lot so that the order is filled",
    "order_below_step": "the order is smaller than one step of {step} units",
    "proportional_share": "capacity {cap} of {total} total: {percent}% of the order",
    "equal_share": "equal share",
    "equal_too_small": "order too small for everyone: lower ids first",
    "rotation_no_units": "recent load {load} units: members with less go first, no units this time",
    "rotation_fewer": "recent load {load} units: fewer units this time, {total} in total",
    "rotation_level": "no recent load: {units} units, level with the others",
    "no_capacity": "no capacity",
    "capacity_below_step": "capacity {cap} is less than one step of {step} units",
    "lot_over_capacity": "minimum lot {lot} is more than its capacity {cap}",
    "lot_no_step": "minimum lot {lot} and capacity {cap} leave no whole step of {step}",
    "lot_unmet_total": "minimum lot {lot} could not be met: only {units} units can be placed",
    "lot_unmet_fit": "minimum lot {lot} could not be met: it does not fit with the other members' lots",
    "lot_unmet_others": (
        "minimum lot {lot} could not be met: the other members' lots leave too few units"
    ),
    "lot_unmet_fair": "minimum lot {lot} could not be met: its fair share is smaller",
    "set_by_admin": "set by the admin (the engine proposed {units})",
}


def _pattern(sentence: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", sentence)
    regex = "".join(
        re.escape(part) if k % 2 == 0 else rf"(?P<{part}>[\d.]+)" for k, part in enumerate(parts)
    )
    return re.compile(regex)


PATTERNS = [(code, _pattern(sentence)) for code, sentence in SENTENCES.items()]


def to_code(text: str) -> tuple[str, dict, bool]:
    """(code, params, reoffered) for a stored English reason."""
    reoffered = text.startswith(REOFFERED)
    text = text.removeprefix(REOFFERED)
    for code, pattern in PATTERNS:
        found = pattern.fullmatch(text)
        if found:
            params = {k: int(v) for k, v in found.groupdict().items() if k != "percent"}
            return code, params, reoffered
    return text[:40], {}, reoffered


def to_sentence(code: str, params: dict, reoffered: bool) -> str:
    sentence = SENTENCES.get(code)
    if sentence is None:
        text = code
    else:
        values = dict(params)
        if "{percent}" in sentence:
            total = values.get("total") or 1
            values["percent"] = f"{100 * values.get('cap', 0) / total:.1f}".removesuffix(".0")
        try:
            text = sentence.format(**values)
        except KeyError:
            text = code
    return (REOFFERED if reoffered else "") + text


assignments = sa.table(
    "assignments",
    sa.column("id", sa.Integer),
    sa.column("reason", sa.Text),
    sa.column("reason_code", sa.String),
    sa.column("reason_params", sa.JSON),
    sa.column("reoffered", sa.Boolean),
)


def upgrade():
    with op.batch_alter_table("assignments") as batch:
        batch.add_column(sa.Column("reason_code", sa.String(40), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("reason_params", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
        batch.add_column(
            sa.Column("reoffered", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    conn = op.get_bind()
    rows = conn.execute(sa.select(assignments.c.id, assignments.c.reason)).all()
    for row_id, text in rows:
        code, params, reoffered = to_code(text or "")
        conn.execute(
            assignments.update()
            .where(assignments.c.id == row_id)
            .values(reason_code=code, reason_params=params, reoffered=reoffered)
        )
    with op.batch_alter_table("assignments") as batch:
        batch.drop_column("reason")


def downgrade():
    with op.batch_alter_table("assignments") as batch:
        batch.add_column(sa.Column("reason", sa.Text(), nullable=False, server_default=""))
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(
            assignments.c.id,
            assignments.c.reason_code,
            assignments.c.reason_params,
            assignments.c.reoffered,
        )
    ).all()
    for row_id, code, params, reoffered in rows:
        conn.execute(
            assignments.update()
            .where(assignments.c.id == row_id)
            .values(reason=to_sentence(code, params or {}, bool(reoffered)))
        )
    with op.batch_alter_table("assignments") as batch:
        batch.drop_column("reason_code")
        batch.drop_column("reason_params")
        batch.drop_column("reoffered")
