"""`btxh alerts`: Việc cần làm for a day, for a scheduled daily check (and for tests).

Alerts existing is the normal state of a working site, so the exit code is 0 whenever the
computation ran; only an error (no database, a wrong password) is non-zero."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from btxh_desktop.cli.common import EXIT_OK, Output, open_for
from btxh_desktop.domain.alerts import Action, Alert, AlertKind
from btxh_desktop.services.alerts import AlertRow


def cmd_alerts(args: argparse.Namespace, out: Output) -> int:
    services = open_for(args)
    try:
        today = args.today or services.ctx.today()
        rows = services.alerts.compute(today, include_hidden=args.all)
    finally:
        services.close()
    if args.kind:
        rows = [r for r in rows if r.alert.kind == args.kind]
    out.emit(
        {"today": today.isoformat(), "count": len(rows), "alerts": [_json(r, out) for r in rows]},
        lambda: _text(rows, today, out),
    )
    return EXIT_OK


def due_text(alert: Alert, today: dt.date, out: Output) -> str:
    days = alert.days_left(today)
    if days == 0:
        return out.t("alerts.due.today")
    if days > 0:
        return out.t("alerts.due.in_days", days=days)
    return out.t("alerts.due.overdue", days=-days)


def _text(rows: list[AlertRow], today: dt.date, out: Output) -> str:
    if not rows:
        return out.t("cli.alerts.none")
    lines = [out.t("cli.alerts.heading", today=today.strftime("%d/%m/%Y"), count=len(rows))]
    for row in rows:
        alert = row.alert
        who = f"{row.person_code} {row.full_name}" if alert.person_id else out.t("cli.alerts.site")
        lines.append(
            f"{alert.due_date.strftime('%d/%m/%Y')} ({due_text(alert, today, out)})"
            f" [{out.t(f'alerts.kind.{alert.kind.value}')}] {who}: "
            f"{out.t(alert.reason, **dict(alert.params))}"
            f" → {out.t(f'alerts.action.{alert.action.code.value}')}"
        )
        if row.ack is not None:
            lines.append(
                "    "
                + out.t(
                    f"alerts.state.{row.ack.state.value}",
                    reason=row.ack.reason,
                    until=row.ack.until.strftime("%d/%m/%Y") if row.ack.until else "",
                )
            )
    return "\n".join(lines)


def _json(row: AlertRow, out: Output) -> dict[str, Any]:
    alert = row.alert
    payload: dict[str, Any] = {
        "key": alert.key,
        "kind": alert.kind.value,
        "due_date": alert.due_date.isoformat(),
        "person_id": alert.person_id,
        "person_code": row.person_code,
        "full_name": row.full_name,
        "commune_code": row.commune_code,
        "facility": row.facility_name,
        "subject_ids": list(alert.subject_ids),
        "reason": alert.reason,
        "params": {k: str(v) for k, v in alert.params.items()},
        "text": out.t(alert.reason, **dict(alert.params)),
        "actions": [_action(a) for a in alert.actions],
        "sensitive": alert.sensitive,
    }
    if not alert.sensitive:
        # Lists never show what reveals a protected category (privacy.py); the record does.
        for name in ("old_coefficient", "new_coefficient"):
            value = getattr(alert, name)
            payload[name] = None if value is None else str(value)
        payload["old_amount"] = alert.old_amount
        payload["new_amount"] = alert.new_amount
    if row.ack is not None:
        payload["ack"] = {
            "state": row.ack.state.value,
            "until": row.ack.until.isoformat() if row.ack.until else None,
            "reason": row.ack.reason,
            "by": row.ack.username,
        }
    return payload


def _action(action: Action) -> dict[str, Any]:
    return {
        "code": action.code.value,
        "month": str(action.month) if action.month else None,
        "event_date": action.event_date.isoformat() if action.event_date else None,
        "category": action.category,
        "reason": action.reason.value if action.reason else None,
        "valid_from": action.valid_from.isoformat() if action.valid_from else None,
        "valid_to": action.valid_to.isoformat() if action.valid_to else None,
    }


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "alerts", help="việc cần làm theo quy định (kiểm tra hằng ngày)"
    )
    p.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        help="tính cho ngày YYYY-MM-DD (mặc định: hôm nay)",
    )
    p.add_argument("--kind", choices=[k.value for k in AlertKind], help="chỉ một loại việc")
    p.add_argument("--all", action="store_true", help="kể cả việc đã xử lý hoặc đang hoãn")
    # Also accepted after the command (`btxh alerts --today … --json`); SUPPRESS keeps the
    # same options given before the command from being reset.
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="in JSON")
    p.add_argument("--lang", choices=("vi", "en"), default=argparse.SUPPRESS, help="ngôn ngữ")
    p.set_defaults(handler=cmd_alerts)
