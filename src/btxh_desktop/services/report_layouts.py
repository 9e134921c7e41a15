"""How each report and printed document is laid out, in Vietnamese or English.

Pure functions: report data (services/reports.py) in, a `Document` out. Every word comes
from `resources/messages/reports.json`, so the same layout serves a Vietnamese officer and an
English-speaking reviewer, and the wording of a form is edited in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from btxh_desktop.domain.codes import PaymentMethod, SiteType
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.messages import format_money, format_number, render
from btxh_desktop.services.documents import (
    Block,
    CellValue,
    Column,
    Document,
    Fields,
    Kind,
    Paragraphs,
    Row,
    Section,
    Signature,
    Table,
)
from btxh_desktop.services.reports import (
    AdmissionRecord,
    DecisionDraft,
    FuneralRecord,
    Issuer,
    PaymentListReport,
    PeopleExport,
    PersonProfile,
    PublicPosting,
    Statistics,
)

Text = Callable[..., str]


def _text(lang: str) -> Text:
    def t(code: str, /, **params: object) -> str:
        return render(f"report.{code}", params, lang)

    return t


def _month(month: Month | None) -> str:
    return "" if month is None else f"{month.month:02d}/{month.year}"


def _date(day: dt.date | None) -> str:
    return "" if day is None else day.strftime("%d/%m/%Y")


def _letterhead(issuer: Issuer, t: Text) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if issuer.site_type == SiteType.COMMUNE:
        agency: tuple[str, ...] = (t("agency.committee"), issuer.site_name.upper())
    else:
        agency = ((issuer.province_name or "").upper(), issuer.site_name.upper())
    return tuple(a for a in agency if a), (t("motto.state"), t("motto.slogan"))


def _place_date(issuer: Issuer, t: Text, today: dt.date) -> str:
    return t(
        "place_date", place=issuer.place, day=f"{today.day:02d}", month=today.month, year=today.year
    )


def _head_signature(issuer: Issuer, t: Text, name: str = "") -> Signature:
    title = t("sign.chair") if issuer.site_type == SiteType.COMMUNE else t("sign.head")
    return Signature(title, t("sign.note_seal"), name)


def _column(key: str, t: Text, kind: Kind = Kind.TEXT, width: float = 12) -> Column:
    return Column(key, t(f"col.{key}"), kind, width)


def _sex(value: str, t: Text) -> str:
    return t(f"sex.{value}")


# ---------------------------------------------------------------- payment list


def payment_list(report: PaymentListReport, lang: str, today: dt.date) -> Document:
    t = _text(lang)
    payments = report.payments
    columns = (
        _column("no", t, Kind.INT, 5),
        _column("code", t, width=14),
        _column("full_name", t, width=22),
        _column("birth_year", t, width=7),
        _column("address", t, width=16),
        _column("category", t, width=6),
        _column("coefficient", t, Kind.DECIMAL, 6),
        _column("amount", t, Kind.MONEY, 12),
        _column("back_pay_period", t, width=17),
        _column("back_pay", t, Kind.MONEY, 12),
        _column("recovery", t, Kind.MONEY, 10),
        _column("total", t, Kind.MONEY, 14),
        _column("account_number", t, width=14),
        _column("signature", t, Kind.SIGNATURE, 14),
    )
    sections = []
    for group in report.groups:
        rows: list[Row] = []
        for number, item in enumerate(group.rows, start=1):
            line = item.line.line
            back = ""
            if line.back_pay_months:
                back = t(
                    "back_pay_span",
                    start=_month(line.back_pay_from),
                    end=_month(line.back_pay_to),
                    months=line.back_pay_months,
                )
            rows.append(
                (
                    number,
                    item.line.person_code,
                    item.line.full_name,
                    str(item.birth_year) if item.birth_year else "",
                    item.address or "",
                    item.category if item.category is not None else t("hidden"),
                    line.coefficient,
                    line.amount,
                    back,
                    line.back_pay_amount or None,
                    line.recovery_amount or None,
                    line.total,
                    item.line.account_number or "",
                    None,
                )
            )
        title = t(f"method.{group.method.value}")
        if group.point:
            title = t("group_with_point", method=title, point=group.point)
        subtotal: Row = (
            None,
            None,
            t("subtotal_people", count=len(group.rows)),
            None,
            None,
            None,
            None,
            group.amount,
            None,
            group.back_pay or None,
            group.recovery or None,
            group.total,
            None,
            None,
        )
        sections.append(Section(title, tuple(rows), subtotal))
    total: Row = (
        None,
        None,
        t("total_people", count=len(payments.lines)),
        None,
        None,
        None,
        None,
        payments.regular_total,
        None,
        payments.back_pay_total or None,
        payments.recovery_total or None,
        payments.total,
        None,
        None,
    )
    subtitle = [
        t("payment_list.subtitle", month=_month(payments.month), site=report.issuer.site_name),
        t("payment_list.level", amount=format_money(report.standard_level, lang)),
    ]
    if not payments.finalised:
        subtitle.append(t("payment_list.provisional"))
    agency, motto = _letterhead(report.issuer, t)
    words = Paragraphs(None, (t("in_words", words=money_in_words(payments.total, lang)),))
    by_method = [
        t(
            "payment_list.method_total",
            method=t(f"method.{m.value}"),
            count=payments.count_by_method.get(m, 0),
            amount=format_money(payments.totals_by_method.get(m, 0), lang),
        )
        for m in PaymentMethod
        if payments.count_by_method.get(m, 0)
    ]
    blocks: list[Block] = [Table(None, columns, tuple(sections), total), words]
    if by_method:
        blocks.append(Paragraphs(t("payment_list.by_method"), tuple(by_method)))
    return Document(
        kind="payment_list",
        title=t("payment_list.title"),
        sheet=t("sheet.payment_list", month=f"{payments.month.month:02d}-{payments.month.year}"),
        lang=lang,
        subtitle=tuple(subtitle),
        agency=agency,
        motto=motto,
        blocks=tuple(blocks),
        place_date=_place_date(report.issuer, t, today),
        signatures=(
            Signature(t("sign.preparer"), t("sign.note")),
            Signature(t("sign.accountant"), t("sign.note")),
            _head_signature(report.issuer, t),
        ),
        landscape=True,
    )


# ---------------------------------------------------------------- statistics


def statistics(report: Statistics, lang: str, today: dt.date) -> Document:
    t = _text(lang)
    names = report.issuer.names
    people, money = t("unit.people"), t("unit.dong")
    summary_rows: list[Row] = [
        (t("stat.beneficiaries", month=_month(report.end)), people, report.beneficiaries),
        (t("stat.new"), people, report.new_cases),
        (t("stat.stopped"), people, report.stopped_cases),
        (t("stat.moved"), people, report.moved_cases),
        (t("stat.paid"), money, report.paid_total),
    ]
    if report.facility is not None:
        summary_rows.append((t("stat.residents"), people, report.facility.residents))
    if report.emergency:
        summary_rows += [
            (
                t("stat.households"),
                t("unit.households"),
                sum(e.households for e in report.emergency),
            ),
            (t("stat.rice"), "kg", sum(e.rice_kg for e in report.emergency)),
            (t("stat.cash"), money, sum(e.cash for e in report.emergency)),
        ]
    blocks: list[Block] = [
        Table(
            t("stat.summary"),
            (
                _column("indicator", t, width=44),
                _column("unit", t, width=10),
                _column("value", t, Kind.INT, 16),
            ),
            (Section(None, tuple(summary_rows)),),
        )
    ]
    count = _column("count", t, Kind.INT, 12)
    blocks.append(
        Table(
            t("stat.by_category"),
            (
                _column("category", t, width=8),
                _column("category_name", t, width=52),
                count,
                _column("male", t, Kind.INT, 10),
                _column("female", t, Kind.INT, 10),
                _column("monthly_amount", t, Kind.MONEY, 16),
            ),
            (
                Section(
                    None,
                    tuple(
                        (
                            f.category,
                            names.category(f.category, lang),
                            f.count,
                            f.male,
                            f.female,
                            f.monthly_amount,
                        )
                        for f in report.by_category
                    ),
                ),
            ),
            (
                None,
                t("total"),
                report.beneficiaries,
                sum(f.male for f in report.by_category),
                sum(f.female for f in report.by_category),
                sum(f.monthly_amount for f in report.by_category),
            ),
            chart="count",
        )
    )
    if report.by_sub_case:
        blocks.append(
            Table(
                t("stat.by_sub_case"),
                (_column("category", t, width=8), _column("sub_case", t, width=60), count),
                (
                    Section(
                        None,
                        tuple(
                            (s.category, names.sub_case(s.category, s.sub_case, lang), s.count)
                            for s in report.by_sub_case
                        ),
                    ),
                ),
            )
        )
    blocks.append(
        _counts(
            t("stat.by_sex"),
            _column("sex", t, width=20),
            count,
            [(_sex(s.value, t), n) for s, n in report.by_sex.items() if n or s.value != "unknown"],
            t,
        )
    )
    blocks.append(
        _counts(
            t("stat.by_age"),
            _column("age_band", t, width=24),
            count,
            [(t(f"age.{band.code}"), n) for band, n in report.by_age_band],
            t,
        )
    )
    blocks.append(
        Table(
            t("stat.by_commune"),
            (_column("commune_code", t, width=10), _column("commune", t, width=40), count),
            (
                Section(
                    None,
                    tuple((code, names.commune(code), n) for code, n in report.by_commune),
                ),
            ),
            (None, t("total"), report.beneficiaries),
            chart="count",
        )
    )
    blocks.append(
        Table(
            t("stat.movements", start=_month(report.start), end=_month(report.end)),
            (
                _column("category", t, width=8),
                _column("category_name", t, width=46),
                _column("new", t, Kind.INT, 11),
                _column("stopped", t, Kind.INT, 11),
                _column("moved", t, Kind.INT, 11),
            ),
            (
                Section(
                    None,
                    tuple(
                        (m.category, names.category(m.category, lang), m.new, m.stopped, m.moved)
                        for m in report.movements
                    ),
                ),
            ),
            (None, t("total"), report.new_cases, report.stopped_cases, report.moved_cases),
            chart="new",
        )
    )
    blocks.append(
        Table(
            t("stat.payments"),
            (
                _column("month", t, Kind.MONTH, 10),
                _column("lines", t, Kind.INT, 10),
                _column("amount", t, Kind.MONEY, 16),
                _column("back_pay", t, Kind.MONEY, 14),
                _column("recovery", t, Kind.MONEY, 12),
                _column("total", t, Kind.MONEY, 16),
                _column("paid_lines", t, Kind.INT, 10),
            ),
            (
                Section(
                    None,
                    tuple(
                        (p.month, p.lines, p.amount, p.back_pay, p.recovery, p.total, p.paid_lines)
                        for p in report.payments
                    ),
                ),
            ),
            (
                t("total"),
                sum(p.lines for p in report.payments),
                sum(p.amount for p in report.payments),
                sum(p.back_pay for p in report.payments),
                sum(p.recovery for p in report.payments),
                report.paid_total,
                sum(p.paid_lines for p in report.payments),
            ),
            chart="total",
        )
    )
    if report.facility is not None:
        facility = report.facility
        blocks.append(
            Table(
                t("stat.facility", name=facility.name, capacity=facility.capacity),
                (
                    _column("resident_group", t, width=30),
                    _column("admissions", t, Kind.INT, 12),
                    _column("residents", t, Kind.INT, 14),
                ),
                (
                    Section(
                        None,
                        tuple(
                            (t(f"group.{g.value}"), facility.admissions[g], facility.census[g])
                            for g in facility.census
                        ),
                    ),
                ),
                (t("total"), sum(facility.admissions.values()), facility.residents),
                chart="residents",
            )
        )
        blocks.append(
            _counts(
                t("stat.discharges"),
                _column("discharge_reason", t, width=30),
                count,
                [(t(f"discharge.{r.value}"), n) for r, n in facility.discharges.items()],
                t,
            )
        )
    blocks.append(
        Table(
            t("stat.emergency"),
            (
                _column("event", t, width=30),
                _column("event_kind", t, width=14),
                _column("date", t, Kind.DATE, 12),
                _column("households", t, Kind.INT, 10),
                _column("people", t, Kind.INT, 10),
                _column("rice_kg", t, Kind.DECIMAL, 12),
                _column("cash", t, Kind.MONEY, 16),
            ),
            (
                Section(
                    None,
                    tuple(
                        (
                            e.name,
                            t(f"event.{e.kind}"),
                            e.occurred_on,
                            e.households,
                            e.people,
                            e.rice_kg,
                            e.cash,
                        )
                        for e in report.emergency
                    ),
                ),
            ),
            (
                t("total"),
                None,
                None,
                sum(e.households for e in report.emergency),
                sum(e.people for e in report.emergency),
                sum(e.rice_kg for e in report.emergency),
                sum(e.cash for e in report.emergency),
            ),
            chart="households",
        )
    )
    agency, motto = _letterhead(report.issuer, t)
    return Document(
        kind="statistics",
        title=t("statistics.title"),
        sheet=t("sheet.statistics"),
        lang=lang,
        subtitle=(
            t("statistics.period", start=_month(report.start), end=_month(report.end)),
            report.issuer.site_name,
        ),
        agency=agency,
        motto=motto,
        blocks=tuple(blocks),
        place_date=_place_date(report.issuer, t, today),
        signatures=(
            Signature(t("sign.preparer"), t("sign.note")),
            _head_signature(report.issuer, t),
        ),
    )


def _counts(
    title: str, label: Column, count: Column, items: Sequence[tuple[str, int]], t: Text
) -> Table:
    return Table(
        title,
        (label, count),
        (Section(None, tuple(items)),),
        (t("total"), sum(n for _, n in items)),
        chart=count.key,
    )


# ---------------------------------------------------------------- public posting


def public_posting(report: PublicPosting, lang: str, today: dt.date) -> Document:
    t = _text(lang)
    last = (
        _column("application_date", t, Kind.DATE, 13)
        if report.applicants
        else _column("start_month", t, Kind.MONTH, 12)
    )
    columns = (
        _column("no", t, Kind.INT, 5),
        _column("full_name", t, width=26),
        _column("birth_year", t, width=8),
        _column("sex", t, width=8),
        _column("address", t, width=26),
        _column("category", t, width=8),
        _column("amount", t, Kind.MONEY, 13),
        last,
        _column("note", t, width=16),
    )
    rows = tuple(
        (
            number,
            r.full_name,
            str(r.birth_year) if r.birth_year else "",
            _sex(r.sex.value, t),
            r.address or "",
            r.category,
            r.amount,
            r.application_date if report.applicants else r.start_month,
            "",
        )
        for number, r in enumerate(report.rows, start=1)
    )
    agency, motto = _letterhead(report.issuer, t)
    subtitle = (
        t("posting.applicants", site=report.issuer.site_name)
        if report.applicants
        else t("posting.beneficiaries", month=_month(report.month), site=report.issuer.site_name)
    )
    return Document(
        kind="public_posting",
        title=t("posting.title"),
        sheet=t("sheet.posting"),
        lang=lang,
        subtitle=(subtitle,),
        agency=agency,
        motto=motto,
        blocks=(
            Table(None, columns, (Section(None, rows),)),
            Paragraphs(None, (t("posting.feedback", site=report.issuer.site_name),)),
        ),
        place_date=_place_date(report.issuer, t, today),
        signatures=(_head_signature(report.issuer, t),),
        landscape=True,
        public=True,
    )


# ---------------------------------------------------------------- people


_PEOPLE_KINDS = {
    "cccd_issued_on": Kind.DATE,
    "death_date": Kind.DATE,
    "coefficient": Kind.DECIMAL,
    "monthly_amount": Kind.MONEY,
    "start_month": Kind.MONTH,
}
_PEOPLE_WIDTHS = {"full_name": 24, "address_detail": 24, "health_notes": 24, "commune_code": 20}


def people(report: PeopleExport, lang: str, today: dt.date) -> Document:
    t = _text(lang)
    names = report.issuer.names
    columns = tuple(
        Column(
            key,
            t(f"col.{key}"),
            _PEOPLE_KINDS.get(key, Kind.TEXT),
            _PEOPLE_WIDTHS.get(key, 13),
        )
        for key in report.columns
    )
    labels: dict[str, Callable[[CellValue], CellValue]] = {
        "sex": lambda v: _sex(str(v), t) if v else "",
        "ethnicity_code": lambda v: names.ethnicity(str(v), lang) if v else "",
        "commune_code": lambda v: names.commune(str(v)) if v else "",
        "case_status": lambda v: t(f"status.{v}") if v else "",
        "hiv_status": lambda v: t(f"hiv.{v}") if v else "",
    }
    shown = [labels.get(key) for key in report.columns]
    rows = tuple(
        tuple(f(v) if f is not None else v for f, v in zip(shown, row, strict=True))
        for row in report.rows
    )
    agency, motto = _letterhead(report.issuer, t)
    return Document(
        kind="people",
        title=t("people.title"),
        sheet=t("sheet.people"),
        lang=lang,
        subtitle=(t("people.subtitle", site=report.issuer.site_name, date=_date(today)),),
        agency=agency,
        motto=motto,
        blocks=(Table(None, columns, (Section(None, rows),)),),
        landscape=True,
    )


# ---------------------------------------------------------------- printable documents


def _person_fields(profile_person: PersonProfile, lang: str, t: Text) -> Fields:
    person = profile_person.person
    draft = person.draft
    names = profile_person.issuer.names
    hidden = profile_person.hidden
    items: list[tuple[str, str]] = [
        (t("col.code"), person.code),
        (t("col.full_name"), draft.full_name),
    ]
    optional: list[tuple[str, str | None]] = [
        ("other_name", draft.other_name),
        ("birth", draft.birth.display()),
        ("sex", _sex(draft.sex.value, t)),
        ("ethnicity_code", names.ethnicity(draft.ethnicity_code, lang)),
        ("cccd", draft.cccd),
        ("cccd_issued_on", _date(draft.cccd_issued_on)),
        ("old_id_number", draft.old_id_number),
        ("phone", draft.phone),
        ("commune_code", names.commune(draft.commune_code)),
        ("address_detail", draft.address_detail),
        ("father_name", draft.father_name),
        ("mother_name", draft.mother_name),
        ("school_status", t(f"school.{draft.school_status.value}") if draft.school_status else ""),
        ("hiv_status", t(f"hiv.{draft.hiv_status}") if draft.hiv_status else ""),
        ("health_notes", draft.health_notes),
        ("death_date", _date(draft.death_date)),
        ("notes", draft.notes),
    ]
    for key, value in optional:
        if key in hidden:
            items.append((t(f"col.{key}"), t("hidden")))
        elif value:
            items.append((t(f"col.{key}"), value))
    return Fields(t("profile.personal"), tuple(items))


def _listing(title: str, columns: tuple[Column, ...], rows: Iterable[Row]) -> list[Block]:
    """A titled table of a profile's records, left out when the person has none."""
    found = tuple(rows)
    return [Table(title, columns, (Section(None, found),))] if found else []


