"""sync: local conflicts and sync history; the outbox accepts conflict resolutions

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29

`resolve` joins the outbox's operation kinds: a person's choice for a conflicted field
travels as its own operation, so the server can close the conflict on every PC.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("scope", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("kept_value", sa.JSON(), nullable=False),
        sa.Column("kept_version", sa.Integer(), nullable=False),
        sa.Column("kept_by", sa.String(length=64), nullable=False),
        sa.Column("proposed_value", sa.JSON(), nullable=False),
        sa.Column("proposed_by", sa.String(length=64), nullable=False),
        sa.Column("proposed_device", sa.String(length=64), nullable=False),
        sa.Column("payment_field", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=64), nullable=True),
        sa.Column("resolution", sa.JSON(), nullable=True),
        sa.CheckConstraint(
            "state IN ('open', 'resolving', 'resolved')", name=op.f("ck_sync_conflicts_state")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.create_index("ix_sync_conflicts_record", ["entity", "record_id"], unique=False)
        batch_op.create_index("ix_sync_conflicts_state", ["state"], unique=False)

    op.create_table(
        "sync_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("trigger", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("error_code", sa.String(length=64), nullable=True),
        sa.Column("error_params", sa.JSON(), nullable=False),
        sa.Column("pushed", sa.Integer(), nullable=False),
        sa.Column("merged", sa.Integer(), nullable=False),
        sa.Column("conflicts", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("pulled", sa.Integer(), nullable=False),
        sa.Column("incoming_failed", sa.Integer(), nullable=False),
        sa.Column("repaired", sa.Integer(), nullable=False),
        sa.Column("round_trips", sa.Integer(), nullable=False),
        sa.Column("bytes_sent", sa.Integer(), nullable=False),
        sa.Column("bytes_received", sa.Integer(), nullable=False),
        sa.Column("verified", sa.Boolean(), nullable=True),
        sa.CheckConstraint(
            "outcome IN ('running', 'ok', 'failed', 'cancelled', 'interrupted')",
            name=op.f("ck_sync_runs_outcome"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_runs")),
    )
    with op.batch_alter_table("sync_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_runs_started_at"), ["started_at"], unique=False)

    _outbox_ops("'upsert', 'delete', 'move', 'resolve'")


def downgrade() -> None:
    op.execute("DELETE FROM outbox WHERE op = 'resolve'")
    _outbox_ops("'upsert', 'delete', 'move'")
    with op.batch_alter_table("sync_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_runs_started_at"))

    op.drop_table("sync_runs")
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_conflicts_state")
        batch_op.drop_index("ix_sync_conflicts_record")

    op.drop_table("sync_conflicts")


def _outbox_ops(allowed: str) -> None:
    with op.batch_alter_table("outbox", recreate="always") as batch_op:
        batch_op.drop_constraint(op.f("ck_outbox_op"), type_="check")
        batch_op.create_check_constraint("op", f"op IN ({allowed})")
