"""The monthly social allowance at the commune: application → decision → changes → payment
lists. Amounts always come from the policy engine, with its explanation."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from btxh_desktop.domain.codes import (
    CaseChangeKind,
    CaseStatus,
    DisabilityLevel,
    HouseholdStatus,
    PaymentMethod,
    PaymentStatus,
    SchoolStatus,
)
from btxh_desktop.domain.dates import Month
from btxh_desktop.domain.errors import DomainError, ValidationFailed
from btxh_desktop.domain.payments import (
    CaseTerms,
    PaidMonth,
    Pause,
    PaymentLine,
    payment_line,
)
from btxh_desktop.domain.policy import (
    Allowance,
    CategoryClaim,
    PersonFacts,
    Support,
    Timing,
    stop_month,
)
from btxh_desktop.services.audit import write_entries
from btxh_desktop.services.context import ServiceContext
from btxh_desktop.services.permissions import Permission, require
from btxh_desktop.storage import audit, tracking
from btxh_desktop.storage.models import (
    AllowanceCase,
    AllowanceChange,
    DisabilityAssessment,
    FuneralSupport,
    HouseholdStatusRecord,
    OtherIncome,
    Payment,
    Person,
    Residency,
    Site,
    utcnow,
)
from btxh_desktop.storage.people import birth_of

PENSION_INCOME_KINDS = frozenset({"pension", "social_insurance"})
OPEN_STATUSES = (CaseStatus.ACTIVE, CaseStatus.SUSPENDED)
ACCOUNT_METHODS = (PaymentMethod.BANK, PaymentMethod.EWALLET)
# Vietnamese bank account numbers run from 6 to 19 digits; an e-wallet is its phone number.
ACCOUNT_DIGITS = (6, 19)
# Why a finalised list was cancelled, as codes: the reason goes into the audit log, which
# holds no free text that could carry a person's details (Law 91/2025).
CANCEL_REASONS = (
    "amounts_wrong",
    "people_missing_or_extra",
    "payment_details_wrong",
    "finalised_by_mistake",
    "other",
)


@dataclass(frozen=True)
class CaseRow:
    id: str
    person_id: str
    person_code: str
    full_name: str
    birth_display: str
    sex: str
    commune_code: str
    category: str
    other_categories: tuple[str, ...]
    sub_case: str | None
    status: CaseStatus
    application_date: dt.date
    decision_number: str | None
    decision_date: dt.date | None
    decision_signer: str | None
    coefficient: Decimal | None
    standard_level: int | None
    monthly_amount: int | None
    start_month: Month | None
    stop_month: Month | None
    payment_method: PaymentMethod
    payment_point: str | None
    account_number: str | None
    bank_name: str | None
    children_count: int
    version: int
    documents_due: dt.date | None = None
    documents_note: str | None = None


@dataclass(frozen=True)
class ChangeRow:
    id: str
    kind: CaseChangeKind
    effective_month: Month
    decision_number: str | None
    decision_date: dt.date | None
    reason: str | None
    note: str | None
    old_coefficient: Decimal | None
    new_coefficient: Decimal | None
    old_amount: int | None
    new_amount: int | None
    to_commune_code: str | None
    created_at: dt.datetime
    updated_by: str


@dataclass(frozen=True)
class Decision:
    case: CaseRow
    allowance: Allowance
    start: Timing


@dataclass(frozen=True)
class DecisionPreview:
    """What deciding a case on a given date would record, before anything is saved."""

    allowance: Allowance
    start: Timing


@dataclass(frozen=True)
class StopResult:
    case: CaseRow
    stop: Timing
    funeral: Support | None


@dataclass(frozen=True)
class PaymentListLine:
    case_id: str
    person_id: str
    person_code: str
    full_name: str
    category: str
    method: PaymentMethod
    payment_point: str | None
    account_number: str | None
    bank_name: str | None
    line: PaymentLine
    status: PaymentStatus | None  # None until the list is finalised
    payment_id: str | None = None  # the saved line, once the list is finalised


@dataclass(frozen=True)
class PaymentList:
    month: Month
    commune_code: str
    lines: tuple[PaymentListLine, ...]
    finalised: bool
    totals_by_method: dict[PaymentMethod, int] = field(default_factory=dict)
    count_by_method: dict[PaymentMethod, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(line.line.total for line in self.lines)

    @property
    def regular_total(self) -> int:
        return sum(line.line.amount for line in self.lines)

    @property
    def back_pay_total(self) -> int:
        return sum(line.line.back_pay_amount for line in self.lines)

    @property
    def recovery_total(self) -> int:
        return sum(line.line.recovery_amount for line in self.lines)

    @property
    def cancellable(self) -> bool:
        """`cancel_payment_list` accepts it: finalised, and nothing paid out of it yet."""
        return self.finalised and all(line.status == PaymentStatus.PLANNED for line in self.lines)


class AllowanceService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # ------------------------------------------------------------------ reading

    def cases(
        self,
        status: CaseStatus | None = None,
        category: str | None = None,
        person_id: str | None = None,
    ) -> list[CaseRow]:
        with self.ctx.read() as session:
            query = (
                select(AllowanceCase, Person)
                .join(Person, Person.id == AllowanceCase.person_id)
                .where(AllowanceCase.deleted_at.is_(None), Person.deleted_at.is_(None))
                .order_by(Person.search_name)
            )
            if status is not None:
                query = query.where(AllowanceCase.status == status.value)
            if category is not None:
                query = query.where(AllowanceCase.category == category)
            if person_id is not None:
                query = query.where(AllowanceCase.person_id == person_id)
            return [_case_row(c, p) for c, p in session.execute(query)]

    def cases_by_id(self, case_ids: Sequence[str]) -> list[CaseRow]:
        """The live cases among `case_ids` (for a screen refreshing only what changed)."""
        if not case_ids:
            return []
        with self.ctx.read() as session:
            query = (
                select(AllowanceCase, Person)
                .join(Person, Person.id == AllowanceCase.person_id)
                .where(
                    AllowanceCase.id.in_(list(case_ids)),
                    AllowanceCase.deleted_at.is_(None),
                    Person.deleted_at.is_(None),
                )
            )
            return [_case_row(c, p) for c, p in session.execute(query)]

    def case(self, case_id: str) -> CaseRow:
        with self.ctx.read() as session:
            found = session.execute(
                select(AllowanceCase, Person)
                .join(Person, Person.id == AllowanceCase.person_id)
                .where(AllowanceCase.id == case_id)
            ).first()
            if found is None or found[0].deleted_at is not None:
                raise DomainError("allowance.case_not_found")
            return _case_row(found[0], found[1])

    def history(self, case_id: str) -> list[ChangeRow]:
        with self.ctx.read() as session:
            rows = session.scalars(
                select(AllowanceChange)
                .where(AllowanceChange.case_id == case_id, AllowanceChange.deleted_at.is_(None))
                .order_by(AllowanceChange.created_at)
            )
            return [
                ChangeRow(
                    r.id,
                    CaseChangeKind(r.kind),
                    r.effective_month,
                    r.decision_number,
                    r.decision_date,
                    r.reason,
                    r.note,
                    r.old_coefficient,
                    r.new_coefficient,
                    r.old_amount,
                    r.new_amount,
                    r.to_commune_code,
                    r.created_at,
                    r.updated_by,
                )
                for r in rows
            ]

    def preview(
        self,
        person_id: str,
        categories: Sequence[str],
        month: Month,
        children_count: int = 0,
        sub_case: str | None = None,
    ) -> Allowance:
        """What the person would receive for `month` under these categories (explained)."""
        with self.ctx.read() as session:
            person = _person(session, person_id)
            facts = self._facts(session, person, categories, children_count, sub_case, month)
        return self.ctx.policy.monthly_allowance(facts, month)

    def amount_for(self, case_id: str, month: Month) -> Allowance:
        with self.ctx.read() as session:
            case = _case(session, case_id)
            person = _person(session, case.person_id)
            facts = self._case_facts(session, case, person, month)
        return self.ctx.policy.monthly_allowance(facts, month)

    # ------------------------------------------------------------------ application

    def apply(
        self,
        person_id: str,
        category: str,
        application_date: dt.date,
        sub_case: str | None = None,
        other_categories: Sequence[str] = (),
        children_count: int = 0,
        submission_channel: str | None = None,
        result_channel: str | None = None,
        payment_method: PaymentMethod = PaymentMethod.POST_OFFICE,
        payment_point: str | None = None,
        account_number: str | None = None,
        bank_name: str | None = None,
        initiator: object | None = None,
    ) -> str:
        require(self.ctx.actor, Permission.RECORD_APPLICATION)
        errors = self._check_categories(category, other_categories, sub_case)
        if application_date > self.ctx.today():
            errors["application_date"] = "date.in_future"
        if children_count < 0 or children_count > 20:
            errors["children_count"] = "allowance.children_invalid"
        payment = _PaymentDetails.checked(payment_method, payment_point, account_number, bank_name)
        errors.update(payment.errors)
        if errors:
            raise ValidationFailed(errors)
        with self.ctx.unit_of_work(initiator) as session:
            person = _person(session, person_id)
            if person.death_date is not None:
                raise DomainError("allowance.person_deceased")
            site = _site(session)
            if _open_case(session, person_id) is not None:
                raise DomainError("allowance.already_open")
            row = AllowanceCase(
                person_id=person_id,
                commune_code=person.commune_code or site.site_code,
                category=category,
                sub_case=sub_case,
                other_categories=list(other_categories),
                status=CaseStatus.APPLIED.value,
                application_date=application_date,
                children_count=children_count,
                submission_channel=submission_channel,
                result_channel=result_channel,
                payment_method=payment.method.value,
                payment_point=payment.point,
                account_number=payment.account,
                bank_name=payment.bank,
            )
            session.add(row)
            session.flush()
            return row.id

    def update_payment_details(
        self,
        case_id: str,
        payment_method: PaymentMethod,
        payment_point: str | None,
        account_number: str | None,
        bank_name: str | None,
        initiator: object | None = None,
    ) -> CaseRow:
        """How the person is paid from now on (the person opened a bank account, moved to
        another post office…). A case keeps one current method: it applies to every list not
        yet finalised, while finalised lists keep the method they were saved with. The edit
        is tracked like any other, so it syncs and is audited."""
        require(self.ctx.actor, Permission.RECORD_APPLICATION)
        payment = _PaymentDetails.checked(payment_method, payment_point, account_number, bank_name)
        if payment.errors:
            raise ValidationFailed(payment.errors)
        with self.ctx.unit_of_work(initiator) as session:
            case = _case(session, case_id)
            if case.status not in (CaseStatus.APPLIED, *OPEN_STATUSES):
                raise DomainError("allowance.status_not_allowed", status=case.status)
            for key, value in (
                ("payment_method", payment.method.value),
                ("payment_point", payment.point),
                ("account_number", payment.account),
                ("bank_name", payment.bank),
            ):
                if getattr(case, key) != value:
                    setattr(case, key, value)
            session.flush()
            return _case_row(case, _person(session, case.person_id))

    def set_document_follow_up(
        self,
        case_id: str,
        due: dt.date | None,
        note: str | None,
        initiator: object | None = None,
    ) -> None:
        """The officer asked for a missing paper by `due` (what is missing goes in `note`);
        Việc cần làm shows it from a week before. `due` None clears it, once the paper came."""
        require(self.ctx.actor, Permission.RECORD_APPLICATION)
        text = (note or "").strip() or None
        if due is not None and text is None:
            raise ValidationFailed({"documents_note": "field.required"})
        if due is None and text is not None:
            raise ValidationFailed({"documents_due": "field.required"})
        with self.ctx.unit_of_work(initiator) as session:
            case = _case(session, case_id)
            if due is not None and case.status not in (CaseStatus.APPLIED, *OPEN_STATUSES):
                raise DomainError("allowance.not_active", status=case.status)
            if case.documents_due != due:
                case.documents_due = due
            if case.documents_note != text:
                case.documents_note = text

    # ------------------------------------------------------------------ decisions

    def decide(
        self,
        case_id: str,
        decision_number: str,
        decision_date: dt.date,
        signer: str,
        initiator: object | None = None,
    ) -> Decision:
        """Approve: the start month and amount follow the rules (Art. 8; K6 from the month
        of the disability certificate), the coefficient is the engine's, never typed."""
        require(self.ctx.actor, Permission.DECIDE)
        self._check_decision(decision_number, decision_date, signer)
        with self.ctx.unit_of_work(initiator) as session:
            case = _case(session, case_id)
            if case.status != CaseStatus.APPLIED:
                raise DomainError("allowance.not_awaiting_decision", status=case.status)
            person = _person(session, case.person_id)
            start, allowance = self._decision_terms(session, case, person, decision_date)
            if allowance.monthly_amount <= 0:
                reasons = [c.step for c in allowance.claims if not c.eligible]
                raise DomainError(
                    "allowance.not_eligible", reason=reasons[0].code if reasons else ""
                )
            case.status = CaseStatus.ACTIVE.value
            case.decision_number = decision_number.strip()
            case.decision_date = decision_date
            case.decision_signer = signer.strip()
            case.start_month = start.month
            case.coefficient = allowance.total_coefficient
            case.standard_level = allowance.standard_level
            case.monthly_amount = allowance.monthly_amount
            session.add(
                AllowanceChange(
                    case_id=case.id,
                    kind=CaseChangeKind.DECIDE.value,
                    effective_month=start.month,
                    decision_number=case.decision_number,
                    decision_date=decision_date,
                    new_coefficient=allowance.total_coefficient,
                    new_amount=allowance.monthly_amount,
                )
            )
            session.flush()
            return Decision(_case_row(case, person), allowance, start)

    def preview_decision(self, case_id: str, decision_date: dt.date) -> DecisionPreview:
        """The start month and amount `decide` would record on `decision_date` (the same
        computation), so the officer sees them, explained, before signing."""
        with self.ctx.read() as session:
            case = _case(session, case_id)
            if case.status != CaseStatus.APPLIED:
                raise DomainError("allowance.not_awaiting_decision", status=case.status)
            person = _person(session, case.person_id)
            start, allowance = self._decision_terms(session, case, person, decision_date)
        return DecisionPreview(allowance, start)

    def funeral_preview(self, death_date: dt.date) -> Support:
        """The funeral support `stop(..., "death")` would record for a death on that date."""
        with self.ctx.read() as session:
            site = _site(session)
            return self.ctx.policy.funeral_support(
                Month.of(death_date), in_facility=False, province_code=site.province_code
            )

    def reject(
        self,
        case_id: str,
        reason: str,
        decision_date: dt.date,
        note: str | None = None,
        initiator: object | None = None,
    ) -> None:
        require(self.ctx.actor, Permission.DECIDE)
        if not reason.strip():
            raise ValidationFailed({"reason": "field.required"})
        with self.ctx.unit_of_work(initiator) as session:
            case = _case(session, case_id)
            if case.status != CaseStatus.APPLIED:
                raise DomainError("allowance.not_awaiting_decision", status=case.status)
            case.status = CaseStatus.REJECTED.value
            session.add(
                AllowanceChange(
                    case_id=case.id,
                    kind=CaseChangeKind.REJECT.value,
                    effective_month=Month.of(decision_date),
                    decision_date=decision_date,
                    reason=reason,
                    note=note,
                )
            )

    def adjust(
        self,
        case_id: str,
        effective_month: Month,
        decision_number: str,
        decision_date: dt.date,
        category: str | None = None,
        sub_case: str | None = None,
        other_categories: Sequence[str] | None = None,
        children_count: int | None = None,
        reason: str | None = None,
        initiator: object | None = None,
    ) -> Decision:
        """Change the category or the facts behind the amount from `effective_month`."""
        require(self.ctx.actor, Permission.DECIDE)
        self._check_decision(decision_number, decision_date, "-")
        with self.ctx.unit_of_work(initiator) as session:
            case = _case(session, case_id)
            if case.status not in (CaseStatus.ACTIVE, CaseStatus.SUSPENDED):
                raise DomainError("allowance.not_active", status=case.status)
            new_category = category or case.category
            new_others = (
                list(other_categories) if other_categories is not None else case.other_categories
            )
            errors = self._check_categories(new_category, new_others, sub_case)
            if errors:
                raise ValidationFailed(errors)
            if case.start_month is not None and effective_month < case.start_month:
                raise ValidationFailed({"effective_month": "allowance.before_start"})
            person = _person(session, case.person_id)
            old_coefficient, old_amount = case.coefficient, case.monthly_amount
            case.category = new_category
            if sub_case is not None or category is not None:
                case.sub_case = sub_case
            case.other_categories = new_others
            if children_count is not None:
                case.children_count = children_count
            facts = self._case_facts(session, case, person, effective_month)
            allowance = self.ctx.policy.monthly_allowance(facts, effective_month)
            if allowance.monthly_amount <= 0:
                raise DomainError("allowance.not_eligible", reason="")
            case.coefficient = allowance.total_coefficient
            case.standard_level = allowance.standard_level
            case.monthly_amount = allowance.monthly_amount
            session.add(
                AllowanceChange(
                    case_id=case.id,
                    kind=CaseChangeKind.ADJUST.value,
                    effective_month=effective_month,
                    decision_number=decision_number.strip(),
                    decision_date=decision_date,
                    reason=reason,
                    old_coefficient=old_coefficient,
                    new_coefficient=allowance.total_coefficient,
                    old_amount=old_amount,
                    new_amount=allowance.monthly_amount,
                )
            )
            session.flush()
            timing = Timing(effective_month, ())
            return Decision(_case_row(case, person), allowance, timing)

    def suspend(
        self,
        case_id: str,
        effective_month: Month,
        reason: str,
        decision_number: str | None = None,
        decision_date: dt.date | None = None,
        initiator: object | None = None,
    ) -> CaseRow:
        """Unpaid 3+ months, refuses re-assessment, held in custody ≥ 1 month (Art. 9)."""
        require(self.ctx.actor, Permission.DECIDE)
        return self._status_change(
            case_id,
            CaseChangeKind.SUSPEND,
            CaseStatus.SUSPENDED,
            (CaseStatus.ACTIVE,),
            effective_month,
            reason,
            decision_number,
            decision_date,
            initiator,
        )

    def resume(
        self,
        case_id: str,
        effective_month: Month,
        decision_number: str | None = None,
        decision_date: dt.date | None = None,
        initiator: object | None = None,
    ) -> CaseRow:
        require(self.ctx.actor, Permission.DECIDE)
        return self._status_change(
            case_id,
            CaseChangeKind.RESUME,
            CaseStatus.ACTIVE,
            (CaseStatus.SUSPENDED,),
            effective_month,
            None,
            decision_number,
            decision_date,
            initiator,
        )

    def stop(
        self,
        case_id: str,
        event_date: dt.date,
        reason: str,
        decision_number: str | None = None,
        decision_date: dt.date | None = None,
        funeral_recipient: str | None = None,
        initiator: object | None = None,
    ) -> StopResult:
        """Stop from the month after the death or the loss of eligibility. A death also
        records the funeral support (Art. 11: at least 20 × the standard level)."""
        require(self.ctx.actor, Permission.DECIDE)
        if not reason.strip():
            raise ValidationFailed({"reason": "field.required"})
        if event_date > self.ctx.today():
            raise ValidationFailed({"event_date": "date.in_future"})
        timing = stop_month(event_date)
        with self.ctx.unit_of_work(initiator) as session:
            case = _case(session, case_id)
            if case.status not in (CaseStatus.ACTIVE, CaseStatus.SUSPENDED):
                raise DomainError("allowance.not_active", status=case.status)
            person = _person(session, case.person_id)
            case.status = CaseStatus.STOPPED.value
            case.stop_month = timing.month
            session.add(
                AllowanceChange(
                    case_id=case.id,
                    kind=CaseChangeKind.STOP.value,
                    effective_month=timing.month,
                    decision_number=decision_number,
                    decision_date=decision_date,
                    reason=reason,
                    old_coefficient=case.coefficient,
                    old_amount=case.monthly_amount,
                )
            )
            funeral = None
            if reason == "death":
                person.death_date = event_date
                site = _site(session)
                funeral = self.ctx.policy.funeral_support(
                    Month.of(event_date), in_facility=False, province_code=site.province_code
                )
                session.add(
                    FuneralSupport(
                        person_id=person.id,
                        death_date=event_date,
                        in_facility=False,
                        amount=funeral.amount,
                        recipient_name=funeral_recipient,
                        decision_number=decision_number,
                    )
                )
            session.flush()
            return StopResult(_case_row(case, person), timing, funeral)

    def move_commune(
        self,
        case_id: str,
        to_commune_code: str,
        effective_month: Month,
        decision_number: str | None = None,
        decision_date: dt.date | None = None,
        initiator: object | None = None,
    ) -> CaseRow:
        """The person moves away: this commune stops paying from `effective_month`; the new
        commune decides anew (domain.md, Workflow)."""
        require(self.ctx.actor, Permission.DECIDE)
        if self.ctx.reference.commune(to_commune_code) is None:
            raise ValidationFailed({"to_commune_code": "commune.unknown"})
        with self.ctx.unit_of_work(initiator) as session:
            case = _case(session, case_id)
            if case.status not in (CaseStatus.ACTIVE, CaseStatus.SUSPENDED):
                raise DomainError("allowance.not_active", status=case.status)
            if to_commune_code == case.commune_code:
                raise ValidationFailed({"to_commune_code": "allowance.same_commune"})
            person = _person(session, case.person_id)
            case.status = CaseStatus.MOVED.value
            case.stop_month = effective_month
            session.add(
                AllowanceChange(
                    case_id=case.id,
                    kind=CaseChangeKind.MOVE.value,
                    effective_month=effective_month,
                    decision_number=decision_number,
                    decision_date=decision_date,
                    to_commune_code=to_commune_code,
                    old_coefficient=case.coefficient,
                    old_amount=case.monthly_amount,
                )
            )
            person.commune_code = to_commune_code
            session.flush()
            row = _case_row(case, person)
            # Last: the move hands the whole file to the new commune's scope on the server,
            # after which this commune can no longer change it.
            tracking.queue_move(session, person, f"commune:{to_commune_code}")
            return row

    # ------------------------------------------------------------------ payment lists

    def payment_list(self, month: Month) -> PaymentList:
        """The list for `month`: the saved one if finalised, otherwise computed now."""
        with self.ctx.read() as session:
            site = _site(session)
            saved = session.execute(
                select(Payment, AllowanceCase, Person)
                .join(AllowanceCase, AllowanceCase.id == Payment.case_id)
                .join(Person, Person.id == Payment.person_id)
                .where(Payment.month == month, Payment.deleted_at.is_(None))
                .order_by(Person.search_name)
            ).all()
            if saved:
                lines = tuple(_saved_line(p, c, person) for p, c, person in saved)
                return _summarise(month, site.site_code, lines, finalised=True)
            lines = tuple(self._compute_lines(session, month))
        return _summarise(month, site.site_code, lines, finalised=False)

    def finalise_payment_list(self, month: Month, initiator: object | None = None) -> PaymentList:
        """Save the list so it can be printed, paid and synced; finalising twice is refused."""
        require(self.ctx.actor, Permission.APPROVE_PAYMENTS)
        with self.ctx.unit_of_work(initiator) as session:
            exists = session.scalar(
                select(Payment.id).where(Payment.month == month, Payment.deleted_at.is_(None))
            )
            if exists is not None:
                raise DomainError("payments.already_finalised", month=str(month))
            # A cancelled list keeps its lines as tombstones, so finalising the month again
            # saves the next payment round rather than reusing the cancelled one's.
            last_round = session.scalar(
                select(func.max(Payment.payment_round)).where(Payment.month == month)
            )
            for item in self._compute_lines(session, month):
                line = item.line
                session.add(
                    Payment(
                        case_id=item.case_id,
                        person_id=item.person_id,
                        month=month,
                        payment_round=(last_round or 0) + 1,
                        method=item.method.value,
                        coefficient=line.coefficient,
                        standard_level=line.standard_level,
                        amount=line.amount,
                        back_pay_from=line.back_pay_from,
                        back_pay_to=line.back_pay_to,
                        back_pay_months=line.back_pay_months,
                        back_pay_amount=line.back_pay_amount,
                        recovery_amount=line.recovery_amount,
                        status=PaymentStatus.PLANNED.value,
                    )
                )
        return self.payment_list(month)

    def cancel_payment_list(
        self, month: Month, reason: str, initiator: object | None = None
    ) -> int:
        """Cancel the finalised list for `month` (finalised too early, amounts or people
        wrong) so it can be computed and finalised again; returns how many lines it had.
        Refused once any line is recorded as paid or not collected: money has moved, and the
        post office or bank holds the list. The lines become tombstones that sync; the
        reason goes into the audit log."""
        require(self.ctx.actor, Permission.APPROVE_PAYMENTS)
        if not reason:
            raise ValidationFailed({"reason": "field.required"})
        if reason not in CANCEL_REASONS:
            raise ValidationFailed({"reason": "payments.cancel_reason_unknown"})
        with self.ctx.unit_of_work(initiator) as session:
            rows = list(
                session.scalars(
                    select(Payment).where(Payment.month == month, Payment.deleted_at.is_(None))
                )
            )
            if not rows:
                raise DomainError("payments.not_finalised", month=str(month))
            if any(row.status != PaymentStatus.PLANNED for row in rows):
                raise DomainError("payments.already_paid", month=str(month))
            now = utcnow()
            for row in rows:
                row.deleted_at = now
            session.flush()
            write_entries(
                session,
                [
                    audit.entry(
                        self.ctx.actor.username,
                        "cancel",
                        "payment_list",
                        str(month),
                        detail={"reason": reason, "lines": len(rows)},
                    )
                ],
            )
            return len(rows)

    def record_payment(
        self,
        payment_id: str,
        status: PaymentStatus,
        paid_on: dt.date | None = None,
        initiator: object | None = None,
    ) -> None:
        """The post office or bank reports a line as paid or not collected."""
        require(self.ctx.actor, Permission.APPROVE_PAYMENTS)
        if status == PaymentStatus.PAID and paid_on is None:
            raise ValidationFailed({"paid_on": "field.required"})
        if paid_on is not None and paid_on > self.ctx.today():
            raise ValidationFailed({"paid_on": "date.in_future"})
        with self.ctx.unit_of_work(initiator) as session:
            row = session.get(Payment, payment_id)
            if row is None or row.deleted_at is not None:
                raise DomainError("payments.line_not_found")
            row.status = PaymentStatus(status).value
            row.paid_on = paid_on if status == PaymentStatus.PAID else None

    def record_payments(
        self,
        payment_ids: Sequence[str],
        status: PaymentStatus,
        paid_on: dt.date | None = None,
        initiator: object | None = None,
    ) -> None:
        """Several lines reported at once: all recorded, or none if one is refused."""
        require(self.ctx.actor, Permission.APPROVE_PAYMENTS)
        if status == PaymentStatus.PAID and paid_on is None:
            raise ValidationFailed({"paid_on": "field.required"})
        if paid_on is not None and paid_on > self.ctx.today():
            raise ValidationFailed({"paid_on": "date.in_future"})
        with self.ctx.unit_of_work(initiator) as session:
            for payment_id in payment_ids:
                row = session.get(Payment, payment_id)
                if row is None or row.deleted_at is not None:
                    raise DomainError("payments.line_not_found")
                if row.status != status:
                    row.status = PaymentStatus(status).value
                paid = paid_on if status == PaymentStatus.PAID else None
                if row.paid_on != paid:
                    row.paid_on = paid

    def next_list_month(self) -> Month:
        """The month after the latest finalised list (this month when none is): the first
        list that a change to a case's payment details reaches."""
        with self.ctx.read() as session:
            latest = session.scalar(
                select(func.max(Payment.month)).where(Payment.deleted_at.is_(None))
            )
        return latest.next() if latest is not None else Month.of(self.ctx.today())

    def payment_months(self) -> list[Month]:
        with self.ctx.read() as session:
            rows = session.scalars(
                select(Payment.month)
                .where(Payment.deleted_at.is_(None))
                .distinct()
                .order_by(Payment.month.desc())
            )
            return list(rows)

    # ------------------------------------------------------------------ internals

    def _compute_lines(self, session: Session, month: Month) -> list[PaymentListLine]:
        cases = session.execute(
            select(AllowanceCase, Person)
            .join(Person, Person.id == AllowanceCase.person_id)
            .where(
                AllowanceCase.deleted_at.is_(None),
                AllowanceCase.start_month.is_not(None),
                AllowanceCase.status.in_(
                    [
                        CaseStatus.ACTIVE.value,
                        CaseStatus.SUSPENDED.value,
                        CaseStatus.STOPPED.value,
                        CaseStatus.MOVED.value,
                    ]
                ),
            )
            .order_by(Person.search_name)
        ).all()
        if not cases:
            return []
        case_ids = [c.id for c, _ in cases]
        history: dict[str, list[PaidMonth]] = defaultdict(list)
        for p in session.scalars(
            select(Payment).where(
                Payment.case_id.in_(case_ids),
                Payment.deleted_at.is_(None),
                Payment.month != month,
            )
        ):
            history[p.case_id].append(
                PaidMonth(
                    p.month,
                    p.amount,
                    p.standard_level,
                    p.back_pay_from,
                    p.back_pay_to,
                    p.recovery_amount,
                    collected=p.status != PaymentStatus.NOT_COLLECTED,
                )
            )
        pauses = _pauses(session, case_ids)
        decided_here = set(
            session.scalars(
                select(AllowanceChange.case_id).where(
                    AllowanceChange.case_id.in_(case_ids),
                    AllowanceChange.kind == CaseChangeKind.DECIDE.value,
                )
            )
        )
        context = _FactsContext.load(session, [p.id for _, p in cases], month)
        lines = []
        for case, person in cases:
            assert case.start_month is not None
            terms = CaseTerms(
                case_id=case.id,
                facts=context.facts(case, person),
                start_month=case.start_month,
                stop_month=case.stop_month,
                pauses=pauses.get(case.id, ()),
                owed_from_start=case.id in decided_here,
            )
            line = payment_line(self.ctx.policy, terms, month, history.get(case.id, ()))
            if line is None:
                continue
            lines.append(
                PaymentListLine(
                    case_id=case.id,
                    person_id=person.id,
                    person_code=person.code,
                    full_name=person.full_name,
                    category=case.category,
                    method=PaymentMethod(case.payment_method),
                    payment_point=case.payment_point,
                    account_number=case.account_number,
                    bank_name=case.bank_name,
                    line=line,
                    status=None,
                )
            )
        return lines

    def _facts(
        self,
        session: Session,
        person: Person,
        categories: Sequence[str],
        children_count: int,
        sub_case: str | None,
        month: Month,
    ) -> PersonFacts:
        context = _FactsContext.load(session, [person.id], month)
        claims = tuple(
            CategoryClaim(code, sub_case if i == 0 else None) for i, code in enumerate(categories)
        )
        return context.facts_for_claims(person, claims, children_count)

    def _case_facts(
        self, session: Session, case: AllowanceCase, person: Person, month: Month
    ) -> PersonFacts:
        return _FactsContext.load(session, [person.id], month).facts(case, person)

    def _decision_terms(
        self, session: Session, case: AllowanceCase, person: Person, decision_date: dt.date
    ) -> tuple[Timing, Allowance]:
        if decision_date < case.application_date:
            raise ValidationFailed({"decision_date": "allowance.decision_before_application"})
        certificate = _latest_certificate_date(session, person.id)
        start = self.ctx.policy.start_month(
            case.category,
            decision_date,
            certificate_date=certificate if case.category == "K6" else None,
            application_date=case.application_date,
        )
        facts = self._case_facts(session, case, person, start.month)
        return start, self.ctx.policy.monthly_allowance(facts, start.month)

    def _check_categories(
        self, category: str, others: Sequence[str], sub_case: str | None
    ) -> dict[str, str]:
        errors: dict[str, str] = {}
        known = {c.code: c for c in self.ctx.policy.categories()}
        if category not in known:
            errors["category"] = "allowance.category_unknown"
        elif sub_case and sub_case not in {s.code for s in known[category].sub_cases}:
            errors["sub_case"] = "allowance.sub_case_unknown"
        if any(o not in known for o in others):
            errors["other_categories"] = "allowance.category_unknown"
        elif category in others or len(set(others)) != len(others):
            errors["other_categories"] = "allowance.category_repeated"
        return errors

    def _check_decision(self, number: str, decision_date: dt.date, signer: str) -> None:
        errors: dict[str, str] = {}
        if not number.strip():
            errors["decision_number"] = "field.required"
        if not signer.strip():
            errors["decision_signer"] = "field.required"
        if decision_date > self.ctx.today():
            errors["decision_date"] = "date.in_future"
        if errors:
            raise ValidationFailed(errors)

    def _status_change(
        self,
        case_id: str,
        kind: CaseChangeKind,
        new_status: CaseStatus,
        allowed_from: tuple[CaseStatus, ...],
        effective_month: Month,
        reason: str | None,
        decision_number: str | None,
        decision_date: dt.date | None,
        initiator: object | None,
    ) -> CaseRow:
        if kind == CaseChangeKind.SUSPEND and not (reason and reason.strip()):
            raise ValidationFailed({"reason": "field.required"})
        with self.ctx.unit_of_work(initiator) as session:
            case = _case(session, case_id)
            if case.status not in allowed_from:
                raise DomainError("allowance.status_not_allowed", status=case.status)
            if case.start_month is not None and effective_month < case.start_month:
                raise ValidationFailed({"effective_month": "allowance.before_start"})
            case.status = new_status.value
            session.add(
                AllowanceChange(
                    case_id=case.id,
                    kind=kind.value,
                    effective_month=effective_month,
                    decision_number=decision_number,
                    decision_date=decision_date,
                    reason=reason,
                )
            )
            session.flush()
            return _case_row(case, _person(session, case.person_id))


