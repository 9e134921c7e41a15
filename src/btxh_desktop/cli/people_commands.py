"""`btxh demo-data` and `btxh allowance`."""

from __future__ import annotations

import argparse
from typing import Any

from btxh_desktop.cli.common import EXIT_OK, Output, open_for
from btxh_desktop.domain.codes import DisabilityLevel
from btxh_desktop.domain.policy import Allowance, PolicyEngine
from btxh_desktop.messages import format_money, format_number


def cmd_demo_data(args: argparse.Namespace, out: Output) -> int:
    services = open_for(args)
    try:
        summary = services.demo.generate(args.people, args.seed)
    finally:
        services.close()
    out.emit(
        {
            "people": summary.people,
            "cases": summary.cases,
            "residents": summary.residents,
            "seconds": round(summary.seconds, 2),
        },
        out.t(
            "cli.demo.done",
            people=summary.people,
            cases=summary.cases,
            residents=summary.residents,
            seconds=f"{summary.seconds:.1f}",
        ),
    )
    return EXIT_OK


def cmd_allowance(args: argparse.Namespace, out: Output) -> int:
    engine = PolicyEngine.load()
    answer = engine.allowance_from_text(
        args.category,
        args.birth,
        args.month,
        disability_level=args.disability_level,
        children=args.children,
        studying=args.studying,
        province=args.province,
    )
    out.emit(_allowance_json(answer, out), lambda: _allowance_text(answer, out))
    return EXIT_OK


def _allowance_json(answer: Allowance, out: Output) -> dict[str, Any]:
    return {
        "month": str(answer.month),
        "standard_level": answer.standard_level,
        "coefficient": str(answer.total_coefficient),
        "monthly_amount": answer.monthly_amount,
        "benefit": answer.benefit.value,
        "chosen": list(answer.chosen),
        "claims": [
            {
                "category": c.category,
                "eligible": c.eligible,
                "coefficient": str(c.coefficient),
                "amount": c.amount,
                "reason": None if c.eligible else c.step.code,
            }
            for c in answer.claims
        ],
        "explanation": [
            {
                "code": s.code,
                "params": {k: str(v) for k, v in s.params.items()},
                "text": out.t(s.code, **dict(s.params)),
            }
            for s in answer.explanation
        ],
    }


def _allowance_text(answer: Allowance, out: Output) -> str:
    lang = out.lang
    lines = [
        out.t("cli.allowance.coefficient", value=format_number(answer.total_coefficient, lang)),
        out.t("cli.allowance.level", value=format_money(answer.standard_level, lang)),
        out.t("cli.allowance.amount", value=format_money(answer.monthly_amount, lang)),
        out.t("cli.allowance.explanation"),
    ]
    lines += [f"  - {out.t(step.code, **dict(step.params))}" for step in answer.explanation]
    return "\n".join(lines)


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "demo-data", help="tạo dữ liệu mẫu tổng hợp (không phải người thật)"
    )
    p.add_argument("--people", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(handler=cmd_demo_data)

    p = sub.add_parser("allowance", help="tính mức trợ cấp hằng tháng theo quy định")
    p.add_argument("--category", action="append", required=True, help="mã đối tượng, vd. K1")
    p.add_argument("--birth", required=True, help="ngày sinh YYYY-MM-DD, YYYY-MM hoặc YYYY")
    p.add_argument("--month", required=True, help="tháng tính YYYY-MM")
    p.add_argument("--disability-level", choices=[d.value for d in DisabilityLevel])
    p.add_argument("--children", type=int, default=0, help="số con (K4)")
    p.add_argument("--studying", action="store_true", help="đang đi học (K2)")
    p.add_argument("--province", help="mã tỉnh, khi tỉnh có mức chuẩn cao hơn")
    p.set_defaults(handler=cmd_allowance)
