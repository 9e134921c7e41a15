"""Offline sync bundles at the province office (`btxh-server bundle import IN --answer OUT`).

A commune with no link brings a request bundle (`btxh bundle export`, format in
`btxh_desktop.sync.bundle`). It is opened with the key of the account it names, checked
whole, and only then applied through the very services an online sync goes through —
`PushService` (operation ids claimed once: importing the same bundle twice, or a bundle whose
operations were already pushed online, changes nothing), `AuditReceiver` and `PullService` —
as that account, with its scopes. The answer (per-operation results, the audit receipt and
every pull page after the commune's cursors) is sealed with the same account's key.

Each account's key is derived from one random master secret the server keeps in its own
database (`server_info`), so no per-account key is stored and a new account has a key at
once. `btxh-server bundle key --username U` prints it as a code for the commune's PC.

The same desk serves `POST /api/v1/bundles` (`btxh bundle relay`): a PC that has a link
carries another PC's bundle in, signed in as its own account. Any signed-in account may
relay: the bundle itself proves who made it and for which site (it opens only with that
account's key, and is applied with that account's scopes), and the answer goes back sealed
with the same key, so the relaying account can neither read nor change either file.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import Engine, select

from btxh_desktop.sync.bundle import (
    INVALID_CONTENT,
    KIND_ANSWER,
    KIND_REQUEST,
    OUT_OF_SCOPE,
    TOO_NEW,
    UNKNOWN_ACCOUNT,
    WRONG_KIND,
    BundleError,
    format_key,
    new_header,
    read_file,
    read_header,
    seal,
    unseal,
    write_file,
)
from btxh_desktop.sync.protocol import (
    MAX_PROTOCOL_VERSION,
    MAX_PULL_LIMIT,
    MIN_PROTOCOL_VERSION,
    OpStatus,
)
from btxh_server import logs
from btxh_server.accounts import Account
from btxh_server.audit import AuditReceiver
from btxh_server.db import WRITE, server_info, user_scopes, users
from btxh_server.pull import PullService
from btxh_server.push import PushService, ScopeDenied, _is_record_scope, insert_ignoring_duplicates
from btxh_server.schemas import AuditUploadRequest, PushRequest
from btxh_server.scopes import ScopeRules

MASTER_KEY = "bundle_master"
# Operations per push and entries per audit upload: what an online client sends at once.
PUSH_CHUNK = 500
AUDIT_CHUNK = 2000
# A relayed bundle in base64, within the server's 64 MiB limit on a request body: about
# 45 MiB of bundle, far more than a site's changes between two trips.
MAX_RELAYED_CHARS = 60 * 1024 * 1024


class RelayRequest(BaseModel):
    bundle: str = Field(
        max_length=MAX_RELAYED_CHARS,
        description="a request bundle file (`btxh bundle export`), base64",
    )


class RelayResponse(BaseModel):
    answer: str = Field(
        description="the answer bundle file, base64, sealed for the account that made the "
        "request: only its PCs can open it"
    )
    request_id: str
    answer_id: str


@dataclass
class ImportResult:
    request_id: str
    answer_id: str
    username: str
    scope: str
    results: dict[str, int] = field(default_factory=dict)
    audit_stored: int = 0
    audit_duplicates: int = 0
    changes: int = 0


class BundleDesk:
    def __init__(self, engine: Engine, rules: ScopeRules) -> None:
        self.engine = engine
        self.rules = rules
        with engine.connect() as conn:
            self.server_id = str(
                conn.scalar(select(server_info.c.value).where(server_info.c.key == "server_id"))
            )

    # ------------------------------------------------------------------ keys

    def _master(self) -> bytes:
        with self.engine.execution_options(**WRITE).begin() as conn:
            conn.execute(
                insert_ignoring_duplicates(
                    conn, server_info, [{"key": MASTER_KEY, "value": secrets.token_hex(32)}]
                )
            )
            value = conn.scalar(select(server_info.c.value).where(server_info.c.key == MASTER_KEY))
        return bytes.fromhex(str(value))

    def account_secret(self, account: Account) -> bytes:
        # The id as well as the name: an account made again under an old name gets a new key.
        label = f"btxh-bundle-account/v1\x00{account.id}\x00{account.username}".encode()
        return hmac.new(self._master(), label, hashlib.sha256).digest()

    def account(self, username: str) -> Account:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(users.c.id, users.c.username, users.c.disabled).where(
                    users.c.username == username.strip()
                )
            ).first()
            if row is None or row.disabled:
                raise BundleError(UNKNOWN_ACCOUNT, username=username[:64])
            scopes = conn.scalars(
                select(user_scopes.c.scope)
                .where(user_scopes.c.user_id == row.id)
                .order_by(user_scopes.c.scope)
            )
            return Account(int(row.id), str(row.username), tuple(scopes))

    def key_code(self, username: str) -> str:
        return format_key(self.account_secret(self.account(username)))

    # ------------------------------------------------------------------ import

    def import_file(self, source: Path, answer: Path) -> ImportResult:
        sealed, result = self.import_bundle(read_file(source))
        write_file(answer, sealed)
        return result

    def import_bundle(
        self, data: bytes, relayed_by: Account | None = None
    ) -> tuple[bytes, ImportResult]:
        """Open, check, apply; return the sealed answer. Nothing is written to the database
        unless the whole bundle opened with its account's key and every part of it is
        well formed. `relayed_by` is the signed-in account that brought it over HTTP, for
        the log only: the bundle is applied as the account that made it."""
        claimed = read_header(data)
        if claimed.kind != KIND_REQUEST:
            raise BundleError(WRONG_KIND, kind=claimed.kind)
        if not MIN_PROTOCOL_VERSION <= claimed.protocol <= MAX_PROTOCOL_VERSION:
            raise BundleError(TOO_NEW, format=claimed.protocol)
        account = self.account(claimed.username)
        secret = self.account_secret(account)
        header, payload = unseal(data, secret, KIND_REQUEST)
        device, scope = header.device_id, header.scope
        try:
            pushes = [
                PushRequest.model_validate(
                    {"device_id": device, "scope": scope, "ops": payload["ops"][i : i + PUSH_CHUNK]}
                )
                for i in range(0, len(payload["ops"]), PUSH_CHUNK)
            ]
            uploads = [
                AuditUploadRequest.model_validate(
                    {
                        "device_id": device,
                        "scope": scope,
                        "entries": payload["audit"][i : i + AUDIT_CHUNK],
                    }
                )
                for i in range(0, len(payload["audit"]), AUDIT_CHUNK)
            ]
            cursors = self._cursors(payload.get("cursors"))
        except (KeyError, TypeError, ValueError, AttributeError, ValidationError):
            raise BundleError(INVALID_CONTENT) from None
        if not _is_record_scope(scope) or not self.rules.covers(account.scopes, scope):
            logs.warning("scope.denied", account=account.id, scope=scope[:40], action="bundle")
            raise BundleError(OUT_OF_SCOPE, username=account.username, scope=scope[:40])
        try:
            answer, result = self._apply(
                account, header.id, device, scope, pushes, uploads, cursors
            )
        except ScopeDenied as exc:
            raise BundleError(OUT_OF_SCOPE, username=account.username, scope=exc.scope) from None
        reply = new_header(
            KIND_ANSWER,
            account.username,
            device,
            scope,
            in_reply_to=header.id,
            server_id=self.server_id,
        )
        result.answer_id = reply.id
        logs.event(
            "bundle.import",
            account=account.id,
            relayed_by=relayed_by.id if relayed_by is not None else None,
            scope=scope,
            ops=sum(result.results.values()),
            rejected=result.results.get(OpStatus.REJECTED.value, 0),
            audit_stored=result.audit_stored,
            changes=result.changes,
        )
        return seal(reply, answer, secret), result

    def _cursors(self, saved: Any) -> dict[str, int]:
        """The commune's cursors, if they are positions in this server's logs; another
        server's (or none) means from the beginning, as an online pull would."""
        if not saved or saved.get("server_id") != self.server_id:
            return {}
        return {str(k): int(v) for k, v in saved["cursors"].items()}

    def _apply(
        self,
        account: Account,
        request_id: str,
        device: str,
        scope: str,
        pushes: list[PushRequest],
        uploads: list[AuditUploadRequest],
        cursors: dict[str, int],
    ) -> tuple[dict[str, Any], ImportResult]:
        result = ImportResult(request_id, "", account.username, scope)
        pusher = PushService(self.engine, self.rules)
        results = []
        for push in pushes:
            results += pusher.push(account, device, scope, push.ops)
        for r in results:
            result.results[r.status.value] = result.results.get(r.status.value, 0) + 1
        auditor = AuditReceiver(self.engine, self.rules)
        through_seq = 0
        flagged: list[dict[str, Any]] = []
        for upload in uploads:
            done = auditor.upload(account, device, scope, upload.entries)
            through_seq = max(through_seq, done.through_seq)
            result.audit_stored += done.stored
            result.audit_duplicates += done.duplicates
            flagged += [{"id": f.id, "seq": f.seq, "problem": f.problem} for f in done.flagged]
        puller = PullService(self.engine, self.rules, self.server_id)
        cursors = {scope: cursors.get(scope, 0)}
        pages = []
        while True:
            page = json.loads(puller.pull(account, cursors, MAX_PULL_LIMIT))
            pages.append(page)
            result.changes += len(page["changes"])
            if not page["has_more"]:
                break
            cursors = page["cursors"]
        answer = {
            "results": [r.body() for r in results],
            "audit": {
                "through_seq": through_seq,
                "stored": result.audit_stored,
                "duplicates": result.audit_duplicates,
                "flagged": flagged,
            },
            "pages": pages,
        }
        return answer, result
