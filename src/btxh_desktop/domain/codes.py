"""Closed vocabularies stored in the database and sent over the wire (values never change)."""

from __future__ import annotations

from enum import StrEnum


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"


class DisabilityLevel(StrEnum):
    PARTICULARLY_SEVERE = "particularly_severe"  # đặc biệt nặng
    SEVERE = "severe"  # nặng
    MILD = "mild"  # nhẹ


class HouseholdStatus(StrEnum):
    POOR = "poor"  # hộ nghèo
    NEAR_POOR = "near_poor"  # hộ cận nghèo
    NOT_POOR = "not_poor"


class SiteType(StrEnum):
    FACILITY = "facility"
    COMMUNE = "commune"


class AdmissionType(StrEnum):
    REGULAR = "regular"
    EMERGENCY = "emergency"


class ResidentGroup(StrEnum):
    CHILD = "child"
    ELDERLY = "elderly"
    DISABILITY = "disability"
    MENTAL_ILLNESS = "mental_illness"
    EMERGENCY = "emergency"
    VOLUNTARY = "voluntary"


class DischargeReason(StrEnum):
    RETURN_FAMILY = "return_family"
    SUBSTITUTE_FAMILY = "substitute_family"
    ADOPTION = "adoption"
    TRANSFER = "transfer"
    DEATH = "death"
    SELF_SUPPORTING = "self_supporting"
    OTHER = "other"


class CareLogKind(StrEnum):
    HEALTH_CHECK = "health_check"
    PHYSIOTHERAPY = "physiotherapy"
    EDUCATION = "education"
    VOCATIONAL = "vocational"
    VISIT = "visit"
    OTHER = "other"


class CaseStatus(StrEnum):
    APPLIED = "applied"  # hồ sơ đã nhận, chờ quyết định
    ACTIVE = "active"  # đang hưởng
    SUSPENDED = "suspended"  # tạm dừng
    STOPPED = "stopped"  # thôi hưởng
    MOVED = "moved"  # chuyển đi xã khác
    REJECTED = "rejected"  # không đủ điều kiện


class CaseChangeKind(StrEnum):
    DECIDE = "decide"
    ADJUST = "adjust"
    SUSPEND = "suspend"
    RESUME = "resume"
    STOP = "stop"
    MOVE = "move"
    REJECT = "reject"


class PaymentMethod(StrEnum):
    POST_OFFICE = "post_office"
    BANK = "bank"
    EWALLET = "ewallet"
    CASH = "cash"


class PaymentStatus(StrEnum):
    PLANNED = "planned"
    PAID = "paid"
    NOT_COLLECTED = "not_collected"


class SchoolStatus(StrEnum):
    NOT_IN_SCHOOL = "not_in_school"
    STUDYING = "studying"
    GRADUATED = "graduated"


class Role(StrEnum):
    DATA_ENTRY = "data_entry"  # nhập liệu
    APPROVER = "approver"  # phê duyệt
    ADMIN = "admin"  # quản trị