def profile(report: PersonProfile, lang: str, today: dt.date) -> Document:
    t = _text(lang)
    names = report.issuer.names
    blocks: list[Block] = [_person_fields(report, lang, t)]
    blocks += _listing(
        t("profile.cases"),
        (
            _column("category", t, width=8),
            _column("case_status", t, width=14),
            _column("decision_number", t, width=14),
            _column("decision_date", t, Kind.DATE, 12),
            _column("coefficient", t, Kind.DECIMAL, 8),
            _column("amount", t, Kind.MONEY, 12),
            _column("start_month", t, Kind.MONTH, 10),
            _column("stop_month", t, Kind.MONTH, 10),
        ),
        (
            (
                c.category,
                t(f"status.{c.status.value}"),
                c.decision_number,
                c.decision_date,
                c.coefficient,
                c.monthly_amount,
                c.start_month,
                c.stop_month,
            )
            for c in report.cases
        ),
    )
    blocks += _listing(
        t("profile.disability"),
        (
            _column("disability_type", t, width=28),
            _column("disability_level", t, width=16),
            _column("certificate_number", t, width=16),
            _column("certificate_issued_on", t, Kind.DATE, 12),
        ),
        (
            (
                names.disability_type(d.disability_type, lang),
                names.disability_level(d.level, lang),
                d.certificate_number,
                d.certificate_issued_on,
            )
            for d in report.disabilities
        ),
    )
    blocks += _listing(
        t("profile.household"),
        (
            _column("household_status", t, width=18),
            _column("valid_from", t, Kind.DATE, 12),
            _column("valid_to", t, Kind.DATE, 12),
            _column("certificate_number", t, width=16),
        ),
        (
            (
                t(f"household.{h.status}"),
                h.valid_from,
                h.valid_to,
                h.certificate_number,
            )
            for h in report.households
        ),
    )
    blocks += _listing(
        t("profile.guardians"),
        (
            _column("full_name", t, width=22),
            _column("relationship", t, width=12),
            _column("birth_year", t, width=8),
            _column("phone", t, width=12),
            _column("address", t, width=24),
        ),
        (
            (
                g.full_name,
                g.relationship,
                str(g.birth_year or ""),
                g.phone,
                g.address,
            )
            for g in report.guardians
        ),
    )
    blocks += _listing(
        t("profile.residencies"),
        (
            _column("admitted_on", t, Kind.DATE, 12),
            _column("admission_type", t, width=14),
            _column("resident_group", t, width=18),
            _column("discharged_on", t, Kind.DATE, 12),
            _column("discharge_reason", t, width=18),
        ),
        (
            (
                r.admitted_on,
                t(f"admission.{r.admission_type.value}"),
                t(f"group.{r.resident_group.value}"),
                r.discharged_on,
                t(f"discharge.{r.discharge_reason.value}") if r.discharge_reason else "",
            )
            for r in report.residencies
        ),
    )
    agency, motto = _letterhead(report.issuer, t)
    return Document(
        kind="person_profile",
        title=t("profile.title"),
        lang=lang,
        subtitle=(t("profile.subtitle", code=report.person.code),),
        agency=agency,
        motto=motto,
        blocks=tuple(blocks),
        place_date=_place_date(report.issuer, t, today),
        signatures=(
            Signature(t("sign.preparer"), t("sign.note")),
            _head_signature(report.issuer, t),
        ),
        fields=("person",),
    )