@dataclass
class _FactsContext:
    """The facts about several people the engine needs, read in a few queries."""

    disability: dict[str, DisabilityLevel]
    household: dict[str, HouseholdStatus]
    pension: set[str]
    resident: set[str]
    province: str | None

    @classmethod
    def load(cls, session: Session, person_ids: Sequence[str], month: Month) -> _FactsContext:
        ids = list(person_ids)
        disability: dict[str, DisabilityLevel] = {}
        for person_id, level in session.execute(
            select(DisabilityAssessment.person_id, DisabilityAssessment.level)
            .where(
                DisabilityAssessment.person_id.in_(ids),
                DisabilityAssessment.deleted_at.is_(None),
            )
            .order_by(DisabilityAssessment.assessed_on)
        ):
            disability[person_id] = DisabilityLevel(level)
        household: dict[str, HouseholdStatus] = {}
        day = month.last_day()
        for person_id, status in session.execute(
            select(HouseholdStatusRecord.person_id, HouseholdStatusRecord.status)
            .where(
                HouseholdStatusRecord.person_id.in_(ids),
                HouseholdStatusRecord.deleted_at.is_(None),
                HouseholdStatusRecord.valid_from <= day,
                (HouseholdStatusRecord.valid_to.is_(None))
                | (HouseholdStatusRecord.valid_to >= day),
            )
            .order_by(HouseholdStatusRecord.valid_from)
        ):
            household[person_id] = HouseholdStatus(status)
        pension = set(
            session.scalars(
                select(OtherIncome.person_id).where(
                    OtherIncome.person_id.in_(ids),
                    OtherIncome.deleted_at.is_(None),
                    OtherIncome.kind.in_(PENSION_INCOME_KINDS),
                )
            )
        )
        resident = set(
            session.scalars(
                select(Residency.person_id).where(
                    Residency.person_id.in_(ids),
                    Residency.deleted_at.is_(None),
                    Residency.admitted_on <= day,
                    (Residency.discharged_on.is_(None)) | (Residency.discharged_on > day),
                )
            )
        )
        site = session.scalar(select(Site))
        return cls(disability, household, pension, resident, site.province_code if site else None)

    def facts(self, case: AllowanceCase, person: Person) -> PersonFacts:
        claims = (
            CategoryClaim(case.category, case.sub_case),
            *(CategoryClaim(code) for code in case.other_categories),
        )
        return self.facts_for_claims(person, claims, case.children_count)

    def facts_for_claims(
        self, person: Person, claims: tuple[CategoryClaim, ...], children_count: int
    ) -> PersonFacts:
        return PersonFacts(
            birth=birth_of(person),
            claims=claims,
            disability_level=self.disability.get(person.id),
            children_count=children_count,
            studying=person.school_status == SchoolStatus.STUDYING,
            household_status=self.household.get(person.id),
            receives_pension=person.id in self.pension,
            in_facility=person.id in self.resident,
            province_code=self.province,
            died=Month.of(person.death_date) if person.death_date else None,
        )


