"""The audit log: every change, view of sensitive data, export and login leaves an entry;
entries cannot be edited in place, and an edit made anyway breaks the hash chain."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from sqlalchemy import func, select

from btxh_desktop.domain.codes import HouseholdStatus, Role
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services import privacy
from btxh_desktop.services.audit import AuditFilter
from btxh_desktop.services.container import Services
from btxh_desktop.services.people import DisabilityDraft, GuardianDraft
from btxh_desktop.storage import migrate
from btxh_desktop.storage.bulk import insert_tracked
from btxh_desktop.storage.models import AuditEntry, HealthInsuranceCard, Person
from tests.conftest import COMMUNE
from tests.security.conftest import SECRET_NAME, Installation


def entries(services: Services) -> int:
    with services.ctx.read() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


@contextmanager
def raw(services: Services) -> Iterator[Any]:
    """A connection with the key, as someone with the key and a SQL tool has."""
    pooled = services.ctx.database.engine.raw_connection()
    try:
        yield pooled.driver_connection
    finally:
        pooled.close()


def test_every_service_mutation_writes_an_audit_entry(
    installation: Installation, tmp_path: Path
) -> None:
    admin = installation.login("quantri")
    scan = tmp_path / "giay-xac-nhan.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    made: dict[str, str] = {}
    event: dict[str, str] = {}

    def elder(name: str) -> PersonDraft:
        return PersonDraft(full_name=name, birth=PartialDate(1940), commune_code=COMMUNE)

    def create() -> None:
        made["p"] = admin.people.create(elder("Đinh Văn Kiểm")).id

    def apply() -> None:
        made["case"] = admin.allowance.apply(made["p"], "K5a", dt.date(2026, 10, 1))

    def create_event() -> None:
        event["id"] = admin.emergency.create_event("Bão số 3", "storm", dt.date(2026, 9, 7))

    backup: list[Path] = []

    def take_backup() -> None:
        backup.append(admin.backup.backup_now().path)

    mutations: list[tuple[str, Callable[[], object]]] = [
        ("create person", create),
        ("update person", lambda: admin.people.update(made["p"], elder("Đinh Văn Kiểm Hai"))),
        ("guardian", lambda: admin.people.save_guardian(made["p"], GuardianDraft("Đinh Thị B"))),
        (
            "disability",
            lambda: admin.people.save_disability(made["p"], DisabilityDraft(1, "severe")),
        ),
        (
            "household",
            lambda: admin.people.set_household_status(
                made["p"], HouseholdStatus.POOR, dt.date(2026, 1, 1)
            ),
        ),
        (
            "insurance",
            lambda: admin.people.save_insurance_card(made["p"], "DN4797912345678", None, None),
        ),
        ("attachment", lambda: admin.people.attach_file(made["p"], scan, "document")),
        ("apply", apply),
        (
            "decide",
            lambda: admin.allowance.decide(made["case"], "9/QĐ", dt.date(2026, 10, 5), "Chủ tịch"),
        ),
        ("suspend", lambda: admin.allowance.suspend(made["case"], Month(2026, 12), "custody")),
        ("emergency event", create_event),
        (
            "distribution",
            lambda: admin.emergency.distribute(
                event["id"], "Lê Văn C", 3, "rice", dt.date(2026, 9, 8), rice_kg=Decimal(45)
            ),
        ),
        ("add user", lambda: admin.accounts.add_user("moi", "", Role.DATA_ENTRY, "tam-thoi-123")),
        ("set role", lambda: admin.accounts.set_role("moi", Role.APPROVER)),
        ("reset password", lambda: admin.accounts.reset_password("moi", "tam-thoi-456")),
        ("disable", lambda: admin.accounts.disable_user("moi")),
        ("enable", lambda: admin.accounts.enable_user("moi", "tam-thoi-789")),
        ("settings", lambda: admin.settings.update(idle_lock_minutes=5)),
        ("backup", take_backup),
        ("export", lambda: admin.audit.record_export("people_list", 7, ["full_name"])),
        ("remove card", lambda: admin.people.remove_related(HealthInsuranceCard, _card(admin))),
        ("delete person", lambda: admin.people.delete(made["p"])),
    ]
    for label, mutate in mutations:
        before = entries(admin)
        mutate()
        latest = admin.audit.query(AuditFilter(limit=1))[0]
        assert entries(admin) > before, label
        assert latest.username == "quantri", label
    # A restore brings back the older log with it, then records itself and where the log
    # it replaced had got to.
    before = entries(admin)
    admin.backup.restore(backup[0])
    latest = admin.audit.query(AuditFilter(limit=1))[0]
    assert (latest.action, latest.username) == ("restore", "quantri")
    assert latest.detail["previous_head_seq"] == before
    assert admin.audit.verify_chain().ok


def _card(services: Services) -> str:
    with services.ctx.read() as session:
        return session.scalars(select(HealthInsuranceCard.id)).one()


def test_the_log_refuses_edits_and_an_edit_made_anyway_breaks_the_chain(
    installation: Installation,
) -> None:
    admin = installation.login("quantri")
    for i in range(3):
        admin.people.create(PersonDraft(full_name=f"Người Kiểm Tra {i}"))
    assert admin.audit.verify_chain().ok
    with raw(admin) as conn:
        with pytest.raises(sqlcipher3.DatabaseError, match="append-only"):
            conn.execute("UPDATE audit_log SET username = 'khac' WHERE seq = 3")
        with pytest.raises(sqlcipher3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM audit_log WHERE seq = 3")
        # Someone with the key drops the guard and rewrites who did something.
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET username = 'khac' WHERE seq = 3")
    report = admin.audit.verify_chain()
    assert (report.ok, report.broken_at, report.reason) == (False, 3, "hash")

    with raw(admin) as conn:
        conn.execute("UPDATE audit_log SET username = 'quantri' WHERE seq = 3")
    assert admin.audit.verify_chain().ok
    with raw(admin) as conn:
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log WHERE seq = 5")
    report = admin.audit.verify_chain()
    assert (report.ok, report.broken_at, report.reason) == (False, 5, "sequence")


def test_cutting_off_entries_the_server_already_has_is_noticed(
    installation: Installation,
) -> None:
    admin = installation.login("quantri")
    pending = admin.audit.pending_audit_entries()
    assert [e.seq for e in pending] == list(range(1, len(pending) + 1))
    wire = pending[-1].to_wire()
    assert {"id", "seq", "hash", "prev_hash", "device_id"} <= set(wire)
    assert wire["device_id"] == admin.site.info().device_id  # type: ignore[union-attr]
    admin.audit.mark_audit_uploaded(pending[-1].seq)
    admin.audit.mark_audit_uploaded(1)  # an old acknowledgement never moves it back
    assert admin.audit.uploaded_through() == pending[-1].seq
    with pytest.raises(DomainError):
        admin.audit.mark_audit_uploaded(10_000)
    assert admin.audit.pending_audit_entries() == []
    admin.people.create(PersonDraft(full_name="Sau Lần Gửi"))
    assert [e.seq for e in admin.audit.pending_audit_entries()] == [pending[-1].seq + 1]

    with raw(admin) as conn:
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute(f"DELETE FROM audit_log WHERE seq >= {pending[-1].seq}")
    report = admin.audit.verify_chain()
    assert (report.ok, report.reason) == (False, "truncated")


def test_bulk_inserts_are_chained_like_single_ones(installation: Installation) -> None:
    admin = installation.login("quantri")
    before = entries(admin)
    with admin.ctx.unit_of_work() as session:
        rows = [
            {"code": f"B-{i}", "full_name": f"Lô {i}", "search_name": f"lo {i}"}
            | {"birth_precision": "unknown", "sex": "unknown"}
            for i in range(300)
        ]
        insert_tracked(session, Person, rows)
        session.add(Person(code="B-x", full_name="Một Mình", search_name="mot minh"))
    assert entries(admin) == before + 301
    assert admin.audit.verify_chain().ok


def test_upgrading_an_older_database_chains_its_existing_entries(
    installation: Installation,
) -> None:
    admin = installation.login("quantri")
    count = admin.audit.verify_chain().entries
    migrate.downgrade(admin.ctx.database, "0002")
    migrate.upgrade(admin.ctx.database, None)
    report = admin.audit.verify_chain()
    assert report.ok and report.entries == count


def test_sensitive_fields_are_hidden_from_data_entry_and_viewing_them_is_audited(
    installation: Installation,
) -> None:
    pid = installation.person_id
    clerk = installation.login("nhaplieu")
    approver = installation.login("pheduyet")

    hidden = clerk.people.get(pid).draft
    assert (hidden.hiv_status, hidden.health_notes, hidden.ethnicity_code) == (None, None, None)
    assert privacy.hidden_fields(clerk.ctx.actor, "person") == privacy.SENSITIVE_FIELDS["person"]
    # The clerk corrects the address; the blanks they were shown do not erase anything.
    clerk.people.update(pid, PersonDraft(full_name=SECRET_NAME, address_detail="Tổ 5"))

    shown = approver.people.get(pid).draft
    assert (shown.hiv_status, shown.ethnicity_code, shown.address_detail) == (
        "positive",
        "01",
        "Tổ 5",
    )
    for services in (clerk, approver):  # lists carry them for nobody
        listed = services.people.search("bi mat")[0].draft
        assert (listed.hiv_status, listed.health_notes) == (None, None)

    admin = installation.login("quantri")
    views = admin.audit.query(AuditFilter(action="view"))
    assert [(v.username, v.record_id, v.fields) for v in views] == [
        ("pheduyet", pid, ("ethnicity_code", "health_notes", "hiv_status"))
    ]
    assert set(privacy.blank_person(approver.people.get(pid)).draft.__dict__.items()) >= {
        (name, None) for name in privacy.SENSITIVE_FIELDS["person"]
    }


def test_exports_carry_sensitive_columns_only_for_roles_that_may_see_them(
    installation: Installation,
) -> None:
    clerk = installation.login("nhaplieu").ctx.actor
    approver = installation.login("pheduyet").ctx.actor
    columns = ["code", "full_name", "hiv_status", "ethnicity_code", "health_notes"]
    assert privacy.export_columns(clerk, "person", columns) == ["code", "full_name"]
    assert privacy.export_columns(approver, "person", columns) == columns
    for actor in (clerk, approver):  # a public posting list, whoever prints it
        assert privacy.export_columns(actor, "person", columns, public=True) == [
            "code",
            "full_name",
        ]
    rows = [{"full_name": "A", "hiv_status": "positive"}]
    assert privacy.export_rows(approver, "person", rows, public=True) == [{"full_name": "A"}]


def test_the_administrator_filters_the_log(installation: Installation) -> None:
    clerk = installation.login("nhaplieu")
    clerk.people.create(PersonDraft(full_name="Người Lọc"))
    admin = installation.login("quantri")
    by_clerk = admin.audit.query(AuditFilter(username="nhaplieu"))
    assert {r.action for r in by_clerk} == {"login", "create"}
    created = admin.audit.query(AuditFilter(username="nhaplieu", action="create", entity="person"))
    assert len(created) == 1
    future = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(hours=1)
    assert admin.audit.query(AuditFilter(since=future)) == []
    newest_two = admin.audit.query(AuditFilter(limit=2))
    older = admin.audit.query(AuditFilter(before_seq=newest_two[-1].seq, limit=1))
    assert older[0].seq == newest_two[-1].seq - 1
