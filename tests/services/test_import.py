"""Importing beneficiary spreadsheets as communes keep them: odd headers, merged cells, dates
in every form, NFD names, duplicates; every bad row reported with its reason, all or nothing."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from btxh_desktop.domain.codes import CaseStatus, Sex
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.container import Services
from btxh_desktop.services.importer import (
    ColumnMapping,
    ImportPlan,
    RowOutcome,
    RowStatus,
    guess_field,
)
from btxh_desktop.storage.models import AllowanceCase, AllowanceChange, AuditEntry, OutboxEntry
from tests.conftest import COMMUNE

HEADERS = (
    "STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Dân tộc", "Thôn", "Đối tượng",
    "Hệ số", "Mức trợ cấp", "Số QĐ", "Ngày QĐ",
)  # fmt: skip


def workbook(path: Path, rows: Sequence[Sequence[Any]], title_rows: int = 2) -> Path:
    """HEADERS after `title_rows` title lines (the first rows of a commune's list), then the
    rows: with the default, the header is row 3 and the data start at row 4."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    if title_rows:
        sheet["A1"] = "UBND PHƯỜNG SÀI GÒN"
        sheet["A2"] = "DANH SÁCH ĐỐI TƯỢNG HƯỞNG TRỢ CẤP XÃ HỘI HẰNG THÁNG"
        sheet.merge_cells("A2:L2")
    header_row = title_rows + 1
    for column, header in enumerate(HEADERS, start=1):
        sheet.cell(header_row, column, header)
    for number, values in enumerate(rows, start=header_row + 1):
        for column, value in enumerate(values, start=1):
            sheet.cell(number, column, value)
    book.save(path)
    return path


def row(
    number: int,
    name: str,
    birth: Any,
    sex: str,
    cccd: Any,
    category: str = "K5a",
    coefficient: Any = 1.5,
    amount: Any = 810_000,
    village: str | None = "Thôn Đông",
    decision_date: Any = dt.date(2025, 3, 5),
) -> list[Any]:
    return [number, name, birth, sex, cccd, "Kinh", village, category, coefficient, amount,
            f"{number}/QĐ-UBND", decision_date]  # fmt: skip


def plan_of(services: Services, path: Path) -> ImportPlan:
    sheet = services.importer.read(path)
    return services.importer.validate(sheet, sheet.guess)


def by_row(plan: ImportPlan) -> dict[int, RowOutcome]:
    return {r.row_number: r for r in plan.rows}


def codes(outcome: RowOutcome) -> list[str]:
    return [i.code for i in outcome.issues]


def counts(services: Services) -> tuple[int, int, int]:
    with services.ctx.read() as session:
        cases = session.scalar(select(func.count()).select_from(AllowanceCase)) or 0
        outbox = session.scalar(select(func.count()).select_from(OutboxEntry)) or 0
    return services.people.count(), cases, outbox


# ---------------------------------------------------------------- headers and mapping


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Họ và tên", "full_name"),
        ("HỌ VÀ TÊN ĐỐI TƯỢNG", "full_name"),
        (unicodedata.normalize("NFD", "Họ tên"), "full_name"),
        ("Ngày, tháng, năm sinh", "birth"),
        ("Năm sinh", "birth"),
        ("Ngày sinh Nam", "birth_male"),
        ("Ngày sinh Nữ", "birth_female"),
        ("Giới tính", "sex"),
        ("Số CCCD", "cccd"),
        ("Số CMND/CCCD", "cccd"),
        ("Số định danh cá nhân", "cccd"),
        ("Dân tộc", "ethnicity"),
        ("Địa chỉ", "address_detail"),
        ("Thôn/Xóm", "village"),
        ("Đối tượng", "category"),
        ("Diện đối tượng", "category"),
        ("Hệ số", "coefficient"),
        ("Mức trợ cấp", "amount"),
        ("Số QĐ", "decision_number"),
        ("Số quyết định", "decision_number"),
        ("Ngày QĐ", "decision_date"),
        ("Hưởng từ tháng", "start_month"),
        ("Họ tên cha", "father_name"),
        ("Mức độ khuyết tật", "disability_level"),
        ("Số tiền truy lĩnh", None),
        ("STT", None),
        ("Ký nhận", None),
        ("Cột lạ", None),
    ],
)
def test_fields_are_guessed_from_vietnamese_headers(header: str, field: str | None) -> None:
    assert guess_field(header) == field