@dataclass(frozen=True)
class _PaymentDetails:
    """How a case is paid, as typed, tidied and checked (`errors` maps field → code)."""

    method: PaymentMethod
    point: str | None
    account: str | None
    bank: str | None
    errors: dict[str, str]

    @classmethod
    def checked(
        cls,
        method: PaymentMethod,
        point: str | None,
        account: str | None,
        bank: str | None,
    ) -> _PaymentDetails:
        method = PaymentMethod(method)
        errors: dict[str, str] = {}
        # Officers copy account numbers from passbooks grouped by spaces, dots or dashes.
        digits = "".join((account or "").replace(".", " ").replace("-", " ").split()) or None
        low, high = ACCOUNT_DIGITS
        if method not in ACCOUNT_METHODS:
            # Cash or post office: an account left from an earlier method would be printed
            # on the payment list as if it were used.
            digits = bank = None
        elif digits is None:
            errors["account_number"] = "allowance.account_required"
        elif not digits.isascii() or not digits.isdigit() or not low <= len(digits) <= high:
            errors["account_number"] = "allowance.account_digits"
        bank = (bank or "").strip() or None
        if method == PaymentMethod.BANK and bank is None:
            errors["bank_name"] = "allowance.bank_required"
        return cls(method, (point or "").strip() or None, digits, bank, errors)


