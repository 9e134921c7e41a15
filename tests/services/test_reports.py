"""Reports: the payment list, statistics, the public posting list, people exports and the
printable documents' data, checked in the .xlsx and .csv files the officers receive."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from btxh_desktop.domain.codes import (
    AdmissionType,
    DisabilityLevel,
    DischargeReason,
    HouseholdStatus,
    PaymentMethod,
    ResidentGroup,
    Role,
    Sex,
)
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.messages import catalogue, placeholders
from btxh_desktop.services import report_layouts
from btxh_desktop.services.container import Services
from btxh_desktop.services.context import Actor
from btxh_desktop.services.documents import Document, Fields, Kind, Paragraphs, Table
from btxh_desktop.services.people import DisabilityDraft
from btxh_desktop.storage.models import AuditEntry
from tests.conftest import COMMUNE, TODAY

NOVEMBER = Month(2026, 11)
LEVEL = 540_000


def person(
    services: Services,
    name: str,
    birth: PartialDate,
    sex: Sex = Sex.FEMALE,
    **fields: object,
) -> str:
    draft = PersonDraft(full_name=name, birth=birth, sex=sex, commune_code=COMMUNE, **fields)  # type: ignore[arg-type]
    return services.people.create(draft).id


def decided(
    services: Services,
    person_id: str,
    category: str,
    decided_on: dt.date = dt.date(2026, 10, 5),
    **apply_args: object,
) -> str:
    applied = decided_on - dt.timedelta(days=10)
    case_id = services.allowance.apply(person_id, category, applied, **apply_args)  # type: ignore[arg-type]
    services.allowance.decide(case_id, "12/QĐ-UBND", decided_on, "Nguyễn Văn Chủ Tịch")
    return case_id


def commune_with_beneficiaries(services: Services) -> dict[str, str]:
    """A child (K1), an elderly woman (K5a), a man with a disability paid by bank at a
    payment point (K6) and a person with HIV (K8)."""
    child = person(services, "Bé Lan", PartialDate(2023, 3, 10), address_detail="Thôn Đông")
    elderly = person(services, "Phạm Thị Hoa", PartialDate(1940, 1, 1), address_detail="Xóm Mới")
    services.people.set_household_status(elderly, HouseholdStatus.POOR, dt.date(2026, 1, 1))
    disabled = person(services, "Trần Văn Bình", PartialDate(1980, 5, 1), Sex.MALE)
    services.people.save_disability(
        disabled,
        DisabilityDraft(
            disability_type=1,
            level=DisabilityLevel.PARTICULARLY_SEVERE,
            assessed_on=dt.date(2026, 9, 28),
            certificate_issued_on=dt.date(2026, 10, 1),
        ),
    )
    hiv = person(services, "Đỗ Văn Kín", PartialDate(1990, 2, 2), Sex.MALE, hiv_status="positive")
    return {
        "child": decided(services, child, "K1", sub_case="abandoned"),
        "elderly": decided(services, elderly, "K5a"),
        "disabled": decided(
            services,
            disabled,
            "K6",
            payment_method=PaymentMethod.BANK,
            account_number="1234567890",
            bank_name="Agribank",
            payment_point="Agribank Sài Gòn",
        ),
        "hiv": decided(services, hiv, "K8"),
    }


def texts(document: Document) -> list[str]:
    """Every piece of text a document shows (for checking nothing is left as a raw code)."""
    out = [document.title, *document.subtitle, *document.agency, *document.motto]
    out += [document.place_date] + [s.title for s in document.signatures]
    for block in document.blocks:
        if isinstance(block, Table):
            out += [block.title or ""] + [c.title for c in block.columns]
            for section in block.sections:
                out.append(section.title or "")
                rows = [*section.rows, *([section.subtotal] if section.subtotal else [])]
                out += [v for row in rows for v in row if isinstance(v, str)]
        elif isinstance(block, Fields):
            out += [block.title or ""] + [t for item in block.items for t in item]
        elif isinstance(block, Paragraphs):
            out += [block.title or "", *block.lines]
    return out


def exports(services: Services) -> list[AuditEntry]:
    with services.ctx.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == "export")))


# ---------------------------------------------------------------- payment list


def test_payment_list_xlsx_has_the_lists_amounts_groups_totals_and_print_setup(
    services: Services, tmp_path: Path
) -> None:
    commune_with_beneficiaries(services)
    report = services.reports.payment_list(NOVEMBER)
    payments = services.allowance.payment_list(NOVEMBER)
    # The same lines and amounts as the allowance service, never recomputed.
    listed = sorted((r.line for g in report.groups for r in g.rows), key=lambda x: x.case_id)
    assert listed == sorted(payments.lines, key=lambda x: x.case_id)
    assert sum(g.total for g in report.groups) == payments.total
    methods = [(g.method, g.point) for g in report.groups]
    assert methods == [(PaymentMethod.POST_OFFICE, None), (PaymentMethod.BANK, "Agribank Sài Gòn")]

    out = tmp_path / "chi-tra.xlsx"
    document = report_layouts.payment_list(report, "vi", TODAY)
    result = services.reports.export(document, out, "xlsx")
    assert result.rows == len(payments.lines) == 4

    sheet = load_workbook(out).active
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.title == "Chi trả 11-2026"
    assert sheet.page_setup.fitToWidth == 1
    rows = list(sheet.iter_rows(values_only=True))
    header_index = next(i for i, r in enumerate(rows) if r[0] == "STT")
    assert sheet.print_title_rows == f"${header_index + 1}:${header_index + 1}"
    assert rows[header_index][:3] == ("STT", "Mã hồ sơ", "Họ và tên")
    assert rows[header_index][-1] == "Ký nhận"
    flat = [v for r in rows for v in r if v is not None]
    assert "DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI HẰNG THÁNG" in flat
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat
    assert "Chi trả qua bưu điện" in flat
    assert "Chuyển khoản ngân hàng — điểm chi trả: Agribank Sài Gòn" in flat
    total_row = next(r for r in rows if r[2] == "Tổng cộng (4 người)")
    total_col = rows[header_index].index("Tổng số tiền")
    amount_col = rows[header_index].index("Mức trợ cấp")
    assert total_row[total_col] == payments.total
    assert total_row[amount_col] == payments.regular_total
    subtotals = [r for r in rows if isinstance(r[2], str) and r[2].startswith("Cộng (")]
    assert sum(r[total_col] for r in subtotals) == payments.total
    # K6 from the certificate month (October) is back paid on November's list.
    binh = next(r for r in rows if r[2] == "Trần Văn Bình")
    assert binh[amount_col] == 2 * LEVEL
    assert binh[rows[header_index].index("Truy lĩnh (tháng)")] == "10/2026–10/2026 (1 tháng)"
    assert binh[rows[header_index].index("Số tài khoản")] == "1234567890"
    money_cell = sheet.cell(header_index + 3, amount_col + 1)
    assert money_cell.number_format == "#,##0"
    assert sheet.cell(header_index + 3, rows[header_index].index("Hệ số") + 1).number_format == (
        "0.0##"
    )
    assert any("Bằng chữ" in str(v) or "bằng chữ" in str(v) for v in flat)
    assert {"NGƯỜI LẬP BIỂU", "KẾ TOÁN", "CHỦ TỊCH"} <= set(flat)
    [entry] = exports(services)
    assert entry.entity == "payment_list"
    assert entry.detail == {"rows": 4, "public": False}
    assert "full_name" in entry.fields and "signature" not in entry.fields


def test_payment_list_hides_categories_that_reveal_hiv_from_a_role_that_may_not_see_them(
    services: Services,
) -> None:
    commune_with_beneficiaries(services)
    by_name = {
        r.line.full_name: r for g in services.reports.payment_list(NOVEMBER).groups for r in g.rows
    }
    assert by_name["Đỗ Văn Kín"].category == "K8"
    services.ctx.actor = Actor("nhaplieu", Role.DATA_ENTRY)
    report = services.reports.payment_list(NOVEMBER)
    by_name = {r.line.full_name: r for g in report.groups for r in g.rows}
    assert by_name["Đỗ Văn Kín"].category is None
    assert by_name["Bé Lan"].category == "K1"
    document = report_layouts.payment_list(report, "vi", TODAY)
    assert "(ẩn)" in texts(document)
    assert "K8" not in texts(document)


def test_payment_list_csv_is_plain_utf8_with_the_group_as_a_column(
    services: Services, tmp_path: Path
) -> None:
    commune_with_beneficiaries(services)
    out = tmp_path / "chi-tra.csv"
    document = report_layouts.payment_list(services.reports.payment_list(NOVEMBER), "en", TODAY)
    services.reports.export(document, out, "csv")
    assert out.read_bytes().startswith("\ufeff".encode())
    rows = list(csv.reader(out.read_text("utf-8-sig").splitlines()))
    assert rows[0][:4] == ["Group", "No.", "Record code", "Full name"]
    lan = next(r for r in rows if r[3] == "Bé Lan")
    assert lan[0] == "Through the post office"
    assert lan[rows[0].index("Monthly amount")] == str(int(Decimal("2.5") * LEVEL))
    assert rows[-1][rows[0].index("Total")] == str(services.allowance.payment_list(NOVEMBER).total)


def test_an_unknown_format_is_refused(services: Services, tmp_path: Path) -> None:
    document = report_layouts.payment_list(services.reports.payment_list(NOVEMBER), "vi", TODAY)
    with pytest.raises(DomainError) as raised:
        services.reports.export(document, tmp_path / "x.pdf", "pdf")
    assert raised.value.code == "report.format_unknown"
    assert exports(services) == []


# ---------------------------------------------------------------- public posting


def test_public_posting_never_lists_people_whose_record_reveals_hiv(
    services: Services, tmp_path: Path
) -> None:
    cases = commune_with_beneficiaries(services)
    other_hiv = person(services, "Lý Thị Ẩn", PartialDate(1950, 1, 1), hiv_status="positive")
    services.people.set_household_status(other_hiv, HouseholdStatus.POOR, dt.date(2026, 1, 1))
    decided(services, other_hiv, "K5a")  # an elderly category, but the record says HIV
    applicant = person(services, "Đinh Văn Chờ", PartialDate(1941, 6, 1), Sex.MALE)
    services.allowance.apply(applicant, "K5a", dt.date(2026, 11, 2))
    k3_applicant = person(services, "Bé Kín", PartialDate(2020, 1, 1))
    services.allowance.apply(k3_applicant, "K3", dt.date(2026, 11, 2))

    posting = services.reports.public_posting(NOVEMBER)
    names = [r.full_name for r in posting.rows]
    assert names == ["Bé Lan", "Phạm Thị Hoa", "Trần Văn Bình"]
    assert all(r.category not in ("K3", "K8") for r in posting.rows)
    applicants = services.reports.public_posting(NOVEMBER, applicants=True)
    assert [r.full_name for r in applicants.rows] == ["Đinh Văn Chờ"]
    assert cases  # the K8 case exists, decided and paid, yet is not posted

    document = report_layouts.public_posting(posting, "vi", TODAY)
    assert document.public
    keys = {c.key for t in document.tables() for c in t.columns}
    assert not keys & {"cccd", "hiv_status", "health_notes", "ethnicity_code", "birth", "phone"}
    out = tmp_path / "niem-yet.xlsx"
    services.reports.export(document, out, "xlsx")
    flat = [v for r in load_workbook(out).active.iter_rows(values_only=True) for v in r if v]
    assert "Đỗ Văn Kín" not in flat and "Lý Thị Ẩn" not in flat
    assert "1940" in flat  # birth year only
    assert "01/01/1940" not in flat
    [entry] = exports(services)
    assert entry.detail["public"] is True


# ---------------------------------------------------------------- people


def test_people_export_drops_sensitive_columns_for_a_role_that_may_not_see_them(
    services: Services, tmp_path: Path
) -> None:
    commune_with_beneficiaries(services)
    full = services.reports.people()
    assert {"hiv_status", "ethnicity_code", "health_notes"} <= set(full.columns)
    services.ctx.actor = Actor("nhaplieu", Role.DATA_ENTRY)
    cut = services.reports.people()
    assert not {"hiv_status", "ethnicity_code", "health_notes"} & set(cut.columns)
    category = cut.columns.index("category")
    name = cut.columns.index("full_name")
    by_name = {row[name]: row for row in cut.rows}
    assert by_name["Đỗ Văn Kín"][category] is None
    assert by_name["Bé Lan"][category] == "K1"
    out = tmp_path / "doi-tuong.csv"
    services.reports.export(report_layouts.people(cut, "vi", TODAY), out, "csv")
    content = out.read_text("utf-8-sig")
    assert "Dương tính" not in content and "HIV" not in content
    assert "Bé Lan" in content
    [entry] = exports(services)
    assert entry.username == "nhaplieu"
    assert "hiv_status" not in entry.fields


# ---------------------------------------------------------------- statistics


def test_statistics_count_beneficiaries_movements_and_payments(services: Services) -> None:
    cases = commune_with_beneficiaries(services)
    services.allowance.finalise_payment_list(Month(2026, 10))
    services.allowance.finalise_payment_list(NOVEMBER)
    services.allowance.stop(cases["hiv"], dt.date(2026, 11, 3), "death")

    stats = services.reports.statistics(Month(2026, 7), Month(2026, 12))
    assert stats.beneficiaries == 3  # the K8 case stops from December
    by_category = {f.category: f for f in stats.by_category}
    assert set(by_category) == {"K1", "K5a", "K6"}
    assert by_category["K6"].male == 1 and by_category["K5a"].female == 1
    assert stats.by_sex[Sex.FEMALE] == 2 and stats.by_sex[Sex.MALE] == 1
    bands = {band.code: n for band, n in stats.by_age_band}
    assert bands == {"0-3": 1, "4-15": 0, "16-21": 0, "22-59": 1, "60-79": 0, "80+": 1,
                     "unknown": 0}  # fmt: skip
    assert stats.by_commune == ((COMMUNE, 3),)
    assert stats.new_cases == 4 and stats.stopped_cases == 1 and stats.moved_cases == 0
    assert [p.month for p in stats.payments] == [Month(2026, 10), NOVEMBER]
    november = services.allowance.payment_list(NOVEMBER)
    assert stats.payments[1].total == november.total
    assert stats.payments[1].lines == len(november.lines)
    assert stats.paid_total == sum(p.total for p in stats.payments)
    assert [(s.category, s.sub_case, s.count) for s in stats.by_sub_case] == [
        ("K1", "abandoned", 1)
    ]
    october = services.reports.statistics(Month(2026, 10), Month(2026, 10))
    assert october.beneficiaries == 4

    with pytest.raises(DomainError):
        services.reports.statistics(Month(2026, 12), Month(2026, 1))


def test_statistics_document_in_both_languages_has_no_untranslated_codes(
    services: Services, tmp_path: Path
) -> None:
    commune_with_beneficiaries(services)
    event = services.emergency.create_event("Bão số 3", "storm", dt.date(2026, 9, 8))
    services.emergency.distribute(
        event, "Hộ ông Tư", 4, "rice", dt.date(2026, 9, 10), rice_kg=Decimal("60.5")
    )
    services.emergency.distribute(
        event, "Hộ bà Năm", 2, "cash", dt.date(2026, 9, 11), cash_amount=2_000_000
    )
    stats = services.reports.statistics(Month(2026, 7), Month(2026, 12))
    [storm] = stats.emergency
    assert (storm.households, storm.people, storm.rice_kg, storm.cash) == (
        2,
        6,
        Decimal("60.5"),
        2_000_000,
    )
    for lang in ("vi", "en"):
        document = report_layouts.statistics(stats, lang, TODAY)
        assert not [t for t in texts(document) if t.startswith(("report.", "import."))]
    out = tmp_path / "thong-ke.xlsx"
    services.reports.export(report_layouts.statistics(stats, "vi", TODAY), out, "xlsx")
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    index = next(i for i, r in enumerate(rows) if r[0] == "Bão số 3")
    assert rows[index][1:7] == ("Bão", dt.datetime(2026, 9, 8), 2, 6, 60.5, 2_000_000)
    assert sheet.cell(index + 1, 3).number_format == "DD/MM/YYYY"
    summary = next(r for r in rows if r[0] and str(r[0]).startswith("Đối tượng hưởng trợ cấp"))
    assert summary[2] == 4


def test_facility_statistics_admissions_discharges_and_census(
    facility_services: Services,
) -> None:
    svc = facility_services
    first = svc.people.create(PersonDraft(full_name="Cụ Ông", birth=PartialDate(1935))).id
    second = svc.people.create(PersonDraft(full_name="Bé Em", birth=PartialDate(2019))).id
    third = svc.people.create(PersonDraft(full_name="Cụ Bà", birth=PartialDate(1930))).id
    svc.facility.admit(first, AdmissionType.REGULAR, ResidentGroup.ELDERLY, dt.date(2025, 1, 2))
    svc.facility.admit(second, AdmissionType.REGULAR, ResidentGroup.CHILD, dt.date(2026, 8, 1))
    stay = svc.facility.admit(
        third, AdmissionType.REGULAR, ResidentGroup.ELDERLY, dt.date(2026, 7, 3)
    )
    svc.facility.discharge(stay, dt.date(2026, 9, 30), DischargeReason.DEATH)
    stats = svc.reports.statistics(Month(2026, 7), Month(2026, 12))
    facility = stats.facility
    assert facility is not None
    assert facility.admissions[ResidentGroup.ELDERLY] == 1
    assert facility.admissions[ResidentGroup.CHILD] == 1
    assert facility.discharges[DischargeReason.DEATH] == 1
    assert facility.census[ResidentGroup.ELDERLY] == 1 and facility.residents == 2
    assert stats.beneficiaries == 0


# ---------------------------------------------------------------- printable documents


def test_profile_hides_hiv_status_from_a_role_that_may_not_see_it(services: Services) -> None:
    cases = commune_with_beneficiaries(services)
    hiv_person = services.allowance.case(cases["hiv"]).person_id
    admin_view = report_layouts.profile(services.reports.person_profile(hiv_person), "vi", TODAY)
    assert "Dương tính" in texts(admin_view)
    services.ctx.actor = Actor("nhaplieu", Role.DATA_ENTRY)
    clerk_view = report_layouts.profile(services.reports.person_profile(hiv_person), "vi", TODAY)
    assert "Dương tính" not in texts(clerk_view)
    assert "(ẩn)" in texts(clerk_view)


def test_decision_draft_for_an_application_and_for_a_decided_case(services: Services) -> None:
    cases = commune_with_beneficiaries(services)
    draft = services.reports.decision_draft(cases["child"])
    assert draft.decided and draft.start_month == Month(2026, 10)
    document = report_layouts.decision(draft, "vi", TODAY)
    body = " ".join(texts(document))
    assert "cháu Bé Lan" in body
    assert "1.350.000 ₫ (Một triệu ba trăm năm mươi nghìn đồng)" in body
    assert "Số: 12/QĐ-UBND" in document.subtitle

    applicant = person(services, "Đinh Văn Chờ", PartialDate(1941, 6, 1), Sex.MALE)
    services.people.set_household_status(applicant, HouseholdStatus.POOR, dt.date(2026, 1, 1))
    case_id = services.allowance.apply(applicant, "K5a", dt.date(2026, 11, 2))
    pending = services.reports.decision_draft(case_id)
    assert not pending.decided and pending.start_month == NOVEMBER
    assert pending.allowance.monthly_amount == 2 * LEVEL  # aged 80+
    document = report_layouts.decision(pending, "en", TODAY)
    assert "(DRAFT)" in document.subtitle
    assert "Mr Đinh Văn Chờ" in " ".join(texts(document))


def test_admission_and_funeral_records(facility_services: Services) -> None:
    svc = facility_services
    pid = svc.people.create(
        PersonDraft(full_name="Cụ Bà Tư", birth=PartialDate(1930, 5), sex=Sex.FEMALE)
    ).id
    stay = svc.facility.admit(
        pid,
        AdmissionType.EMERGENCY,
        ResidentGroup.EMERGENCY,
        dt.date(2026, 9, 1),
        referred_by="Công an phường",
        needs_assessment="Cần chăm sóc y tế\nCần hỗ trợ đi lại",
        support_plan="Khám sức khỏe hằng tuần",
    )
    record = svc.reports.admission_record(stay)
    document = report_layouts.admission(record, "vi", TODAY)
    shown = texts(document)
    assert "Công an phường" in shown and "Cần hỗ trợ đi lại" in shown
    assert "Tiếp nhận khẩn cấp" in shown
    result = svc.facility.discharge(
        stay, dt.date(2026, 10, 2), DischargeReason.DEATH, funeral_recipient="Nguyễn Văn Con"
    )
    docs = svc.reports.documents_for(pid)
    assert docs.residency_ids == (stay,) and len(docs.funeral_ids) == 1
    funeral = svc.reports.funeral_record(docs.funeral_ids[0])
    assert result.funeral is not None and funeral.amount == result.funeral.amount
    document = report_layouts.funeral(funeral, "vi", TODAY)
    shown = texts(document)
    assert "Nguyễn Văn Con" in shown
    assert "Tại cơ sở trợ giúp xã hội" in shown


# ---------------------------------------------------------------- words and messages


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (105, "Một trăm linh năm đồng"),
        (810_000, "Tám trăm mười nghìn đồng"),
        (1_350_000, "Một triệu ba trăm năm mươi nghìn đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (24_000_000, "Hai mươi tư triệu đồng"),
        (2_000_000_000, "Hai tỷ đồng"),
        (5_000_000_000_000, "Năm nghìn tỷ đồng"),
    ],
)
def test_amounts_in_vietnamese_words(amount: int, words: str) -> None:
    assert report_layouts.money_in_words(amount, "vi") == words


def test_every_report_message_has_both_languages_with_the_same_placeholders() -> None:
    path = Path(__file__).resolve().parents[2] / "resources" / "messages" / "reports.json"
    entries = json.loads(path.read_text("utf-8"))
    assert entries and set(entries) <= set(catalogue())
    for code, text in entries.items():
        assert set(text) == {"vi", "en"}, code
        assert placeholders(text["vi"]) == placeholders(text["en"]), code


def test_column_kinds_of_the_payment_list(services: Services) -> None:
    document = report_layouts.payment_list(services.reports.payment_list(NOVEMBER), "vi", TODAY)
    [table] = document.tables()
    kinds = {c.key: c.kind for c in table.columns}
    assert kinds["amount"] == kinds["total"] == Kind.MONEY
    assert kinds["signature"] == Kind.SIGNATURE
    assert document.landscape
