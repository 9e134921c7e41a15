"""`btxh`: the same services as the app, without Qt, for scripts and scheduled tasks.

Every command prints Vietnamese text by default (`--lang en` for English) or JSON with
`--json`; failures print a clear message on stderr and exit non-zero. Each area adds its
commands in its own module through a `register(subparsers)` function.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from btxh_desktop import __version__
from btxh_desktop.cli import (
    alerts_commands,
    bundle_commands,
    people_commands,
    report_commands,
    security_commands,
    site_commands,
    sync_commands,
)
from btxh_desktop.cli.common import EXIT_DATABASE, EXIT_INVALID, Output
from btxh_desktop.domain.errors import DomainError, ValidationFailed
from btxh_desktop.services.gate import DatabaseDamaged
from btxh_desktop.storage.engine import DatabaseKeyError
from btxh_desktop.storage.migrate import DatabaseTooNew

COMMAND_MODULES = (
    site_commands,
    people_commands,
    security_commands,
    sync_commands,
    bundle_commands,
    alerts_commands,
    report_commands,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="btxh", description="BTXH Desktop — dòng lệnh")
    parser.add_argument("--version", action="version", version=f"btxh {__version__}")
    parser.add_argument("--data-dir", help="thư mục dữ liệu (hoặc biến môi trường BTXH_DATA_DIR)")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="ngôn ngữ (vi/en)")
    parser.add_argument(
        "--user",
        help="tên đăng nhập; mật khẩu được hỏi khi chạy (hoặc lấy từ biến môi trường"
        " BTXH_PASSWORD cho tác vụ tự động)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    out = Output(args.json, args.lang)
    try:
        code: int = args.handler(args, out)
        return code
    except ValidationFailed as exc:
        for field, error in exc.errors.items():
            out.error(error, field=field)
        return EXIT_INVALID
    except DatabaseDamaged as exc:
        out.error(exc.code, **dict(exc.params))
        return EXIT_DATABASE
    except DomainError as exc:
        out.error(exc.code, **dict(exc.params))
        return EXIT_INVALID
    except DatabaseTooNew as exc:
        out.error("database.too_new", revision=exc.revision)
        return EXIT_DATABASE
    except DatabaseKeyError:
        out.error("database.cannot_open")
        return EXIT_DATABASE


if __name__ == "__main__":
    sys.exit(main())