def test_a_sheet_without_recognisable_headers_is_refused_and_nothing_is_imported(
    services: Services, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Cột A", "Cột B", "Cột C"])
    sheet.append(["Nguyễn Văn A", "1950", "Nam"])
    book.save(tmp_path / "sai.xlsx")
    with pytest.raises(DomainError) as raised:
        services.importer.import_file(tmp_path / "sai.xlsx")
    assert raised.value.code == "import.headers_not_found"
    assert counts(services) == (0, 0, 0)


def test_files_that_cannot_be_read_are_refused_with_a_clear_code(
    services: Services, tmp_path: Path
) -> None:
    (tmp_path / "cu.xls").write_bytes(b"\xd0\xcf\x11\xe0 old excel")
    (tmp_path / "khong-phai.xlsx").write_text("không phải excel", "utf-8")
    for name, code in (
        ("cu.xls", "import.xls_unsupported"),
        ("khong-phai.xlsx", "import.file_unreadable"),
        ("khong-co.xlsx", "import.file_missing"),
    ):
        with pytest.raises(DomainError) as raised:
            services.importer.read(tmp_path / name)
        assert raised.value.code == code


def test_header_row_below_a_title_and_a_saved_mapping_for_a_reordered_file(
    services: Services, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "a.xlsx", [row(1, "Nguyễn Văn An", "12/03/1950", "Nam", "079050000001")]
    )
    sheet = services.importer.read(path)
    assert sheet.header_row == 3
    assert sheet.guess.columns["full_name"] == 1
    saved = tmp_path / "mapping.json"
    services.importer.save_mapping(sheet.guess, sheet, saved)
    data = json.loads(saved.read_text("utf-8"))
    assert data["columns"]["full_name"] == "Họ và tên"

    book = Workbook()
    other = book.active
    order = [4, 0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11]
    other.append([HEADERS[i] for i in order])
    values = row(1, "Trần Thị Bình", "1948", "Nữ", "079148000002")
    other.append([values[i] for i in order])
    book.save(tmp_path / "b.xlsx")
    mapping = services.importer.load_mapping(saved)
    result = services.importer.import_file(tmp_path / "b.xlsx", mapping, dry_run=True)
    assert result.plan.mapping.columns["full_name"] == 2
    assert [r.status for r in result.plan.rows] == [RowStatus.OK]
    assert result.plan.rows[0].draft is not None
    assert result.plan.rows[0].draft.full_name == "Trần Thị Bình"

    del data["columns"]["full_name"]
    data["columns"]["notes"] = "Ghi chú"
    with pytest.raises(DomainError) as raised:
        ColumnMapping.from_json(data, sheet.headers)
    assert raised.value.code == "import.mapping_headers_missing"


# ---------------------------------------------------------------- values


def test_dates_in_every_form_and_names_in_nfd_or_capitals(
    services: Services, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "ngay.xlsx",
        [
            row(1, "Nguyễn Văn An", "12/03/1950", "Nam", "079050000001"),
            row(2, "Trần Thị Bình", "03/1948", "Nữ", "079148000002"),
            row(3, "Lê Văn Cường", "1955", "Nam", "079055000003"),
            row(4, "Phạm Thị Dung", 1946, "Nữ", "079146000004"),
            row(5, "Hoàng Văn Em", 18335, "Nam", "079050000005"),  # Excel serial: 13/03/1950
            row(6, "Vũ Thị Phương", dt.datetime(1952, 7, 9), "Nữ", "079152000006"),
            row(7, "Đặng Văn Giang", "00/00/1949", "Nam", "079049000007"),
            row(8, "Bùi Thị Hạnh", "1951-04-30", "Nữ", "079151000008"),
            row(9, unicodedata.normalize("NFD", "Ngô Thị Ánh"), "1953", "Nữ", "079153000009"),
            row(10, "ĐỖ VĂN KHÔI", "1954", "Nam", 79054000010),  # a number: leading 0 lost
            row(11, "Hồ Văn Lâm", "31/02/1950", "Nam", "079050000011"),
            row(12, "Mai Văn Minh", "ngày xưa", "Nam", "079050000012"),
        ],
    )
    outcomes = by_row(plan_of(services, path))
    births = {n: o.draft.birth for n, o in outcomes.items() if o.draft is not None}
    assert births[4] == PartialDate(1950, 3, 12)
    assert births[5] == PartialDate(1948, 3)
    assert births[6] == PartialDate(1955)
    assert births[7] == PartialDate(1946)
    assert births[8] == PartialDate(1950, 3, 13)
    assert births[9] == PartialDate(1952, 7, 9)
    assert births[10] == PartialDate(1949)
    assert births[11] == PartialDate(1951, 4, 30)
    names = {n: o.draft.full_name for n, o in outcomes.items() if o.draft is not None}
    assert names[12] == unicodedata.normalize("NFC", "Ngô Thị Ánh")
    assert names[13] == "Đỗ Văn Khôi"
    assert outcomes[13].draft is not None and outcomes[13].draft.cccd == "079054000010"
    assert codes(outcomes[14]) == ["date.invalid"]
    assert codes(outcomes[15]) == ["date.unreadable"]
    assert "Ngày sinh" in outcomes[15].reasons("vi")
    assert all(outcomes[n].status != RowStatus.REJECTED for n in range(4, 14))


def test_merged_cells_and_a_two_row_header_with_birth_dates_by_sex(
    services: Services, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet["A1"] = "DANH SÁCH ĐỐI TƯỢNG"
    sheet.merge_cells("A1:H1")
    headers = ["STT", "Họ và tên", "Ngày sinh", None, "Số CCCD", "Thôn", "Đối tượng", "Ngày QĐ"]
    for column, header in enumerate(headers, start=1):
        sheet.cell(3, column, header)
    sheet.merge_cells("C3:D3")
    sheet.cell(4, 3, "Nam")
    sheet.cell(4, 4, "Nữ")
    for column in (1, 2, 5, 6, 7, 8):
        sheet.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
    for column in range(1, 9):
        sheet.cell(5, column, f"({column})")  # the column-numbering row of official forms
    people = [
        (1, "Nguyễn Văn An", "12/03/1950", None, "079050000001", "Thôn Đông"),
        (2, "Trần Thị Bình", None, "1948", "079148000002", None),
        (3, "Lê Văn Cường", "1955", None, "079055000003", None),
        (4, "Phạm Thị Dung", "1946", "1946", "079146000004", "Xóm Mới"),
    ]
    for offset, values in enumerate(people):
        for column, value in enumerate(values, start=1):
            sheet.cell(6 + offset, column, value)
        sheet.cell(6 + offset, 7, "K5a")
        sheet.cell(6 + offset, 8, "05/03/2025")
    sheet.merge_cells("F6:F8")  # one village for the first three households
    book.save(tmp_path / "gop.xlsx")

    spreadsheet = services.importer.read(tmp_path / "gop.xlsx")
    assert spreadsheet.header_row == 4
    assert spreadsheet.guess.columns["birth_male"] == 2
    assert spreadsheet.guess.columns["birth_female"] == 3
    assert [n for n, _ in spreadsheet.rows] == [6, 7, 8, 9]
    outcomes = by_row(services.importer.validate(spreadsheet, spreadsheet.guess))
    drafts = {n: o.draft for n, o in outcomes.items()}
    assert drafts[6] is not None and drafts[6].sex == Sex.MALE
    assert drafts[7] is not None and drafts[7].sex == Sex.FEMALE
    assert drafts[7].birth == PartialDate(1948)
    assert drafts[8] is not None and drafts[8].address_detail == "Thôn Đông"
    assert codes(outcomes[9]) == ["import.birth_columns_conflict"]


def test_category_spellings_k6_needs_its_level_and_eligibility_is_checked(
    services: Services, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Họ và tên", "Ngày sinh", "Giới tính", "Diện", "Mức độ khuyết tật",
                  "Dạng tật", "Hưởng từ tháng"])  # fmt: skip
    sheet.append(["Lê Văn Cường", "1950", "Nam", "Khoản 6", "Đặc biệt nặng", "Vận động", "01/2024"])
    sheet.append(["Phạm Thị Dung", "1960", "Nữ", "k6", None, None, "T6/2024"])
    sheet.append(["Hoàng Văn Em", "1950", "Nam", "khoản 5 điểm a", None, None, "2024-06"])
    sheet.append(["Bé Út", "2024", "Nữ", "5a", None, None, dt.date(2025, 1, 1)])
    sheet.append(["Vũ Văn Lạ", "1950", "Nam", "K9", None, None, "01/2024"])
    sheet.append(["Đinh Văn Thiếu", "1950", "Nam", "K5a", None, None, None])
    book.save(tmp_path / "dien.xlsx")
    outcomes = by_row(plan_of(services, tmp_path / "dien.xlsx"))
    assert outcomes[2].case is not None and outcomes[2].case.category == "K6"
    assert outcomes[2].case.allowance.total_coefficient == Decimal("2.5")
    assert outcomes[2].case.start_month == Month(2024, 1)
    assert codes(outcomes[3]) == ["import.k6_needs_level", "import.k6_needs_type"]
    assert outcomes[4].case is not None and outcomes[4].case.category == "K5a"
    assert outcomes[4].case.start_month == Month(2024, 6)
    assert codes(outcomes[5]) == ["import.not_eligible"]
    assert "K5a" in outcomes[5].reasons("vi")
    assert codes(outcomes[6]) == ["import.category_unknown"]
    assert codes(outcomes[7]) == ["import.start_required"]


def test_a_differing_coefficient_is_a_warning_and_the_engine_wins(
    services: Services, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "he-so.xlsx",
        [row(1, "Nguyễn Văn An", "12/03/1940", "Nam", "079040000001", coefficient="1,5")],
    )
    plan = plan_of(services, path)
    [outcome] = plan.rows
    assert outcome.status == RowStatus.WARNING
    assert codes(outcome) == ["import.coefficient_differs", "import.amount_differs"]
    assert "2" in outcome.reasons("vi") and "1,5" in outcome.reasons("vi")
    services.importer.commit(plan)
    [case] = services.allowance.cases()
    assert case.coefficient == Decimal(2) and case.monthly_amount == 1_080_000


# ---------------------------------------------------------------- duplicates


def test_duplicates_in_the_file_and_against_the_database_are_rejected(
    services: Services, tmp_path: Path
) -> None:
    services.people.create(
        PersonDraft(
            full_name="Nguyễn Văn Cũ",
            birth=PartialDate(1950, 1, 1),
            sex=Sex.MALE,
            cccd="079050000099",
            commune_code=COMMUNE,
        )
    )
    services.people.create(
        PersonDraft(full_name="Lê Thị Trùng", birth=PartialDate(1947), commune_code=COMMUNE)
    )
    path = workbook(
        tmp_path / "trung.xlsx",
        [
            row(1, "Nguyễn Văn An", "1950", "Nam", "079050000001"),
            row(2, "Trần Văn Bảo", "1950", "Nam", "079050000001"),
            row(3, "Nguyễn Văn Khác", "1950", "Nam", "079050000099"),
            row(4, "LÊ THỊ TRÙNG", "02/02/1947", "Nữ", None),
            row(5, "Hồ Văn Hai", "1949", "Nam", None),
            row(6, "Hồ Văn Hai", "1949", "Nam", None),
            row(7, "Đỗ Thị Đúng", "1950", "Nữ", "079150000003"),
        ],
    )
    outcomes = by_row(plan_of(services, path))
    assert codes(outcomes[4]) == ["import.duplicate_cccd_in_file"]
    assert codes(outcomes[5]) == ["import.duplicate_cccd_in_file"]
    assert "dòng 5" in outcomes[4].reasons("vi") and "dòng 4" in outcomes[5].reasons("vi")
    assert codes(outcomes[6]) == ["import.duplicate_cccd_in_database"]
    assert "26740-000001" in outcomes[6].reasons("vi")
    assert codes(outcomes[7]) == ["import.duplicate_name_in_database"]
    assert codes(outcomes[8]) == codes(outcomes[9]) == ["import.duplicate_name_in_file"]
    assert outcomes[10].status == RowStatus.OK


def test_a_person_added_between_check_and_import_stops_the_whole_import(
    services: Services, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "a.xlsx",
        [
            row(1, "Nguyễn Văn An", "1950", "Nam", "079050000001"),
            row(2, "Trần Thị Bình", "1948", "Nữ", "079148000002"),
        ],
    )
    plan = plan_of(services, path)
    services.people.create(
        PersonDraft(
            full_name="Trần Thị Bình",
            birth=PartialDate(1948),
            sex=Sex.FEMALE,
            cccd="079148000002",
            commune_code=COMMUNE,
        )
    )
    before = counts(services)
    with pytest.raises(DomainError) as raised:
        services.importer.commit(plan)
    assert raised.value.code == "import.changed_since_check"
    assert counts(services) == before


# ---------------------------------------------------------------- writing


def test_valid_rows_are_imported_as_tracked_changes_without_back_pay(
    services: Services, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "nhap.xlsx",
        [
            row(1, "Nguyễn Văn An", "12/03/1940", "Nam", "079040000001", coefficient=2,
                amount=1_080_000, decision_date=dt.date(2025, 3, 5)),
            row(2, "Sai Ngày Sinh", "31/13/1950", "Nam", None),
            row(3, "Trần Thị Bình", "1948", "Nữ", "079148000002", decision_date="05/04/2025"),
        ],
    )  # fmt: skip
    result = services.importer.import_file(path)
    assert (result.people, result.cases) == (2, 2)
    assert [r.row_number for r in result.plan.rejected] == [5]
    people, cases, outbox = counts(services)
    assert (people, cases) == (2, 2)
    assert outbox == 4  # every row syncs
    listed = services.allowance.cases()
    assert {c.status for c in listed} == {CaseStatus.ACTIVE}
    assert {c.start_month for c in listed} == {Month(2025, 3), Month(2025, 4)}
    assert sorted(c.person_code for c in listed) == ["26740-000001", "26740-000002"]
    with services.ctx.read() as session:
        assert session.scalar(select(func.count()).select_from(AllowanceChange)) == 0
        actions = set(session.scalars(select(AuditEntry.action)))
    assert "import" in actions
    # Decided by the old process: November pays November, with no back pay since March.
    lines = services.allowance.payment_list(Month(2026, 11)).lines
    assert [line.line.back_pay_amount for line in lines] == [0, 0]
    assert sum(line.line.amount for line in lines) == 1_080_000 + 810_000
    assert services.people.next_code_preview() == "26740-000003"


def test_cancelling_or_failing_half_way_imports_nothing(services: Services, tmp_path: Path) -> None:
    rows = [row(i, f"Nguyễn Văn Số {i}", "1950", "Nam", f"0790500{i:05d}") for i in range(1, 7)]
    plan = plan_of(services, workbook(tmp_path / "huy.xlsx", rows))

    def cancel(done: int, total: int, stage: str) -> None:
        raise KeyboardInterrupt

    from btxh_desktop.services import importer as module

    original = module.SAVE_CHUNK
    module.SAVE_CHUNK = 2  # several chunks, so the cancel comes after some were written
    try:
        with pytest.raises(KeyboardInterrupt):
            services.importer.commit(plan, progress=cancel)
    finally:
        module.SAVE_CHUNK = original
    assert counts(services) == (0, 0, 0)
    assert services.people.next_code_preview() == "26740-000001"


def test_rejected_rows_report_keeps_the_original_cells_and_gives_reasons(
    services: Services, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "loi.xlsx",
        [
            row(1, "Nguyễn Văn An", "1950", "Nam", "079050000001"),
            row(2, "Trần Văn Sai", "1950", "Nữ", "079050000002"),
            row(3, "Lê Văn Hệ Số", "1940", "Nam", "079040000003", coefficient=1.5),
        ],
    )
    plan = plan_of(services, path)
    out = tmp_path / "ket-qua.xlsx"
    assert services.importer.write_report(plan, out, "vi") == 1
    sheet = load_workbook(out).active
    assert sheet.title == "Kết quả kiểm tra"
    rows = list(sheet.iter_rows(values_only=True))
    header = next(r for r in rows if r[0] == "Dòng")
    assert header[1 : len(HEADERS) + 1] == HEADERS
    assert header[len(HEADERS) + 1] == "Lý do"
    rejected = next(r for r in rows if r[0] == 5)
    assert rejected[2] == "Trần Văn Sai"
    assert "Số CCCD" in rejected[-1] and "giới tính" in rejected[-1]
    warned = next(r for r in rows if r[0] == 6)
    assert "Hệ số" in warned[-1]


@pytest.mark.slow
def test_five_thousand_rows_with_bad_ones_among_them(services: Services, tmp_path: Path) -> None:
    """The 50,000-row import runs in the benchmark (bench/bench_reports.py); here 5,000
    rows keep the suite fast while covering chunking and reporting at scale."""
    rows = []
    bad: dict[int, str] = {}
    for i in range(1, 5001):
        sex, digit = ("Nam", 0) if i % 2 else ("Nữ", 1)
        birth = f"{(i % 28) + 1:02d}/{(i % 12) + 1:02d}/{1930 + i % 30}"
        cccd = f"079{digit}{(1930 + i % 30) % 100:02d}{i:06d}"
        if i % 500 == 0:
            birth = "32/01/1950"
            bad[i] = "date.invalid"
        elif i % 777 == 0:
            cccd = cccd[:-1]
            bad[i] = "cccd.format"
        rows.append(row(i, f"Nguyễn Văn Số {i}", birth, sex, cccd, coefficient=None, amount=None))
    path = workbook(tmp_path / "lon.xlsx", rows)
    result = services.importer.import_file(path)
    rejected = {r.row_number - 3: codes(r) for r in result.plan.rejected}
    assert {number: found[0] for number, found in rejected.items()} == bad
    assert result.people == 5000 - len(bad)
    assert counts(services)[:2] == (5000 - len(bad), 5000 - len(bad))


def test_a_list_of_people_without_allowance_columns_imports_people_only(
    services: Services, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Họ và tên", "Năm sinh", "Giới tính", "Địa chỉ", "Điện thoại"])
    sheet.append(["Nguyễn Văn An", 1950, "Nam", "Thôn Đông", 912345678])
    sheet.append(["Trần Thị Bình", "1948", "Nữ", "Thôn Tây", "0912 345 679"])
    book.save(tmp_path / "nguoi.xlsx")
    result = services.importer.import_file(tmp_path / "nguoi.xlsx")
    assert (result.people, result.cases) == (2, 0)
    [first] = services.people.search("nguyen van an")
    assert first.draft.phone == "0912345678"  # the leading zero a number cell lost
    assert first.draft.commune_code == COMMUNE  # the commune site's own
