"""Every printed document rendered to PDF and then to images with poppler: pages exist, are
not blank, are A4 the right way round, carry their Vietnamese text in an embedded font, and
a long list repeats its header row on every page."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from btxh_desktop.domain.codes import AdmissionType, DischargeReason, ResidentGroup, Sex
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services import report_layouts
from btxh_desktop.services.container import Services
from btxh_desktop.services.documents import Document
from btxh_desktop.ui import printing
from tests.conftest import TODAY
from tests.services.test_reports import commune_with_beneficiaries, decided, person

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is installed by setup.sh"
)
NOVEMBER = Month(2026, 11)


def pages_as_images(pdf: Path, folder: Path) -> list[tuple[int, int, bytes]]:
    """(width, height, grey pixels) of every page, rendered at 30 dpi."""
    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(pdf), str(folder / pdf.stem)], check=True)
    images = []
    for page in sorted(folder.glob(f"{pdf.stem}-*.pgm")):
        data = page.read_bytes()
        magic, width, height, maximum, pixels = data.split(maxsplit=4)
        assert magic == b"P5" and maximum == b"255"
        images.append((int(width), int(height), pixels[: int(width) * int(height)]))
    return images


def text_of(pdf: Path, page: int) -> str:
    result = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def check_pdf(document: Document, folder: Path, name: str) -> tuple[Path, int]:
    pdf = folder / f"{name}.pdf"
    pages = printing.write_pdf(document, pdf)
    images = pages_as_images(pdf, folder)
    assert len(images) == pages >= 1
    for width, height, pixels in images:
        assert (width > height) == document.landscape
        inked = sum(1 for value in pixels if value < 160)
        assert inked > len(pixels) // 200, f"{name}: a page is blank"
    first = text_of(pdf, 1)
    assert document.title.upper() in " ".join(first.split())
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True)
    assert "DejaVuSans" in fonts.stdout
    for line in fonts.stdout.splitlines()[2:]:
        assert " yes " in line, f"{name}: a font is not embedded: {line}"
    return pdf, pages


def test_every_commune_document_prints(services: Services, qapp: object, tmp_path: Path) -> None:
    cases = commune_with_beneficiaries(services)
    reports = services.reports
    documents = {
        "payment_list": report_layouts.payment_list(reports.payment_list(NOVEMBER), "vi", TODAY),
        "statistics": report_layouts.statistics(
            reports.statistics(Month(2026, 7), NOVEMBER), "vi", TODAY
        ),
        "posting": report_layouts.public_posting(reports.public_posting(NOVEMBER), "vi", TODAY),
        "people": report_layouts.people(reports.people(), "en", TODAY),
        "profile": report_layouts.profile(
            reports.person_profile(services.allowance.case(cases["disabled"]).person_id),
            "vi",
            TODAY,
        ),
        "decision": report_layouts.decision(reports.decision_draft(cases["child"]), "vi", TODAY),
    }
    for name, document in documents.items():
        check_pdf(document, tmp_path, name)
    assert documents["payment_list"].landscape and not documents["decision"].landscape
    decision_text = text_of(tmp_path / "decision.pdf", 1)
    assert "Độc lập - Tự do - Hạnh phúc" in decision_text
    assert "Một triệu ba trăm năm mươi nghìn đồng" in " ".join(decision_text.split())


def test_facility_records_print(facility_services: Services, qapp: object, tmp_path: Path) -> None:
    svc = facility_services
    pid = svc.people.create(
        PersonDraft(full_name="Cụ Bà Tư", birth=PartialDate(1930, 5), sex=Sex.FEMALE)
    ).id
    stay = svc.facility.admit(
        pid,
        AdmissionType.REGULAR,
        ResidentGroup.ELDERLY,
        dt.date(2026, 9, 1),
        needs_assessment="Cần chăm sóc y tế thường xuyên",
        support_plan="Khám sức khỏe hằng tuần; vật lý trị liệu",
    )
    svc.facility.discharge(
        stay, dt.date(2026, 10, 2), DischargeReason.DEATH, funeral_recipient="Con"
    )
    [funeral_id] = svc.reports.documents_for(pid).funeral_ids
    check_pdf(
        report_layouts.admission(svc.reports.admission_record(stay), "vi", TODAY), tmp_path, "adm"
    )
    check_pdf(
        report_layouts.funeral(svc.reports.funeral_record(funeral_id), "vi", TODAY), tmp_path, "fn"
    )


def test_a_long_payment_list_repeats_its_header_and_keeps_rows_whole(
    services: Services, qapp: object, tmp_path: Path
) -> None:
    for i in range(70):
        pid = person(
            services, f"Nguyễn Văn Số {i:02d}", PartialDate(2015, 1, 1), Sex.MALE,
            address_detail="Thôn Đông",
        )  # fmt: skip
        decided(services, pid, "K1", sub_case="abandoned")
    document = report_layouts.payment_list(services.reports.payment_list(NOVEMBER), "vi", TODAY)
    pdf, pages = check_pdf(document, tmp_path, "long")
    assert pages >= 3
    seen: set[str] = set()
    for page in range(1, pages + 1):
        text = text_of(pdf, page)
        assert "Họ và tên" in text, f"page {page} lacks the header row"
        assert f"Trang {page}/{pages}" in text
        found = {
            line.split("Nguyễn Văn Số ")[1][:2]
            for line in text.splitlines()
            if "Nguyễn Văn Số " in line
        }
        assert not found & seen, "a row appears on two pages"
        seen |= found
    assert len(seen) == 70
