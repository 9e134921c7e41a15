"""Synthetic, realistic-looking people for demos and benchmarks — never real data.

Names follow the frequency of Vietnamese family names; CCCD numbers agree with the sex and
birth year they encode (so validation accepts them) but use serial numbers no real card
would carry in combination with these names. Everything is written through the tracked bulk
path, so demo data syncs like any other change.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from btxh_desktop.domain.codes import (
    AdmissionType,
    CaseChangeKind,
    CaseStatus,
    DisabilityLevel,
    HouseholdStatus,
    PaymentMethod,
    ResidentGroup,
    SchoolStatus,
    Sex,
    SiteType,
)
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.identity import fold
from btxh_desktop.domain.policy import CategoryClaim, PersonFacts
from btxh_desktop.services.context import ServiceContext
from btxh_desktop.services.permissions import Permission, require
from btxh_desktop.storage.bulk import insert_tracked
from btxh_desktop.storage.models import (
    AllowanceCase,
    AllowanceChange,
    DisabilityAssessment,
    Facility,
    HouseholdStatusRecord,
    Person,
    Residency,
    Site,
    new_id,
)

SURNAMES = (
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 2),
    ("Phan", 4.5), ("Vũ", 3.9), ("Võ", 2), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4),
    ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5), ("Đinh", 0.6), ("Lương", 0.4),
    ("Đào", 0.5), ("Mai", 0.4), ("Trịnh", 0.4), ("Hà", 0.4), ("Lò", 0.2), ("Hứa", 0.2),
)  # fmt: skip
MIDDLE = {
    Sex.MALE: ("Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thành", "Xuân", "Đình", "Ngọc"),
    Sex.FEMALE: ("Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bích", "Hồng", "Mỹ"),
}
GIVEN = {
    Sex.MALE: (
        "An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hải", "Hiếu", "Hùng", "Huy", "Khoa",
        "Long", "Mạnh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Sơn", "Tài", "Thắng",
        "Thịnh", "Toàn", "Trung", "Tuấn", "Việt", "Vinh", "Đức", "Lâm", "Hoà",
    ),
    Sex.FEMALE: (
        "Anh", "Bích", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương",
        "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Nhung", "Oanh", "Phương",
        "Quyên", "Thảo", "Thu", "Thủy", "Trang", "Tuyết", "Vân", "Yến",
    ),
}  # fmt: skip
# Share of community beneficiaries by category, roughly as provinces report them.
CATEGORY_WEIGHTS = (
    ("K6", 40), ("K5a", 22), ("K5d", 4), ("K1", 4), ("K2", 1), ("K3", 0.3), ("K4", 3),
    ("K7", 3), ("K8", 0.7),
)  # fmt: skip
# The age range (at the demo's "today") that each category is drawn from.
AGE_RANGE = {
    "K1": (0, 15), "K2": (16, 21), "K3": (0, 15), "K4": (20, 55), "K5a": (60, 95),
    "K5d": (60, 95), "K6": (1, 90), "K7": (0, 2), "K8": (18, 60),
}  # fmt: skip
K1_SUB_CASES = ("abandoned", "orphaned_both")
ETHNIC_WEIGHTS = (("01", 85), ("02", 3), ("03", 3), ("06", 2), ("07", 2), ("08", 2), ("05", 1))
VILLAGES = ("Thôn Đông", "Thôn Tây", "Thôn Trung", "Xóm Mới", "Khu phố 1", "Khu phố 2", "Ấp 3")


@dataclass(frozen=True)
class DemoSummary:
    people: int
    cases: int
    residents: int
    seconds: float


class DemoDataService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def generate(
        self,
        people: int,
        seed: int = 1,
        progress: Callable[[int, int], None] | None = None,
    ) -> DemoSummary:
        require(self.ctx.actor, Permission.IMPORT)
        started = dt.datetime.now()
        rng = random.Random(seed)
        site = self.ctx.site()
        today = self.ctx.today()
        commune_codes = self._communes(site)
        person_rows: list[dict[str, Any]] = []
        plans: list[tuple[str, str, PartialDate, Sex]] = []
        next_number = site.next_record_number
        for i in range(people):
            category = _weighted(rng, CATEGORY_WEIGHTS)
            low, high = AGE_RANGE[category]
            row, birth, sex = _person_row(rng, today, low, high, commune_codes)
            row["code"] = f"{site.site_code}-{next_number + i:06d}"
            if category == "K2":
                row["school_status"] = SchoolStatus.STUDYING.value
            person_rows.append(row)
            plans.append((row["id"], category, birth, sex))
        with self.ctx.unit_of_work() as session:
            insert_tracked(session, Person, person_rows, action="demo")
            stored_site = session.scalar(select(Site))
            assert stored_site is not None
            stored_site.next_record_number = next_number + people
            if progress:
                progress(people, people)
            if site.site_type == SiteType.COMMUNE:
                cases = self._cases(session, rng, plans, person_rows, today)
                residents = 0
            else:
                cases = 0
                residents = self._residents(session, rng, plans, today)
        return DemoSummary(people, cases, residents, (dt.datetime.now() - started).total_seconds())

    def _communes(self, site: Site) -> list[str]:
        if site.site_type == SiteType.COMMUNE:
            return [site.site_code]
        communes = self.ctx.reference.communes_of(site.province_code or "")
        return [c.code for c in communes] or [site.site_code]

    def _cases(
        self,
        session: Any,
        rng: random.Random,
        plans: list[tuple[str, str, PartialDate, Sex]],
        person_rows: list[dict[str, Any]],
        today: dt.date,
    ) -> int:
        policy = self.ctx.policy
        cases: list[dict[str, Any]] = []
        changes: list[dict[str, Any]] = []
        disability: list[dict[str, Any]] = []
        households: list[dict[str, Any]] = []
        this_month = Month.of(today)
        for (person_id, category, birth, _), row in zip(plans, person_rows, strict=True):
            level = None
            if category == "K6":
                level = rng.choice((DisabilityLevel.PARTICULARLY_SEVERE, DisabilityLevel.SEVERE))
                issued = today - dt.timedelta(days=rng.randint(60, 2500))
                disability.append(
                    {
                        "person_id": person_id,
                        "disability_type": rng.randint(1, 6),
                        "level": level.value,
                        "assessed_on": issued,
                        "certificate_number": f"GXN-{rng.randint(1000, 99999)}",
                        "certificate_issued_on": issued,
                        "reassessment_due": (
                            issued + dt.timedelta(days=365 * 5) if rng.random() < 0.3 else None
                        ),
                    }
                )
            if category in ("K5a", "K5d", "K4", "K3", "K7", "K8"):
                households.append(
                    {
                        "person_id": person_id,
                        "status": rng.choice(
                            (HouseholdStatus.POOR, HouseholdStatus.NEAR_POOR)
                        ).value
                        if category in ("K4", "K7")
                        else HouseholdStatus.POOR.value,
                        "valid_from": dt.date(today.year, 1, 1),
                    }
                )
            children = rng.randint(1, 3) if category == "K4" else 0
            studying = row.get("school_status") == SchoolStatus.STUDYING.value
            decided_on = today - dt.timedelta(days=rng.randint(30, 1500))
            born = birth.assumed_date()
            if born is not None and decided_on <= born:
                decided_on = min(today, born + dt.timedelta(days=40))
            facts = PersonFacts(
                birth=birth,
                claims=(CategoryClaim(category),),
                disability_level=level,
                children_count=children,
                studying=studying,
                household_status=HouseholdStatus.POOR,
            )
            answer = policy.monthly_allowance(facts, this_month)
            status = CaseStatus.ACTIVE if answer.monthly_amount > 0 else CaseStatus.STOPPED
            if status == CaseStatus.ACTIVE and rng.random() < 0.03:
                status = CaseStatus.APPLIED
            case_id = new_id()
            decided = status != CaseStatus.APPLIED
            start = Month.of(decided_on)
            cases.append(
                {
                    "id": case_id,
                    "person_id": person_id,
                    "commune_code": row["commune_code"],
                    "category": category,
                    "sub_case": rng.choice(K1_SUB_CASES) if category == "K1" else None,
                    "other_categories": [],
                    "status": status.value,
                    "application_date": decided_on - dt.timedelta(days=rng.randint(3, 10)),
                    "children_count": children,
                    "decision_number": f"{rng.randint(1, 999)}/QĐ-UBND" if decided else None,
                    "decision_date": decided_on if decided else None,
                    "decision_signer": "Chủ tịch UBND xã" if decided else None,
                    "coefficient": answer.total_coefficient if decided else None,
                    "standard_level": answer.standard_level if decided else None,
                    "monthly_amount": answer.monthly_amount if decided else None,
                    "start_month": start if decided else None,
                    "stop_month": this_month if status == CaseStatus.STOPPED else None,
                    "payment_method": _weighted(
                        rng,
                        (
                            (PaymentMethod.POST_OFFICE.value, 70),
                            (PaymentMethod.BANK.value, 20),
                            (PaymentMethod.CASH.value, 10),
                        ),
                    ),
                    "account_number": None,
                }
            )
            if cases[-1]["payment_method"] == PaymentMethod.BANK.value:
                cases[-1]["account_number"] = f"{rng.randint(10**11, 10**12 - 1)}"
                cases[-1]["bank_name"] = "Agribank"
            if decided:
                changes.append(
                    {
                        "case_id": case_id,
                        "kind": CaseChangeKind.DECIDE.value,
                        "effective_month": start,
                        "decision_number": cases[-1]["decision_number"],
                        "decision_date": decided_on,
                        "new_coefficient": answer.total_coefficient,
                        "new_amount": answer.monthly_amount,
                    }
                )
        insert_tracked(session, DisabilityAssessment, disability, action="demo")
        insert_tracked(session, HouseholdStatusRecord, households, action="demo")
        insert_tracked(session, AllowanceCase, cases, action="demo")
        insert_tracked(session, AllowanceChange, changes, action="demo")
        return len(cases)

    def _residents(
        self,
        session: Any,
        rng: random.Random,
        plans: list[tuple[str, str, PartialDate, Sex]],
        today: dt.date,
    ) -> int:
        site = session.scalar(select(Site))
        facility_id = session.scalar(select(Facility.id).where(Facility.code == site.site_code))
        if facility_id is None:
            return 0
        rows: list[dict[str, Any]] = []
        for person_id, category, birth, _ in plans:
            group = {
                "K1": ResidentGroup.CHILD,
                "K2": ResidentGroup.CHILD,
                "K3": ResidentGroup.CHILD,
                "K7": ResidentGroup.CHILD,
                "K5a": ResidentGroup.ELDERLY,
                "K5d": ResidentGroup.ELDERLY,
                "K6": rng.choice((ResidentGroup.DISABILITY, ResidentGroup.MENTAL_ILLNESS)),
            }.get(category, ResidentGroup.DISABILITY)
            emergency = rng.random() < 0.05
            born = birth.assumed_date() or dt.date(1950, 1, 1)
            earliest = max(born, today - dt.timedelta(days=3000 if not emergency else 120))
            admitted = earliest + dt.timedelta(days=rng.randint(0, max(0, (today - earliest).days)))
            rows.append(
                {
                    "person_id": person_id,
                    "facility_id": facility_id,
                    "admission_type": (
                        AdmissionType.EMERGENCY if emergency else AdmissionType.REGULAR
                    ).value,
                    "resident_group": (ResidentGroup.EMERGENCY if emergency else group).value,
                    "admitted_on": admitted,
                    "admission_decision_number": f"{rng.randint(1, 500)}/QĐ-TTBTXH",
                }
            )
        facility = session.get(Facility, facility_id)
        if facility.capacity < len(rows):
            facility.capacity = int(len(rows) * 1.2) + 10
        insert_tracked(session, Residency, rows, action="demo")
        return len(rows)


def _weighted(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    values = [value for value, _ in table]
    weights = [weight for _, weight in table]
    return rng.choices(values, weights)[0]


def _person_row(
    rng: random.Random,
    today: dt.date,
    min_age: int,
    max_age: int,
    communes: list[str],
) -> tuple[dict[str, Any], PartialDate, Sex]:
    sex = Sex.MALE if rng.random() < 0.48 else Sex.FEMALE
    age = rng.randint(min_age, max_age)
    born = today - dt.timedelta(days=age * 365 + rng.randint(0, 364))
    precision = rng.random()
    if precision < 0.85 or age < 16:
        birth = PartialDate(born.year, born.month, born.day)
    elif precision < 0.93:
        birth = PartialDate(born.year, born.month)
    else:
        birth = PartialDate(born.year)
    name = f"{_weighted(rng, SURNAMES)} {rng.choice(MIDDLE[sex])} {rng.choice(GIVEN[sex])}"
    cccd = None
    if age >= 14 and rng.random() < 0.9:
        century_digit = (0 if born.year < 2000 else 2) + (0 if sex == Sex.MALE else 1)
        cccd = f"079{century_digit}{born.year % 100:02d}{rng.randint(0, 999999):06d}"
    row: dict[str, Any] = {
        "id": new_id(),
        "full_name": name,
        "search_name": fold(name),
        "birth_year": birth.year,
        "birth_month": birth.month,
        "birth_day": birth.day,
        "birth_precision": birth.precision.value,
        "sex": sex.value,
        "ethnicity_code": _weighted(rng, ETHNIC_WEIGHTS),
        "cccd": cccd,
        "phone": f"09{rng.randint(10_000_000, 99_999_999)}" if rng.random() < 0.6 else None,
        "commune_code": rng.choice(communes),
        "address_detail": rng.choice(VILLAGES),
    }
    return row, birth, sex