def _pauses(session: Session, case_ids: Sequence[str]) -> dict[str, tuple[Pause, ...]]:
    """Suspension periods from the change history: suspend … resume."""
    changes = session.execute(
        select(AllowanceChange.case_id, AllowanceChange.kind, AllowanceChange.effective_month)
        .where(
            AllowanceChange.case_id.in_(list(case_ids)),
            AllowanceChange.deleted_at.is_(None),
            AllowanceChange.kind.in_([CaseChangeKind.SUSPEND.value, CaseChangeKind.RESUME.value]),
        )
        .order_by(AllowanceChange.case_id, AllowanceChange.created_at)
    ).all()
    out: dict[str, list[Pause]] = defaultdict(list)
    open_start: dict[str, Month] = {}
    for case_id, kind, month in changes:
        if kind == CaseChangeKind.SUSPEND:
            open_start[case_id] = month
        elif case_id in open_start:
            out[case_id].append(Pause(open_start.pop(case_id), month))
    for case_id, start in open_start.items():
        out[case_id].append(Pause(start, None))
    return {k: tuple(v) for k, v in out.items()}


def _summarise(
    month: Month, commune: str, lines: tuple[PaymentListLine, ...], finalised: bool
) -> PaymentList:
    totals: dict[PaymentMethod, int] = {m: 0 for m in PaymentMethod}
    counts: dict[PaymentMethod, int] = {m: 0 for m in PaymentMethod}
    for item in lines:
        totals[item.method] += item.line.total
        counts[item.method] += 1
    return PaymentList(month, commune, lines, finalised, totals, counts)


