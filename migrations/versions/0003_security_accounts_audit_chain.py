"""security: local user accounts, the audit log's hash chain, append-only audit log

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29

Existing audit entries are chained in seq order (renumbered 1..n if a gap exists, so the
chain has no holes to explain). After this revision audit_log refuses UPDATE and DELETE at
the SQL level: a later revision that must alter the table drops the two triggers first and
recreates them after.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from btxh_desktop.storage.audit import GENESIS, HASHED_FIELDS, chain_hash

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGERS = {
    "audit_log_no_update": "BEFORE UPDATE",
    "audit_log_no_delete": "BEFORE DELETE",
}

AUDIT = sa.table(
    "audit_log",
    sa.column("seq", sa.Integer),
    sa.column("id", sa.String),
    sa.column("at", sa.DateTime),
    sa.column("username", sa.String),
    sa.column("action", sa.String),
    sa.column("entity", sa.String),
    sa.column("record_id", sa.String),
    sa.column("fields", sa.JSON),
    sa.column("detail", sa.JSON),
    sa.column("device_id", sa.String),
    sa.column("prev_hash", sa.String),
    sa.column("hash", sa.String),
)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("username", sa.String(length=32), nullable=False),
        sa.Column("full_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(), nullable=False),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "role IN ('data_entry', 'approver', 'admin')", name=op.f("ck_users_role")
        ),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_users")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("device_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    _chain_existing_entries()
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
    for name, when in TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER {name} {when} ON audit_log"
            " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        )


def _chain_existing_entries() -> None:
    bind = op.get_bind()
    seqs = [r[0] for r in bind.execute(sa.select(AUDIT.c.seq).order_by(AUDIT.c.seq))]
    if seqs != list(range(1, len(seqs) + 1)):
        # Negative first so no new number collides with an old one on the way.
        bind.execute(AUDIT.update().values(seq=-AUDIT.c.seq))
        for new, old in enumerate(seqs, start=1):
            bind.execute(AUDIT.update().where(AUDIT.c.seq == -old).values(seq=new))
    prev = GENESIS
    links = []
    rows = bind.execute(sa.select(*(AUDIT.c[n] for n in HASHED_FIELDS)).order_by(AUDIT.c.seq))
    for row in rows.all():
        current = chain_hash(prev, dict(row._mapping))
        links.append({"b_seq": row.seq, "b_prev": prev, "b_hash": current})
        prev = current
    if links:
        bind.execute(
            AUDIT.update()
            .where(AUDIT.c.seq == sa.bindparam("b_seq"))
            .values(prev_hash=sa.bindparam("b_prev"), hash=sa.bindparam("b_hash")),
            links,
        )


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("device_id")
    op.drop_table("users")
