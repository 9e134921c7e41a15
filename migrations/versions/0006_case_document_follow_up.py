"""allowance cases: a follow-up date and note for a missing paper (Việc cần làm)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29

Both columns are synced with the rest of the case; the index serves the daily alert scan,
which reads only the few cases with a date set.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("allowance_cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("documents_due", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("documents_note", sa.Text(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_allowance_cases_documents_due"), ["documents_due"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("allowance_cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_allowance_cases_documents_due"))
        batch_op.drop_column("documents_note")
        batch_op.drop_column("documents_due")