def _addressee(draft_sex: str, birth: PartialDate, today: dt.date, t: Text) -> str:
    age = birth.age_on(today)
    if age is not None and age < 16:
        return t("addressee.child")
    return t(f"addressee.{draft_sex}")


def decision(report: DecisionDraft, lang: str, today: dt.date) -> Document:
    t = _text(lang)
    names = report.issuer.names
    case = report.case
    draft = report.person.draft
    allowance = report.allowance
    addressee = _addressee(draft.sex.value, draft.birth, today, t)
    address = ", ".join(
        part for part in (draft.address_detail, names.commune(draft.commune_code)) if part
    )
    category = names.category(case.category, lang)
    if case.sub_case:
        category = f"{category} ({names.sub_case(case.category, case.sub_case, lang)})"
    body = (
        t(
            "decision.article1",
            addressee=addressee,
            name=draft.full_name,
            birth=draft.birth.display() or t("unknown"),
            address=address or t("unknown"),
        ),
        t("decision.category", category=category),
        t(
            "decision.amount",
            coefficient=format_number(allowance.total_coefficient, lang),
            amount=format_money(allowance.monthly_amount, lang),
            words=money_in_words(allowance.monthly_amount, lang),
        ),
        t("decision.start", month=_month(report.start_month)),
        t("decision.article2"),
        t("decision.article3", addressee=addressee),
    )
    chair = t("decision.chair", site=report.issuer.site_name.upper())
    basis = (
        t("decision.basis.law"),
        t("decision.basis.decree"),
        t("decision.basis.request"),
    )
    explanation = tuple(render(s.code, dict(s.params), lang) for s in allowance.explanation)
    agency, motto = _letterhead(report.issuer, t)
    number = case.decision_number or t("decision.number_blank")
    signed = case.decision_date if report.decided and case.decision_date else today
    return Document(
        kind="allowance_decision",
        title=t("decision.title"),
        lang=lang,
        subtitle=(
            t("decision.about"),
            t("decision.number", number=number),
            *(() if report.decided else (t("decision.draft"),)),
        ),
        agency=agency,
        motto=motto,
        blocks=(
            Paragraphs(chair, basis, centred_title=True, italic=True),
            Paragraphs(t("decision.decides"), body, centred_title=True),
            Paragraphs(t("decision.explanation"), explanation),
        ),
        place_date=_place_date(report.issuer, t, signed),
        signatures=(Signature(t("sign.chair"), t("sign.note_seal"), case.decision_signer or ""),),
        fields=("person", "allowance_case"),
    )


