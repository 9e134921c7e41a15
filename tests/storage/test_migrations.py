"""The schema is built, upgraded and downgraded only by alembic revisions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.storage import migrate
from btxh_desktop.storage.engine import Database
from btxh_desktop.storage.models import Base, is_mapped_table
from tests.conftest import ADMIN


def test_models_and_migrations_describe_the_same_schema(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "schema.db")
    migrate.upgrade(db, None)
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "include_name": lambda name, kind, parent: kind != "table" or is_mapped_table(name)
            },
        )
        diff = compare_metadata(context, Base.metadata)
    db.close()
    assert diff == [], "a model changed without an alembic revision"


def test_reference_data_is_loaded_by_migration(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "ref.db")
    migrate.upgrade(db, None)
    with db.engine.connect() as conn:
        counts = {
            table: conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
            for table in ("provinces", "communes", "legacy_provinces", "ethnic_groups")
        }
    db.close()
    assert counts["provinces"] == 34
    assert counts["communes"] == 3321
    assert counts["legacy_provinces"] == 63
    assert counts["ethnic_groups"] >= 54


def _populate(services: Services, n: int = 30) -> set[str]:
    return {
        services.people.create(PersonDraft(full_name=f"Người Thử Nghiệm {i}")).id for i in range(n)
    }


def test_every_revision_downgrades_and_upgrades_on_a_populated_database(
    services: Services,
) -> None:
    ids = _populate(services)
    db = services.ctx.database
    revisions = [r.revision for r in migrate.script_directory().walk_revisions()]
    # Step down through every revision but the first (which would drop the data itself),
    # then back up: the people recorded must survive and the file must stay sound.
    for revision in revisions[1:]:
        migrate.downgrade(db, revision)
        assert migrate.current_revision(db.engine) == revision
    migrate.upgrade(db, None)
    assert migrate.current_revision(db.engine) == migrate.head_revision()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        stored = {r[0] for r in conn.exec_driver_sql("SELECT id FROM people")}
    assert ids <= stored
    assert services.people.search("nguoi thu nghiem 7")[0].full_name == "Người Thử Nghiệm 7"


def test_full_downgrade_to_base_and_back(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "base.db")
    migrate.upgrade(db, None)
    migrate.downgrade(db, "base")
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = {r[0] for r in rows}
    assert tables <= {"alembic_version"}
    migrate.upgrade(db, None)
    assert migrate.current_revision(db.engine) == migrate.head_revision()
    db.close()


def test_database_is_copied_aside_before_an_upgrade(paths: AppPaths) -> None:
    paths.ensure()
    db = Database.open(paths.database)
    migrate.upgrade(db, None)
    first = migrate.script_directory().get_base()
    assert isinstance(first, str)
    migrate.downgrade(db, first)
    db.close()

    services = open_services(paths, ADMIN)
    services.close()
    assert services.migration.from_revision == first
    assert services.migration.backup is not None
    copy = sqlite3.connect(services.migration.backup)
    assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (first,)
    copy.close()


def test_a_database_from_a_newer_app_is_refused_and_left_untouched(paths: AppPaths) -> None:
    paths.ensure()
    db = Database.open(paths.database)
    migrate.upgrade(db, None)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    db.close()
    before = paths.database.read_bytes()

    with pytest.raises(migrate.DatabaseTooNew) as raised:
        open_services(paths, ADMIN)
    assert raised.value.revision == "9999_from_the_future"
    assert paths.database.read_bytes() == before


def test_the_quick_look_at_the_shipped_files_finds_alembics_head() -> None:
    # `upgrade` skips loading alembic when the file is at this revision.
    assert migrate._shipped_head() == migrate.head_revision()
