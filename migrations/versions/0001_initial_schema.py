"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-29 21:04:59.764979
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Only live people are searchable: a tombstone leaves the search table, an undelete returns.
FTS_TRIGGERS = (
    "CREATE TRIGGER people_ai AFTER INSERT ON people WHEN new.deleted_at IS NULL BEGIN"
    " INSERT INTO people_search(person_id, search_name, code, cccd)"
    " VALUES (new.id, new.search_name, new.code, coalesce(new.cccd, '')); END",
    "CREATE TRIGGER people_au AFTER UPDATE OF search_name, code, cccd, deleted_at ON people"
    " BEGIN"
    " DELETE FROM people_search WHERE person_id = new.id AND new.deleted_at IS NOT NULL;"
    " UPDATE people_search SET search_name = new.search_name, code = new.code,"
    " cccd = coalesce(new.cccd, '') WHERE person_id = new.id;"
    " INSERT INTO people_search(person_id, search_name, code, cccd)"
    " SELECT new.id, new.search_name, new.code, coalesce(new.cccd, '')"
    " WHERE new.deleted_at IS NULL"
    " AND NOT EXISTS (SELECT 1 FROM people_search WHERE person_id = new.id); END",
    "CREATE TRIGGER people_ad AFTER DELETE ON people BEGIN"
    " DELETE FROM people_search WHERE person_id = old.id; END",
    "CREATE TRIGGER people_search_ai AFTER INSERT ON people_search BEGIN"
    " INSERT INTO people_fts(rowid, search_name, code, cccd)"
    " VALUES (new.rowid, new.search_name, new.code, new.cccd); END",
    "CREATE TRIGGER people_search_ad AFTER DELETE ON people_search BEGIN"
    " INSERT INTO people_fts(people_fts, rowid, search_name, code, cccd)"
    " VALUES ('delete', old.rowid, old.search_name, old.code, old.cccd); END",
    "CREATE TRIGGER people_search_au AFTER UPDATE ON people_search BEGIN"
    " INSERT INTO people_fts(people_fts, rowid, search_name, code, cccd)"
    " VALUES ('delete', old.rowid, old.search_name, old.code, old.cccd);"
    " INSERT INTO people_fts(rowid, search_name, code, cccd)"
    " VALUES (new.rowid, new.search_name, new.code, new.cccd); END",
)


