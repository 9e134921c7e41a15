"""Domain errors carry a code and parameters, never prose: the UI and CLI render the text."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType


class DomainError(ValueError):
    def __init__(self, code: str, /, field: str | None = None, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
        self.params: Mapping[str, object] = MappingProxyType(dict(params))

    def __str__(self) -> str:
        details = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        where = f" [{self.field}]" if self.field else ""
        return f"{self.code}{where}" + (f" ({details})" if details else "")


class ValidationFailed(DomainError):
    """Several fields failed at once: `errors` maps field name to an error code."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("validation.failed", fields=",".join(sorted(errors)))
        self.errors: Mapping[str, str] = MappingProxyType(dict(errors))