def admission(report: AdmissionRecord, lang: str, today: dt.date) -> Document:
    t = _text(lang)
    names = report.issuer.names
    draft = report.person.draft
    resident = report.resident
    person = Fields(
        t("admission.person"),
        tuple(
            (label, value)
            for label, value in (
                (t("col.code"), report.person.code),
                (t("col.full_name"), draft.full_name),
                (t("col.birth"), draft.birth.display() or t("unknown")),
                (t("col.sex"), _sex(draft.sex.value, t)),
                (t("col.cccd"), draft.cccd or ""),
                (
                    t("col.address_detail"),
                    ", ".join(
                        p for p in (draft.address_detail, names.commune(draft.commune_code)) if p
                    ),
                ),
            )
            if value
        ),
    )
    stay_items = [
        (t("col.facility"), report.facility_name),
        (t("col.admitted_on"), _date(resident.admitted_on)),
        (t("col.admission_type"), t(f"admission.{resident.admission_type.value}")),
        (t("col.resident_group"), t(f"group.{resident.resident_group.value}")),
        (t("col.decision_number"), report.decision_number or ""),
        (t("col.referred_by"), report.referred_by or ""),
    ]
    if resident.emergency_deadline is not None:
        stay_items.append((t("col.emergency_deadline"), _date(resident.emergency_deadline)))
    blocks: list[Block] = [
        person,
        Fields(t("admission.stay"), tuple((k, v) for k, v in stay_items if v)),
        Paragraphs(
            t("admission.needs"), tuple((report.needs_assessment or t("none")).splitlines())
        ),
        Paragraphs(t("admission.plan"), tuple((report.support_plan or t("none")).splitlines())),
    ]
    agency = ((report.issuer.province_name or "").upper(), report.facility_name.upper())
    _, motto = _letterhead(report.issuer, t)
    return Document(
        kind="admission_record",
        title=t("admission.title"),
        lang=lang,
        subtitle=(t("admission.subtitle", facility=report.facility_name),),
        agency=tuple(a for a in agency if a),
        motto=motto,
        blocks=tuple(blocks),
        place_date=_place_date(report.issuer, t, resident.admitted_on),
        signatures=(
            Signature(t("sign.deliverer"), t("sign.note")),
            Signature(t("sign.receiver"), t("sign.note_seal")),
        ),
        fields=("person", "residency"),
    )