def _saved_line(p: Payment, case: AllowanceCase, person: Person) -> PaymentListLine:
    return PaymentListLine(
        case_id=case.id,
        person_id=person.id,
        person_code=person.code,
        full_name=person.full_name,
        category=case.category,
        method=PaymentMethod(p.method),
        payment_point=case.payment_point,
        account_number=case.account_number,
        bank_name=case.bank_name,
        line=PaymentLine(
            case_id=case.id,
            month=p.month,
            amount=p.amount,
            coefficient=p.coefficient,
            standard_level=p.standard_level,
            back_pay_from=p.back_pay_from,
            back_pay_to=p.back_pay_to,
            back_pay_months=p.back_pay_months,
            back_pay_amount=p.back_pay_amount,
            recovery_amount=p.recovery_amount,
        ),
        status=PaymentStatus(p.status),
        payment_id=p.id,
    )


def _case_row(c: AllowanceCase, p: Person) -> CaseRow:
    return CaseRow(
        id=c.id,
        person_id=p.id,
        person_code=p.code,
        full_name=p.full_name,
        birth_display=birth_of(p).display(),
        sex=p.sex,
        commune_code=c.commune_code,
        category=c.category,
        other_categories=tuple(c.other_categories),
        sub_case=c.sub_case,
        status=CaseStatus(c.status),
        application_date=c.application_date,
        decision_number=c.decision_number,
        decision_date=c.decision_date,
        decision_signer=c.decision_signer,
        coefficient=c.coefficient,
        standard_level=c.standard_level,
        monthly_amount=c.monthly_amount,
        start_month=c.start_month,
        stop_month=c.stop_month,
        payment_method=PaymentMethod(c.payment_method),
        payment_point=c.payment_point,
        account_number=c.account_number,
        bank_name=c.bank_name,
        children_count=c.children_count,
        version=c.version,
        documents_due=c.documents_due,
        documents_note=c.documents_note,
    )


