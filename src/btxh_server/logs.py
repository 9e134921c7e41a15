"""Structured logs: one JSON object per line, and never personal data.

Events carry identifiers the operator needs (account id, scope, op counts, status, timing)
and nothing about beneficiaries: no names, ID numbers or field values. Callers pass fields
explicitly; there is no free-text message that could smuggle a value in.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from typing import IO

LOGGER_NAME = "btxh_server"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, object] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
            "level": record.levelname.lower(),
            "event": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            payload.update(fields)
        if record.exc_info and record.exc_info[0] is not None:
            # The exception's type only: its message may quote a value from the request.
            payload["exception"] = record.exc_info[0].__name__
        return json.dumps(payload, ensure_ascii=False, default=str)


def configure(stream: IO[str] | None = None, level: int = logging.INFO) -> logging.Logger:
    logger = logging.getLogger(LOGGER_NAME)
    logger.handlers.clear()
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    return logger


def event(name: str, level: int = logging.INFO, **fields: object) -> None:
    logging.getLogger(LOGGER_NAME).log(level, name, extra={"fields": fields})


def warning(name: str, **fields: object) -> None:
    event(name, logging.WARNING, **fields)