def funeral(report: FuneralRecord, lang: str, today: dt.date) -> Document:
    t = _text(lang)
    names = report.issuer.names
    draft = report.person.draft
    minimum = report.minimum
    basis = t(
        "funeral.basis",
        coefficient=format_number(minimum.coefficient or 0, lang),
        level=format_money(minimum.standard_level or 0, lang),
        amount=format_money(minimum.amount, lang),
    )
    deceased = Fields(
        t("funeral.deceased"),
        tuple(
            (label, value)
            for label, value in (
                (t("col.code"), report.person.code),
                (t("col.full_name"), draft.full_name),
                (t("col.birth"), draft.birth.display() or t("unknown")),
                (t("col.sex"), _sex(draft.sex.value, t)),
                (
                    t("col.address_detail"),
                    ", ".join(
                        p for p in (draft.address_detail, names.commune(draft.commune_code)) if p
                    ),
                ),
                (t("col.death_date"), _date(report.death_date)),
                (
                    t("col.place_of_care"),
                    t("funeral.in_facility") if report.in_facility else t("funeral.in_community"),
                ),
            )
            if value
        ),
    )
    support = Fields(
        t("funeral.support"),
        tuple(
            (label, value)
            for label, value in (
                (t("col.amount"), format_money(report.amount, lang)),
                (t("col.in_words"), money_in_words(report.amount, lang)),
                (t("col.legal_minimum"), basis),
                (t("col.decision_number"), report.decision_number or ""),
                (t("col.recipient"), report.recipient_name or ""),
                (t("col.relationship"), report.recipient_relationship or ""),
                (t("col.paid_on"), _date(report.paid_on)),
            )
            if value
        ),
    )
    agency, motto = _letterhead(report.issuer, t)
    return Document(
        kind="funeral_record",
        title=t("funeral.title"),
        lang=lang,
        subtitle=(draft.full_name,),
        agency=agency,
        motto=motto,
        blocks=(deceased, support),
        place_date=_place_date(report.issuer, t, today),
        signatures=(
            Signature(t("sign.recipient"), t("sign.note"), report.recipient_name or ""),
            Signature(t("sign.preparer"), t("sign.note")),
            _head_signature(report.issuer, t),
        ),
        fields=("person", "funeral_support"),
    )


