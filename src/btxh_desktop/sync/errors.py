"""Why a sync stopped, as a code with parameters (text in resources/messages/sync.json)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType


class SyncError(Exception):
    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params: Mapping[str, object] = MappingProxyType(dict(params))

    def __str__(self) -> str:
        details = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.code} ({details})" if details else self.code


class SyncCancelled(SyncError):
    def __init__(self) -> None:
        super().__init__("sync.cancelled")


# Codes used across the package, named once.
NOT_CONFIGURED = "sync.not_configured"
LOGIN_REQUIRED = "sync.login_required"
INVALID_CREDENTIALS = "sync.invalid_credentials"
TOO_MANY_ATTEMPTS = "sync.too_many_attempts"
UNREACHABLE = "sync.unreachable"
TIMEOUT = "sync.timeout"
SERVER_ERROR = "sync.server_error"
BAD_RESPONSE = "sync.bad_response"
UPGRADE_REQUIRED = "sync.upgrade_required"
SERVER_TOO_OLD = "sync.server_too_old"
OUT_OF_SCOPE = "sync.out_of_scope"
REQUEST_REFUSED = "sync.request_refused"
ALREADY_RUNNING = "sync.already_running"
FOLDER_BUSY = "sync.folder_busy"
LOCAL_ERROR = "sync.local_error"
