"""Việc cần làm on a real database: time travel with the context's clock, act on each alert
through the ordinary services, and see it go because the facts changed (never because it was
marked done). What the action records is what the policy engine says."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from btxh_desktop.domain.alerts import ActionCode, Alert, AlertKind
from btxh_desktop.domain.codes import (
    AdmissionType,
    CaseStatus,
    DisabilityLevel,
    DischargeReason,
    HouseholdStatus,
    PaymentStatus,
    ResidentGroup,
    Role,
    SchoolStatus,
    Sex,
)
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.errors import DomainError, ValidationFailed
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.domain.policy import PolicyEngine, stop_month
from btxh_desktop.paths import resource_path
from btxh_desktop.services.alerts import AckState
from btxh_desktop.services.container import Services
from btxh_desktop.services.context import Actor
from btxh_desktop.services.people import DisabilityDraft
from btxh_desktop.storage.models import AuditEntry, OutboxEntry, Payment
from tests.conftest import COMMUNE

D = dt.date


class Clock:
    def __init__(self, services: Services) -> None:
        self.services = services

    def __call__(self, day: dt.date) -> None:
        self.services.ctx.today = lambda: day


@pytest.fixture
def travel(services: Services) -> Iterator[Clock]:
    yield Clock(services)


def person(
    services: Services, name: str, birth: PartialDate, sex: Sex = Sex.FEMALE, **fields: object
) -> str:
    draft = PersonDraft(full_name=name, birth=birth, sex=sex, commune_code=COMMUNE, **fields)  # type: ignore[arg-type]
    return services.people.create(draft).id


def decided(
    services: Services, person_id: str, category: str, applied: dt.date, on: dt.date
) -> str:
    case_id = services.allowance.apply(person_id, category, applied)
    services.allowance.decide(case_id, "12/QĐ-UBND", on, "Chủ tịch UBND xã")
    return case_id


def alerts(services: Services, kind: AlertKind) -> list[Alert]:
    return [r.alert for r in services.alerts.compute() if r.alert.kind == kind]


def only(services: Services, kind: AlertKind) -> Alert:
    found = alerts(services, kind)
    assert len(found) == 1, found
    return found[0]


def test_a_child_turning_4_is_adjusted_to_the_engines_coefficient(
    services: Services, travel: Clock
) -> None:
    child = person(services, "Bé Lan", PartialDate(2023, 3, 10))
    case_id = decided(services, child, "K1", D(2026, 9, 20), D(2026, 10, 5))

    travel(D(2027, 1, 31))
    assert alerts(services, AlertKind.AGE_BAND) == []
    travel(D(2027, 2, 1))
    alert = only(services, AlertKind.AGE_BAND)
    assert alert.due_date == D(2027, 3, 1) and alert.subject_ids == (case_id,)
    travel(D(2027, 4, 1))  # a month after: still there, overdue
    assert only(services, AlertKind.AGE_BAND).key == alert.key

    action = alert.action
    assert action.code == ActionCode.ADJUST and action.month is not None
    decision = services.allowance.adjust(case_id, action.month, "31/QĐ-UBND", D(2027, 4, 1))
    engine = services.allowance.amount_for(case_id, Month(2027, 3))
    assert decision.case.coefficient == alert.new_coefficient == engine.total_coefficient
    assert decision.case.monthly_amount == alert.new_amount == engine.monthly_amount == 810_000
    assert alerts(services, AlertKind.AGE_BAND) == []


def test_a_child_reaching_16_is_stopped_from_the_month_after_the_birthday(
    services: Services, travel: Clock
) -> None:
    child = person(services, "Lê Văn Tư", PartialDate(2011, 1), Sex.MALE)  # month known only
    case_id = decided(services, child, "K1", D(2026, 9, 20), D(2026, 10, 5))

    travel(D(2026, 12, 31))
    assert alerts(services, AlertKind.ELIGIBILITY_END) == []
    travel(D(2027, 1, 1))
    alert = only(services, AlertKind.ELIGIBILITY_END)
    assert alert.due_date == D(2027, 2, 1)
    travel(D(2027, 2, 10))
    alert = only(services, AlertKind.ELIGIBILITY_END)
    action = alert.action
    assert action.code == ActionCode.STOP and action.event_date and action.reason
    result = services.allowance.stop(
        case_id, action.event_date, action.reason.value, "40/QĐ-UBND", D(2027, 2, 10)
    )
    assert result.stop.month == action.month == Month(2027, 2)
    assert services.allowance.amount_for(case_id, Month(2027, 1)).monthly_amount > 0
    assert services.allowance.amount_for(case_id, Month(2027, 2)).monthly_amount == 0
    assert alerts(services, AlertKind.ELIGIBILITY_END) == []


def test_a_k1_child_in_school_at_16_moves_to_k2(services: Services, travel: Clock) -> None:
    child = person(
        services,
        "Trần Thị Năm",
        PartialDate(2011, 1, 20),
        school_status=SchoolStatus.STUDYING,
    )
    case_id = decided(services, child, "K1", D(2026, 9, 20), D(2026, 10, 5))
    travel(D(2027, 1, 21))
    alert = only(services, AlertKind.ELIGIBILITY_END)
    action = alert.action
    assert action.code == ActionCode.ADJUST and action.category == "K2" and action.month
    decision = services.allowance.adjust(
        case_id, action.month, "41/QĐ-UBND", D(2027, 1, 21), category=action.category
    )
    assert decision.case.category == "K2"
    assert decision.case.coefficient == alert.new_coefficient == Decimal("1.5")
    assert services.alerts.compute() == []


def test_three_months_not_collected_then_suspended_then_stopped(
    services: Services, travel: Clock
) -> None:
    elderly = person(services, "Lê Thị Mai", PartialDate(1945, 6, 1))
    case_id = decided(services, elderly, "K5a", D(2026, 5, 2), D(2026, 6, 1))
    for month in (6, 7, 8):
        services.allowance.finalise_payment_list(Month(2026, month))
    with services.ctx.read() as session:
        lines = {month: line for month, line in session.execute(select(Payment.month, Payment.id))}
    services.allowance.record_payment(lines[Month(2026, 6)], PaymentStatus.PAID, D(2026, 6, 10))
    services.allowance.record_payment(lines[Month(2026, 7)], PaymentStatus.NOT_COLLECTED)
    services.allowance.record_payment(lines[Month(2026, 8)], PaymentStatus.NOT_COLLECTED)
    travel(D(2026, 9, 15))
    assert alerts(services, AlertKind.NOT_COLLECTED) == []  # the day before: two months

    services.allowance.finalise_payment_list(Month(2026, 9))
    with services.ctx.read() as session:
        september = session.scalar(select(Payment.id).where(Payment.month == Month(2026, 9)))
    assert september is not None
    services.allowance.record_payment(september, PaymentStatus.NOT_COLLECTED)
    alert = only(services, AlertKind.NOT_COLLECTED)
    assert alert.due_date == D(2026, 10, 1)
    travel(D(2026, 10, 20))
    alert = only(services, AlertKind.NOT_COLLECTED)
    assert alert.action.code == ActionCode.SUSPEND and alert.action.month and alert.action.reason

    suspended = services.allowance.suspend(
        case_id, alert.action.month, alert.action.reason.value, "50/QĐ-UBND", D(2026, 10, 20)
    )
    assert suspended.status == CaseStatus.SUSPENDED
    assert alerts(services, AlertKind.NOT_COLLECTED) == []

    # Suspended from October: the stop is due from January, shown from 1 December.
    travel(D(2026, 11, 30))
    assert alerts(services, AlertKind.SUSPENSION_OVER) == []
    travel(D(2026, 12, 1))
    stop = only(services, AlertKind.SUSPENSION_OVER)
    assert stop.due_date == D(2027, 1, 1)
    travel(D(2027, 2, 1))
    stop = only(services, AlertKind.SUSPENSION_OVER)
    assert stop.action.event_date and stop.action.reason
    result = services.allowance.stop(
        case_id, stop.action.event_date, stop.action.reason.value, "60/QĐ-UBND", D(2027, 2, 1)
    )
    assert result.stop.month == stop.action.month == Month(2027, 1)
    assert services.alerts.compute() == []


def test_a_resumed_case_asks_nothing(services: Services, travel: Clock) -> None:
    elderly = person(services, "Hà Thị Bảy", PartialDate(1950, 6, 1))
    case_id = decided(services, elderly, "K5a", D(2026, 5, 2), D(2026, 6, 1))
    services.allowance.suspend(case_id, Month(2026, 8), "custody")
    travel(D(2026, 10, 1))
    assert len(alerts(services, AlertKind.SUSPENSION_OVER)) == 1
    services.allowance.resume(case_id, Month(2026, 10))
    assert alerts(services, AlertKind.SUSPENSION_OVER) == []


def test_card_reassessment_and_dossier_alerts_go_once_recorded(
    services: Services, travel: Clock
) -> None:
    adult = person(services, "Trần Văn Bình", PartialDate(1980, 5, 1), Sex.MALE)
    services.people.save_disability(
        adult,
        DisabilityDraft(
            disability_type=1,
            level=DisabilityLevel.SEVERE,
            assessed_on=D(2021, 8, 10),
            certificate_issued_on=D(2021, 8, 12),
            reassessment_due=D(2026, 12, 10),
        ),
    )
    services.people.save_insurance_card(adult, "DN4797912345678", D(2026, 1, 1), D(2026, 12, 15))
    case_id = services.allowance.apply(adult, "K6", D(2026, 11, 2))

    travel(D(2026, 11, 9))
    assert services.alerts.compute() == []
    travel(D(2026, 11, 10))
    assert [a.kind for a in (r.alert for r in services.alerts.compute())] == [
        AlertKind.REASSESSMENT
    ]
    travel(D(2026, 11, 16))
    kinds = {r.alert.kind: r.alert for r in services.alerts.compute()}
    assert set(kinds) == {
        AlertKind.REASSESSMENT,
        AlertKind.INSURANCE_CARD,
        AlertKind.DOSSIER_OVERDUE,
    }
    assert kinds[AlertKind.DOSSIER_OVERDUE].due_date == D(2026, 11, 16)

    renewal = kinds[AlertKind.INSURANCE_CARD].action
    assert renewal.valid_from == D(2026, 12, 16) and renewal.valid_to
    services.people.save_insurance_card(
        adult, "DN4797912349999", renewal.valid_from, renewal.valid_to
    )
    services.people.save_disability(
        adult,
        DisabilityDraft(
            disability_type=1,
            level=DisabilityLevel.SEVERE,
            assessed_on=D(2026, 11, 16),
            certificate_issued_on=D(2026, 11, 16),
        ),
    )
    services.allowance.decide(case_id, "70/QĐ-UBND", D(2026, 11, 16), "Chủ tịch UBND xã")
    assert services.alerts.compute() == []


def test_emergency_stay_is_converted_or_discharged(facility_services: Services) -> None:
    svc = facility_services
    first = svc.people.create(PersonDraft(full_name="Em Một", birth=PartialDate(2012))).id
    second = svc.people.create(PersonDraft(full_name="Em Hai", birth=PartialDate(2013))).id
    stays = [
        svc.facility.admit(p, AdmissionType.EMERGENCY, ResidentGroup.EMERGENCY, D(2026, 9, 10))
        for p in (first, second)
    ]
    svc.ctx.today = lambda: D(2026, 11, 25)
    assert alerts(svc, AlertKind.EMERGENCY_STAY) == []
    svc.ctx.today = lambda: D(2026, 11, 26)
    found = alerts(svc, AlertKind.EMERGENCY_STAY)
    assert {a.subject_ids[0] for a in found} == set(stays)
    assert {a.due_date for a in found} == {D(2026, 12, 10)}
    assert all(r.facility_name for r in svc.alerts.compute())

    svc.ctx.today = lambda: D(2027, 1, 10)
    svc.facility.convert_to_regular(stays[0], "90/QĐ-TTBTXH")
    svc.facility.discharge(stays[1], D(2027, 1, 10), DischargeReason.RETURN_FAMILY)
    assert alerts(svc, AlertKind.EMERGENCY_STAY) == []


def test_back_pay_after_a_retroactive_rise_goes_with_the_next_list(
    services: Services, travel: Clock, tmp_path: Path
) -> None:
    elderly = person(services, "Phạm Thị Hoa", PartialDate(1940, 1, 1))
    services.people.set_household_status(elderly, HouseholdStatus.POOR, D(2026, 1, 1))
    decided(services, elderly, "K5a", D(2026, 5, 20), D(2026, 6, 3))
    old_data = tmp_path / "policy"
    shutil.copytree(resource_path("policy"), old_data)
    levels = json.loads((old_data / "standard_level.json").read_text("utf-8"))
    levels["national"]["standard_level"] = [
        e for e in levels["national"]["standard_level"] if e["from"] < "2026-07-01"
    ]
    (old_data / "standard_level.json").write_text(json.dumps(levels), "utf-8")
    real_policy = services.ctx.policy
    services.ctx.policy = PolicyEngine.load(old_data)
    for month in (6, 7, 8, 9):
        services.allowance.finalise_payment_list(Month(2026, month))
    assert alerts(services, AlertKind.BACK_PAY) == []  # nothing lags behind these figures
    services.ctx.policy = real_policy

    travel(D(2026, 10, 5))
    alert = only(services, AlertKind.BACK_PAY)
    assert alert.due_date == D(2026, 7, 1) and alert.person_id is None
    assert alert.action.code == ActionCode.FINALISE_PAYMENTS
    assert alert.action.month == Month(2026, 10)
    october = services.allowance.finalise_payment_list(alert.action.month).lines[0].line
    assert october.back_pay_amount == alert.params["amount"] == 3 * 2 * 40_000
    assert alerts(services, AlertKind.BACK_PAY) == []


def test_done_and_snoozed_are_local_audited_and_reversible(
    services: Services, travel: Clock
) -> None:
    child = person(services, "Bé Hoa", PartialDate(2023, 3, 10))
    decided(services, child, "K1", D(2026, 9, 20), D(2026, 10, 5))
    travel(D(2027, 2, 1))
    alert = only(services, AlertKind.AGE_BAND)
    with services.ctx.read() as session:
        outbox_before = session.scalar(select(func.count()).select_from(OutboxEntry))

    with pytest.raises(ValidationFailed):
        services.alerts.mark_done(alert, "  ")
    services.alerts.snooze(alert, D(2027, 2, 10), "Chờ giấy khai sinh bản sao")
    assert alerts(services, AlertKind.AGE_BAND) == []
    travel(D(2027, 2, 10))
    assert only(services, AlertKind.AGE_BAND).key == alert.key  # the snooze is over

    services.alerts.mark_done(alert, "Đã trình quyết định điều chỉnh")
    assert alerts(services, AlertKind.AGE_BAND) == []
    shown = [r for r in services.alerts.compute(include_hidden=True) if r.alert.key == alert.key]
    assert shown[0].ack is not None and shown[0].ack.state == AckState.DONE
    assert shown[0].ack.reason == "Đã trình quyết định điều chỉnh"

    services.alerts.reopen(alert.key)
    assert only(services, AlertKind.AGE_BAND).key == alert.key
    with services.ctx.read() as session:
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == outbox_before
        audited = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "alert_acks")
        ).all()
    assert audited == ["create", "update", "delete"]


def test_the_engine_agrees_on_stop_month_for_the_death_recorded_on_the_person(
    services: Services, travel: Clock
) -> None:
    elderly = person(services, "Hoàng Văn Sơn", PartialDate(1938, 2, 2), Sex.MALE)
    case_id = decided(services, elderly, "K5a", D(2026, 5, 2), D(2026, 6, 1))
    record = services.people.get(elderly)
    services.people.update(elderly, replace(record.draft, death_date=D(2026, 10, 3)))
    alert = only(services, AlertKind.ELIGIBILITY_END)
    assert alert.action.event_date == D(2026, 10, 3)
    assert alert.action.month == stop_month(D(2026, 10, 3)).month
    result = services.allowance.stop(
        case_id, D(2026, 10, 3), "death", "80/QĐ-UBND", D(2026, 11, 16)
    )
    assert result.stop.month == alert.action.month
    assert alerts(services, AlertKind.ELIGIBILITY_END) == []


def test_a_missing_paper_is_followed_up_until_it_comes_in(
    services: Services, travel: Clock
) -> None:
    child = person(services, "Bé Na", PartialDate(2020, 5, 5))
    case_id = services.allowance.apply(child, "K1", D(2026, 11, 10))
    with pytest.raises(ValidationFailed) as no_note:
        services.allowance.set_document_follow_up(case_id, D(2026, 12, 1), "  ")
    assert no_note.value.errors == {"documents_note": "field.required"}
    with pytest.raises(ValidationFailed):
        services.allowance.set_document_follow_up(case_id, None, "Bản sao giấy khai sinh")

    services.allowance.set_document_follow_up(case_id, D(2026, 12, 1), " Bản sao giấy khai sinh ")
    row = services.allowance.case(case_id)
    assert (row.documents_due, row.documents_note) == (D(2026, 12, 1), "Bản sao giấy khai sinh")
    travel(D(2026, 11, 23))
    assert alerts(services, AlertKind.DOCUMENT_FOLLOW_UP) == []
    travel(D(2026, 11, 24))
    alert = only(services, AlertKind.DOCUMENT_FOLLOW_UP)
    assert alert.due_date == D(2026, 12, 1) and alert.subject_ids == (case_id,)
    assert alert.params["note"] == "Bản sao giấy khai sinh"
    travel(D(2027, 1, 4))  # still there, overdue, until the paper comes
    assert only(services, AlertKind.DOCUMENT_FOLLOW_UP).key == alert.key

    clear = alert.actions[1]
    assert clear.code == ActionCode.CLEAR_DOCUMENTS
    services.allowance.set_document_follow_up(alert.subject_ids[0], None, None)
    assert alerts(services, AlertKind.DOCUMENT_FOLLOW_UP) == []
    row = services.allowance.case(case_id)
    assert (row.documents_due, row.documents_note) == (None, None)


def test_the_follow_up_travels_with_the_case_and_needs_an_open_case(
    services: Services, travel: Clock
) -> None:
    elderly = person(services, "Vũ Thị Tám", PartialDate(1950, 3, 3))
    case_id = decided(services, elderly, "K5a", D(2026, 9, 1), D(2026, 10, 1))
    services.allowance.set_document_follow_up(case_id, D(2026, 12, 20), "Giấy xác nhận hộ nghèo")
    with services.ctx.read() as session:
        sent = session.scalars(
            select(OutboxEntry.fields).where(OutboxEntry.record_id == case_id)
        ).all()
    assert {"documents_due": "2026-12-20", "documents_note": "Giấy xác nhận hộ nghèo"}.items() <= (
        sent[-1].items()
    )

    services.allowance.stop(case_id, D(2026, 11, 16), "moved_away", "9/QĐ-UBND", D(2026, 11, 16))
    travel(D(2026, 12, 20))
    assert alerts(services, AlertKind.DOCUMENT_FOLLOW_UP) == []  # a stopped case asks nothing
    with pytest.raises(DomainError):
        services.allowance.set_document_follow_up(case_id, D(2027, 1, 5), "Giấy tờ khác")
    services.allowance.set_document_follow_up(case_id, None, None)  # clearing is always allowed

    services.ctx.actor = Actor("canbo", Role.DATA_ENTRY)
    other = services.allowance.apply(
        person(services, "Lý Văn Chín", PartialDate(1940)), "K5a", D(2026, 12, 1)
    )
    services.allowance.set_document_follow_up(other, D(2026, 12, 24), "Bản sao CCCD")
