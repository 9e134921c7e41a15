"""alerts: an officer's "done" and "snoozed" marks on Việc cần làm (local, never synced);
two payment indexes for the alert scan

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "alert_acks",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("state IN ('done', 'snoozed')", name=op.f("ck_alert_acks_state")),
        sa.CheckConstraint(
            "state = 'done' OR until IS NOT NULL", name=op.f("ck_alert_acks_snooze_until")
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_alert_acks")),
    )
    with op.batch_alter_table("alert_acks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alert_acks_person_id"), ["person_id"], unique=False)
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.create_index("ix_payments_month_level", ["month", "standard_level"], unique=False)
        batch_op.create_index(
            "ix_payments_not_collected",
            ["case_id", "month"],
            unique=False,
            sqlite_where=sa.text("status = 'not_collected'"),
        )


def downgrade() -> None:
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index("ix_payments_not_collected")
        batch_op.drop_index("ix_payments_month_level")
    with op.batch_alter_table("alert_acks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_acks_person_id"))
    op.drop_table("alert_acks")