def upgrade() -> None:

    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=True),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("id", name=op.f("uq_audit_log_id")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_record_id"), ["record_id"], unique=False)

    op.create_table(
        "communes",
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("province_code", sa.String(length=8), nullable=False),
        sa.Column("search_name", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_communes")),
    )
    with op.batch_alter_table("communes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_communes_province_code"), ["province_code"], unique=False
        )

    op.create_table(
        "emergency_events",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("commune_code", sa.String(length=8), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emergency_events")),
    )
    op.create_table(
        "ethnic_groups",
        sa.Column("code", sa.String(length=4), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_ethnic_groups")),
    )
    op.create_table(
        "facilities",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("commune_code", sa.String(length=8), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facilities")),
        sa.UniqueConstraint("code", name=op.f("uq_facilities_code")),
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("op", sa.String(length=16), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("result_code", sa.String(length=40), nullable=True),
        sa.Column("result_detail", sa.JSON(), nullable=True),
        sa.CheckConstraint("op IN ('upsert', 'delete', 'move')", name=op.f("ck_outbox_op")),
        sa.CheckConstraint("state IN ('pending', 'rejected')", name=op.f("ck_outbox_state")),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
        sa.UniqueConstraint("op_id", name=op.f("uq_outbox_op_id")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_record", ["entity", "record_id"], unique=False)
        batch_op.create_index("ix_outbox_state", ["state", "seq"], unique=False)

    op.create_table(
        "people",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("full_name", sa.String(length=100), nullable=False),
        sa.Column("search_name", sa.String(length=100), nullable=False),
        sa.Column("other_name", sa.String(length=100), nullable=True),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("birth_month", sa.Integer(), nullable=True),
        sa.Column("birth_day", sa.Integer(), nullable=True),
        sa.Column("birth_precision", sa.String(length=8), nullable=False),
        sa.Column("sex", sa.String(length=8), nullable=False),
        sa.Column("ethnicity_code", sa.String(length=4), nullable=True),
        sa.Column("cccd", sa.String(length=12), nullable=True),
        sa.Column("cccd_issued_on", sa.Date(), nullable=True),
        sa.Column("old_id_number", sa.String(length=12), nullable=True),
        sa.Column("phone", sa.String(length=16), nullable=True),
        sa.Column("commune_code", sa.String(length=8), nullable=True),
        sa.Column("address_detail", sa.String(length=300), nullable=True),
        sa.Column("father_name", sa.String(length=100), nullable=True),
        sa.Column("mother_name", sa.String(length=100), nullable=True),
        sa.Column("school_status", sa.String(length=16), nullable=True),
        sa.Column("school_level", sa.String(length=60), nullable=True),
        sa.Column("hiv_status", sa.String(length=16), nullable=True),
        sa.Column("health_notes", sa.Text(), nullable=True),
        sa.Column("death_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "(birth_precision = 'unknown' AND birth_year IS NULL AND birth_month IS NULL AND birth_day IS NULL) OR (birth_precision = 'year' AND birth_year IS NOT NULL AND birth_month IS NULL AND birth_day IS NULL) OR (birth_precision = 'month' AND birth_year IS NOT NULL AND birth_month IS NOT NULL AND birth_day IS NULL) OR (birth_precision = 'day' AND birth_year IS NOT NULL AND birth_month IS NOT NULL AND birth_day IS NOT NULL)",
            name=op.f("ck_people_birth_precision"),
        ),
        sa.CheckConstraint(
            "hiv_status IS NULL OR hiv_status IN ('positive', 'negative')",
            name=op.f("ck_people_hiv"),
        ),
        sa.CheckConstraint("sex IN ('male', 'female', 'unknown')", name=op.f("ck_people_sex")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index("ix_people_birth_year", ["birth_year"], unique=False)
        batch_op.create_index(batch_op.f("ix_people_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_people_cccd"), ["cccd"], unique=False)
        batch_op.create_index(batch_op.f("ix_people_commune_code"), ["commune_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_people_search_name"), ["search_name"], unique=False)

    op.create_table(
        "provinces",
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_provinces")),
    )
    op.create_table(
        "legacy_provinces",
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("successor_code", sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_legacy_provinces")),
    )
    op.create_table(
        "site",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_type", sa.String(length=16), nullable=False),
        sa.Column("site_code", sa.String(length=16), nullable=False),
        sa.Column("site_name", sa.String(length=200), nullable=False),
        sa.Column("province_code", sa.String(length=8), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("next_record_number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("site_type IN ('facility', 'commune')", name=op.f("ck_site_site_type")),
        sa.CheckConstraint("id = 1", name=op.f("ck_site_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site")),
    )
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "allowance_cases",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("commune_code", sa.String(length=8), nullable=False),
        sa.Column("category", sa.String(length=8), nullable=False),
        sa.Column("sub_case", sa.String(length=40), nullable=True),
        sa.Column("other_categories", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("application_date", sa.Date(), nullable=False),
        sa.Column("submission_channel", sa.String(length=16), nullable=True),
        sa.Column("result_channel", sa.String(length=16), nullable=True),
        sa.Column("children_count", sa.Integer(), nullable=False),
        sa.Column("decision_number", sa.String(length=40), nullable=True),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("decision_signer", sa.String(length=100), nullable=True),
        sa.Column("coefficient", sa.String(length=20), nullable=True),
        sa.Column("standard_level", sa.Integer(), nullable=True),
        sa.Column("monthly_amount", sa.Integer(), nullable=True),
        sa.Column("start_month", sa.String(length=7), nullable=True),
        sa.Column("stop_month", sa.String(length=7), nullable=True),
        sa.Column("payment_method", sa.String(length=16), nullable=False),
        sa.Column("payment_point", sa.String(length=100), nullable=True),
        sa.Column("account_number", sa.String(length=40), nullable=True),
        sa.Column("bank_name", sa.String(length=100), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "payment_method IN ('post_office', 'bank', 'ewallet', 'cash')",
            name=op.f("ck_allowance_cases_payment_method"),
        ),
        sa.CheckConstraint(
            "status IN ('applied', 'active', 'suspended', 'stopped', 'moved', 'rejected')",
            name=op.f("ck_allowance_cases_status"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_allowance_cases_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allowance_cases")),
    )
    with op.batch_alter_table("allowance_cases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_allowance_cases_commune_code"), ["commune_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_allowance_cases_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            "ix_allowance_cases_status_category", ["status", "category"], unique=False
        )

    op.create_table(
        "attachments",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("mime_type", sa.String(length=100), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("kind IN ('photo', 'document')", name=op.f("ck_attachments_kind")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_attachments_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachments_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachments_sha256"), ["sha256"], unique=False)

    op.create_table(
        "care_supports",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("carer_name", sa.String(length=100), nullable=False),
        sa.Column("carer_cccd", sa.String(length=12), nullable=True),
        sa.Column("coefficient", sa.String(length=20), nullable=False),
        sa.Column("monthly_amount", sa.Integer(), nullable=False),
        sa.Column("start_month", sa.String(length=7), nullable=False),
        sa.Column("end_month", sa.String(length=7), nullable=True),
        sa.Column("decision_number", sa.String(length=40), nullable=True),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_care_supports_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_supports")),
    )
    with op.batch_alter_table("care_supports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_care_supports_person_id"), ["person_id"], unique=False)

    op.create_table(
        "disability_assessments",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("disability_type", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=24), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=True),
        sa.Column("certificate_number", sa.String(length=40), nullable=True),
        sa.Column("certificate_issued_on", sa.Date(), nullable=True),
        sa.Column("reassessment_due", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "level IN ('particularly_severe', 'severe', 'mild')",
            name=op.f("ck_disability_assessments_level"),
        ),
        sa.CheckConstraint(
            "disability_type BETWEEN 1 AND 6", name=op.f("ck_disability_assessments_type")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_disability_assessments_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disability_assessments")),
    )
    with op.batch_alter_table("disability_assessments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_disability_assessments_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "emergency_distributions",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=True),
        sa.Column("household_head", sa.String(length=100), nullable=False),
        sa.Column("household_size", sa.Integer(), nullable=False),
        sa.Column("support_kind", sa.String(length=24), nullable=False),
        sa.Column("rice_kg", sa.String(length=20), nullable=False),
        sa.Column("cash_amount", sa.Integer(), nullable=False),
        sa.Column("distributed_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("cash_amount >= 0", name=op.f("ck_emergency_distributions_cash")),
        sa.CheckConstraint(
            "household_size >= 1", name=op.f("ck_emergency_distributions_household_size")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["emergency_events.id"],
            name=op.f("fk_emergency_distributions_event_id_emergency_events"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_emergency_distributions_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emergency_distributions")),
    )
    with op.batch_alter_table("emergency_distributions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_emergency_distributions_event_id"), ["event_id"], unique=False
        )

    op.create_table(
        "funeral_supports",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("death_date", sa.Date(), nullable=False),
        sa.Column("in_facility", sa.Boolean(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("recipient_name", sa.String(length=100), nullable=True),
        sa.Column("recipient_relationship", sa.String(length=40), nullable=True),
        sa.Column("decision_number", sa.String(length=40), nullable=True),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_funeral_supports_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funeral_supports")),
    )
    with op.batch_alter_table("funeral_supports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_funeral_supports_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "guardians",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("full_name", sa.String(length=100), nullable=False),
        sa.Column("relationship", sa.String(length=40), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("cccd", sa.String(length=12), nullable=True),
        sa.Column("phone", sa.String(length=16), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("is_caregiver", sa.Boolean(), nullable=False),
        sa.Column("files_on_behalf", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_guardians_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guardians")),
    )
    with op.batch_alter_table("guardians", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_guardians_person_id"), ["person_id"], unique=False)

    op.create_table(
        "health_insurance_cards",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("card_number", sa.String(length=20), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("registered_hospital", sa.String(length=200), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_health_insurance_cards_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_health_insurance_cards")),
    )
    with op.batch_alter_table("health_insurance_cards", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_health_insurance_cards_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_health_insurance_cards_valid_to"), ["valid_to"], unique=False
        )

    op.create_table(
        "household_statuses",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("certificate_number", sa.String(length=40), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "status IN ('poor', 'near_poor', 'not_poor')", name=op.f("ck_household_statuses_status")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_household_statuses_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household_statuses")),
    )
    with op.batch_alter_table("household_statuses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_household_statuses_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "other_incomes",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("monthly_amount", sa.Integer(), nullable=False),
        sa.Column("start_month", sa.String(length=7), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_other_incomes_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_other_incomes")),
    )
    with op.batch_alter_table("other_incomes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_other_incomes_person_id"), ["person_id"], unique=False)

    op.create_table(
        "residencies",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("facility_id", sa.String(length=36), nullable=False),
        sa.Column("admission_type", sa.String(length=16), nullable=False),
        sa.Column("resident_group", sa.String(length=24), nullable=False),
        sa.Column("admitted_on", sa.Date(), nullable=False),
        sa.Column("admission_decision_number", sa.String(length=40), nullable=True),
        sa.Column("referred_by", sa.String(length=200), nullable=True),
        sa.Column("needs_assessment", sa.Text(), nullable=True),
        sa.Column("support_plan", sa.Text(), nullable=True),
        sa.Column("discharged_on", sa.Date(), nullable=True),
        sa.Column("discharge_reason", sa.String(length=24), nullable=True),
        sa.Column("discharge_destination", sa.String(length=200), nullable=True),
        sa.Column("discharge_note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "admission_type IN ('regular', 'emergency')", name=op.f("ck_residencies_admission_type")
        ),
        sa.CheckConstraint(
            "discharged_on IS NULL OR discharged_on >= admitted_on",
            name=op.f("ck_residencies_discharge_after"),
        ),
        sa.ForeignKeyConstraint(
            ["facility_id"], ["facilities.id"], name=op.f("fk_residencies_facility_id_facilities")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_residencies_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_residencies")),
    )
    with op.batch_alter_table("residencies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_residencies_facility_id"), ["facility_id"], unique=False
        )
        batch_op.create_index("ix_residencies_open", ["facility_id", "discharged_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_residencies_person_id"), ["person_id"], unique=False)

    op.create_table(
        "allowance_changes",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("effective_month", sa.String(length=7), nullable=False),
        sa.Column("decision_number", sa.String(length=40), nullable=True),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("reason", sa.String(length=40), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("old_coefficient", sa.String(length=20), nullable=True),
        sa.Column("new_coefficient", sa.String(length=20), nullable=True),
        sa.Column("old_amount", sa.Integer(), nullable=True),
        sa.Column("new_amount", sa.Integer(), nullable=True),
        sa.Column("to_commune_code", sa.String(length=8), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["allowance_cases.id"],
            name=op.f("fk_allowance_changes_case_id_allowance_cases"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allowance_changes")),
    )
    with op.batch_alter_table("allowance_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_allowance_changes_case_id"), ["case_id"], unique=False)

    op.create_table(
        "care_log_entries",
        sa.Column("residency_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("staff_name", sa.String(length=100), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["residency_id"],
            ["residencies.id"],
            name=op.f("fk_care_log_entries_residency_id_residencies"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_log_entries")),
    )
    with op.batch_alter_table("care_log_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_care_log_entries_residency_id"), ["residency_id"], unique=False
        )

    op.create_table(
        "payments",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("payment_round", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("coefficient", sa.String(length=20), nullable=False),
        sa.Column("standard_level", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("back_pay_from", sa.String(length=7), nullable=True),
        sa.Column("back_pay_to", sa.String(length=7), nullable=True),
        sa.Column("back_pay_months", sa.Integer(), nullable=False),
        sa.Column("back_pay_amount", sa.Integer(), nullable=False),
        sa.Column("recovery_amount", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "status IN ('planned', 'paid', 'not_collected')", name=op.f("ck_payments_status")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["allowance_cases.id"], name=op.f("fk_payments_case_id_allowance_cases")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_payments_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
        sa.UniqueConstraint(
            "case_id",
            "month",
            "payment_round",
            name=op.f("uq_payments_case_id_month_payment_round"),
        ),
    )
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payments_month"), ["month"], unique=False)
        batch_op.create_index(batch_op.f("ix_payments_person_id"), ["person_id"], unique=False)

    # Name search: a side table with a stable integer key feeds an external-content FTS5
    # index (people's own rowid may be renumbered by VACUUM since its key is a UUID).
    op.execute(
        "CREATE TABLE people_search ("
        " rowid INTEGER PRIMARY KEY,"
        " person_id VARCHAR(36) NOT NULL UNIQUE REFERENCES people(id) ON DELETE CASCADE,"
        " search_name VARCHAR(100) NOT NULL, code VARCHAR(32) NOT NULL,"
        " cccd VARCHAR(12) NOT NULL DEFAULT '')"
    )
    op.execute(
        "CREATE VIRTUAL TABLE people_fts USING fts5(search_name, code, cccd,"
        " content='people_search', content_rowid='rowid',"
        " tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')"
    )
    for statement in FTS_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for name in (
        "people_search_ai",
        "people_search_ad",
        "people_search_au",
        "people_ai",
        "people_ad",
        "people_au",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS people_fts")
    op.execute("DROP TABLE IF EXISTS people_search")

    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payments_person_id"))
        batch_op.drop_index(batch_op.f("ix_payments_month"))

    op.drop_table("payments")
    with op.batch_alter_table("care_log_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_care_log_entries_residency_id"))

    op.drop_table("care_log_entries")
    with op.batch_alter_table("allowance_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_allowance_changes_case_id"))

    op.drop_table("allowance_changes")
    with op.batch_alter_table("residencies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_residencies_person_id"))
        batch_op.drop_index("ix_residencies_open")
        batch_op.drop_index(batch_op.f("ix_residencies_facility_id"))

    op.drop_table("residencies")
    with op.batch_alter_table("other_incomes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_other_incomes_person_id"))

    op.drop_table("other_incomes")
    with op.batch_alter_table("household_statuses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_household_statuses_person_id"))

    op.drop_table("household_statuses")
    with op.batch_alter_table("health_insurance_cards", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_health_insurance_cards_valid_to"))
        batch_op.drop_index(batch_op.f("ix_health_insurance_cards_person_id"))

    op.drop_table("health_insurance_cards")
    with op.batch_alter_table("guardians", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guardians_person_id"))

    op.drop_table("guardians")
    with op.batch_alter_table("funeral_supports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_funeral_supports_person_id"))

    op.drop_table("funeral_supports")
    with op.batch_alter_table("emergency_distributions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_emergency_distributions_event_id"))

    op.drop_table("emergency_distributions")
    with op.batch_alter_table("disability_assessments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disability_assessments_person_id"))

    op.drop_table("disability_assessments")
    with op.batch_alter_table("care_supports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_care_supports_person_id"))

    op.drop_table("care_supports")
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachments_sha256"))
        batch_op.drop_index(batch_op.f("ix_attachments_person_id"))

    op.drop_table("attachments")
    with op.batch_alter_table("allowance_cases", schema=None) as batch_op:
        batch_op.drop_index("ix_allowance_cases_status_category")
        batch_op.drop_index(batch_op.f("ix_allowance_cases_person_id"))
        batch_op.drop_index(batch_op.f("ix_allowance_cases_commune_code"))

    op.drop_table("allowance_cases")
    op.drop_table("sync_state")
    op.drop_table("site")
    op.drop_table("legacy_provinces")
    op.drop_table("provinces")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_search_name"))
        batch_op.drop_index(batch_op.f("ix_people_commune_code"))
        batch_op.drop_index(batch_op.f("ix_people_cccd"))
        batch_op.drop_index(batch_op.f("ix_people_code"))
        batch_op.drop_index("ix_people_birth_year")

    op.drop_table("people")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_state")
        batch_op.drop_index("ix_outbox_record")

    op.drop_table("outbox")
    op.drop_table("facilities")
    op.drop_table("ethnic_groups")
    op.drop_table("emergency_events")
    with op.batch_alter_table("communes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_communes_province_code"))

    op.drop_table("communes")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_record_id"))
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))

    op.drop_table("audit_log")
