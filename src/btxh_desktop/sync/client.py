"""The server's API as Python calls: login, push, pull, digests, repair and bundle relay.

Tokens: the refresh token is read from and written back to the credential store (the OS
keyring) as soon as the server rotates it; the access token lives only in memory.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from btxh_desktop.sync import errors
from btxh_desktop.sync.credentials import CredentialStore, credential_key
from btxh_desktop.sync.errors import SyncError
from btxh_desktop.sync.protocol import OpStatus
from btxh_desktop.sync.transport import AuthExpired, Transport


@dataclass(frozen=True)
class OutboundOp:
    seq: int
    op_id: str
    entity: str
    record_id: str
    op: str
    fields: dict[str, Any]
    base_version: int
    username: str
    created_at: dt.datetime

    def wire(self) -> dict[str, Any]:
        return {
            "op_id": self.op_id,
            "seq": self.seq,
            "entity": self.entity,
            "record_id": self.record_id,
            "op": self.op,
            "fields": self.fields,
            "base_version": self.base_version,
            "username": self.username,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True)
class OpResult:
    op_id: str
    status: OpStatus
    version: int | None = None
    reason: str | None = None
    detail: dict[str, Any] | None = None
    replayed: bool = False


@dataclass(frozen=True)
class PullPage:
    server_id: str
    changes: list[dict[str, Any]]
    cursors: dict[str, int]
    has_more: bool
    resets: list[str] = field(default_factory=list)
    digests: dict[str, dict[str, dict[str, Any]]] | None = None


@dataclass(frozen=True)
class AuditAnswer:
    """The server's receipt for an audit upload: every entry up to `through_seq` is held;
    `flagged` lists those it stored with a broken chain (see btxh_server.audit)."""

    stored: int
    duplicates: int
    through_seq: int
    flagged: list[dict[str, Any]]


@dataclass(frozen=True)
class LoginInfo:
    scopes: tuple[str, ...]
    server_id: str


def _bad(detail: str) -> SyncError:
    return SyncError(errors.BAD_RESPONSE, detail=detail)


class SyncClient:
    def __init__(
        self,
        transport: Transport,
        credentials: CredentialStore,
        username: str,
        device_id: str,
    ) -> None:
        self.transport = transport
        self.credentials = credentials
        self.username = username
        self.device_id = device_id
        self.key = credential_key(transport.base_url, username)
        self.server_id: str | None = None
        self._access: str | None = None

    # ------------------------------------------------------------------ session

    def login(self, password: str) -> LoginInfo:
        answer = self.transport.call(
            "POST",
            "/auth/login",
            {"username": self.username, "password": password, "device_id": self.device_id},
            # A password is not retried blindly: a lost answer only costs a second login.
            attempts=2,
        )
        return self._keep(answer)

    def _keep(self, answer: Any) -> LoginInfo:
        try:
            access = str(answer["access_token"])
            refresh = str(answer["refresh_token"])
            scopes = tuple(str(s) for s in answer["scopes"])
            server_id = str(answer["server_id"])
        except (KeyError, TypeError):
            raise _bad("tokens") from None
        self.credentials.set(self.key, refresh)
        self._access = access
        self.server_id = server_id
        return LoginInfo(scopes, server_id)

    def has_credentials(self) -> bool:
        return self.credentials.get(self.key) is not None

    def connect(self) -> LoginInfo:
        """Exchange the stored refresh token for a fresh pair."""
        refresh = self.credentials.get(self.key)
        if refresh is None:
            raise SyncError(errors.LOGIN_REQUIRED)
        try:
            answer = self.transport.call("POST", "/auth/refresh", {"refresh_token": refresh})
        except AuthExpired:
            raise SyncError(errors.LOGIN_REQUIRED) from None
        return self._keep(answer)

    def logout(self) -> None:
        refresh = self.credentials.get(self.key)
        if refresh is not None:
            # Signing out here is what matters; the server's copy expires anyway.
            with contextlib.suppress(SyncError):
                self.transport.call("POST", "/auth/logout", {"refresh_token": refresh}, attempts=1)
            self.credentials.delete(self.key)
        self._access = None

    def _call(
        self, method: str, path: str, payload: Any = None, params: dict[str, str] | None = None
    ) -> Any:
        if self._access is None:
            self.connect()
        try:
            return self.transport.call(method, path, payload, token=self._access, params=params)
        except AuthExpired:
            self._access = None
            self.connect()
            return self.transport.call(method, path, payload, token=self._access, params=params)

    # ------------------------------------------------------------------ sync calls

    def health(self) -> dict[str, Any]:
        answer = self.transport.call("GET", "/health", attempts=1)
        if not isinstance(answer, dict):
            raise _bad("health")
        return answer

    def push(self, scope: str, ops: list[OutboundOp]) -> list[OpResult]:
        answer = self._call(
            "POST",
            "/sync/push",
            {"device_id": self.device_id, "scope": scope, "ops": [op.wire() for op in ops]},
        )
        try:
            raw = answer["results"]
            results = [
                OpResult(
                    str(r["op_id"]),
                    OpStatus(r["status"]),
                    r.get("version"),
                    r.get("reason"),
                    r.get("detail"),
                    bool(r.get("replayed", False)),
                )
                for r in raw
            ]
        except (KeyError, TypeError, ValueError):
            raise _bad("push results") from None
        if [r.op_id for r in results] != [op.op_id for op in ops]:
            raise _bad("push results do not match the batch")
        return results

    def upload_audit(self, scope: str, entries: list[dict[str, Any]]) -> AuditAnswer:
        """Send audit entries (`AuditRecord.to_wire()`, oldest first). Safe to repeat: the
        server keys them by id."""
        answer = self._call(
            "POST",
            "/audit",
            {"device_id": self.device_id, "scope": scope, "entries": entries},
        )
        try:
            received = AuditAnswer(
                int(answer["stored"]),
                int(answer["duplicates"]),
                int(answer["through_seq"]),
                [dict(f) for f in answer["flagged"]],
            )
        except (KeyError, TypeError, ValueError):
            raise _bad("audit receipt") from None
        if entries and received.through_seq != max(int(e["seq"]) for e in entries):
            raise _bad("audit receipt does not match the upload")
        return received

    def pull(self, cursors: dict[str, int], limit: int) -> PullPage:
        answer = self._call("POST", "/sync/pull", {"cursors": cursors, "limit": limit})
        try:
            page = PullPage(
                str(answer["server_id"]),
                list(answer["changes"]),
                {str(k): int(v) for k, v in answer["cursors"].items()},
                bool(answer["has_more"]),
                [str(s) for s in answer.get("resets") or []],
                answer.get("digests"),
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise _bad("pull page") from None
        self.server_id = page.server_id
        return page

    def digest(self, scope: str) -> dict[str, Any]:
        answer = self._call("GET", "/sync/digest", params={"scope": scope})
        if not isinstance(answer, dict) or "entities" not in answer:
            raise _bad("digest")
        return answer

    def manifest(
        self, scope: str, entity: str, after: str | None, limit: int
    ) -> tuple[list[tuple[str, int]], str | None]:
        answer = self._call(
            "POST",
            "/sync/manifest",
            {"scope": scope, "entity": entity, "after": after, "limit": limit},
        )
        try:
            items = [(str(i), int(v)) for i, v in answer["items"]]
            return items, answer.get("next")
        except (KeyError, TypeError, ValueError):
            raise _bad("manifest") from None

    def fetch(
        self, refs: list[tuple[str, str]]
    ) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
        answer = self._call(
            "POST", "/sync/fetch", {"refs": [{"entity": e, "id": i} for e, i in refs]}
        )
        try:
            found = list(answer["records"])
            missing = [(str(m["entity"]), str(m["id"])) for m in answer["missing"]]
        except (KeyError, TypeError):
            raise _bad("fetch") from None
        return found, missing

    def relay_bundle(self, bundle: bytes) -> bytes:
        """Another PC's sealed request bundle in, the server's sealed answer out
        (`POST /bundles`). Repeating it is safe — the server claims each operation id once
        and answers a replay with the stored results — so it is retried like any call."""
        answer = self._call("POST", "/bundles", {"bundle": base64.b64encode(bundle).decode()})
        try:
            return base64.b64decode(answer["answer"], validate=True)
        except (KeyError, TypeError, ValueError):
            raise _bad("bundle answer") from None
