"""reference data: 2025 provinces and communes, legacy provinces, ethnic groups

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

Loaded from the JSON shipped in resources/reference, so users never type them. A later
update of the lists is a new revision that reloads them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from btxh_desktop.domain.identity import fold
from btxh_desktop.domain.reference import ReferenceData

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("provinces", "legacy_provinces", "communes", "ethnic_groups")


def upgrade() -> None:
    ref = ReferenceData.load()
    meta = sa.MetaData()
    provinces = sa.Table("provinces", meta, autoload_with=op.get_bind())
    legacy = sa.Table("legacy_provinces", meta, autoload_with=op.get_bind())
    communes = sa.Table("communes", meta, autoload_with=op.get_bind())
    ethnic = sa.Table("ethnic_groups", meta, autoload_with=op.get_bind())
    op.bulk_insert(
        provinces,
        [{"code": p.code, "name": p.name, "full_name": p.full_name} for p in ref.provinces],
    )
    op.bulk_insert(
        legacy,
        [
            {"code": p.code, "name": p.name, "successor_code": p.successor_code}
            for p in ref.legacy_provinces
        ],
    )
    op.bulk_insert(
        communes,
        [
            {
                "code": c.code,
                "name": c.name,
                "full_name": c.full_name,
                "province_code": c.province_code,
                "search_name": fold(c.full_name),
            }
            for c in ref.communes
        ],
    )
    op.bulk_insert(ethnic, [{"code": g.code, "name": g.name_vi} for g in ref.ethnic_groups])


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"DELETE FROM {table}")