# ---------------------------------------------------------------- amounts in words

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ("", "nghìn", "triệu", "tỷ")


def _three_digits(n: int, leading: bool) -> list[str]:
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or not leading:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(_DIGITS[units])
        return words
    words += ["mười"] if tens == 1 else [_DIGITS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 4 and tens > 1:
        words.append("tư")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def _vietnamese_words(amount: int) -> str:
    if amount == 0:
        return "không"
    groups: list[int] = []
    n = amount
    while n:
        groups.append(n % 1000)
        n //= 1000
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            # A run of empty groups is skipped, but "tỷ" must still be said after them.
            if index % 3 == 0 and index and any(groups[index + 1 : index + 3]):
                words.append("tỷ")
            continue
        words += _three_digits(group, leading=index == len(groups) - 1)
        scale = index % 3
        if scale:
            words.append(_SCALES[scale])
        if index and index % 3 == 0:
            words.append("tỷ")
    return " ".join(words)


def money_in_words(amount: int, lang: str) -> str:
    """`1.350.000` → "Một triệu ba trăm năm mươi nghìn đồng" (what a payment list's total
    and a decision's amount carry, so a figure cannot be altered unnoticed)."""
    if lang != "vi":
        return f"{format_money(amount, 'en').removesuffix(' ₫')} dong"
    sign = "âm " if amount < 0 else ""
    text = sign + _vietnamese_words(abs(amount)) + " đồng"
    return text[0].upper() + text[1:]