def _person(session: Session, person_id: str) -> Person:
    person = session.get(Person, person_id)
    if person is None or person.deleted_at is not None:
        raise DomainError("person.not_found")
    return person


def _case(session: Session, case_id: str) -> AllowanceCase:
    case = session.get(AllowanceCase, case_id)
    if case is None or case.deleted_at is not None:
        raise DomainError("allowance.case_not_found")
    return case


def _site(session: Session) -> Site:
    site = session.scalar(select(Site))
    if site is None:
        raise DomainError("site.not_initialised")
    assert isinstance(site, Site)
    return site


def _open_case(session: Session, person_id: str) -> AllowanceCase | None:
    return session.scalar(
        select(AllowanceCase).where(
            AllowanceCase.person_id == person_id,
            AllowanceCase.deleted_at.is_(None),
            AllowanceCase.status.in_(
                [CaseStatus.APPLIED.value, CaseStatus.ACTIVE.value, CaseStatus.SUSPENDED.value]
            ),
        )
    )


def _latest_certificate_date(session: Session, person_id: str) -> dt.date | None:
    return session.scalar(
        select(DisabilityAssessment.certificate_issued_on)
        .where(
            DisabilityAssessment.person_id == person_id,
            DisabilityAssessment.deleted_at.is_(None),
            DisabilityAssessment.certificate_issued_on.is_not(None),
        )
        .order_by(DisabilityAssessment.certificate_issued_on.desc())
    )
