"""Offline sync bundles against the local database: export what waits, import the answer.

The file format and its sealing are `sync.bundle`. Here the local side reuses what an online
sync does, through `SqliteSyncStore`: the same pending operations with the same ids go out,
and the answer is stored by the same `record_results`, `mark_audit_uploaded` and
`apply_page` the engine calls after a push, an audit upload and a pull. So an imported answer
leaves the PC exactly as an online sync would have, and a later online sync (or a second
bundle) carrying the same operations changes nothing on the server.

Exporting changes nothing locally: the operations stay queued until an answer says what the
server did with them. An answer is applied once; importing it again is reported and skipped.

A PC that is online can also carry another PC's bundle (`relay`): it posts the sealed file to
the server under its own sign-in and writes the sealed answer, which only the producing PC
can open.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from btxh_desktop.domain.errors import DomainError
from btxh_desktop.services.context import ServiceContext
from btxh_desktop.services.permissions import Permission, require
from btxh_desktop.services.sync import (
    KEY_CURSORS,
    KEY_USERNAME,
    SqliteSyncStore,
    SyncRunView,
    SyncService,
)
from btxh_desktop.sync import errors
from btxh_desktop.sync.bundle import (
    DAMAGED,
    INVALID_CONTENT,
    KIND_ANSWER,
    KIND_REQUEST,
    NO_KEY,
    NOT_A_BUNDLE,
    OUT_OF_SCOPE,
    TOO_NEW,
    UNKNOWN_ACCOUNT,
    WRONG_KIND,
    WRONG_SITE,
    BundleError,
    BundleHeader,
    format_key,
    key_name,
    new_header,
    parse_key,
    read_file,
    read_header,
    seal,
    unseal,
    write_file,
)
from btxh_desktop.sync.client import OpResult, OutboundOp, PullPage
from btxh_desktop.sync.credentials import CredentialStore
from btxh_desktop.sync.engine import SyncReport
from btxh_desktop.sync.errors import SyncError
from btxh_desktop.sync.lock import folder_lock
from btxh_desktop.sync.protocol import OpStatus

KEY_ANSWERS = "bundle_answers"
# Answer ids remembered as applied; far more than a commune carries between two visits.
REMEMBERED_ANSWERS = 200
TRIGGER = "bundle"
# What the server may answer a relayed bundle with (`POST /bundles`), shown as at the office.
SERVER_REFUSALS = frozenset(
    {DAMAGED, NOT_A_BUNDLE, TOO_NEW, WRONG_KIND, UNKNOWN_ACCOUNT, OUT_OF_SCOPE, INVALID_CONTENT}
)


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    bundle_id: str
    ops: int
    audit_entries: int


@dataclass(frozen=True)
class ImportSummary:
    answer_id: str
    already_imported: bool
    settled: int = 0
    rejected: int = 0
    conflicts: int = 0
    pulled: int = 0
    still_pending: int = 0
    run: SyncRunView | None = None


@dataclass(frozen=True)
class RelaySummary:
    path: Path
    username: str
    scope: str
    request_id: str
    answer_id: str


def _results(payload: dict[str, Any]) -> list[OpResult]:
    return [
        OpResult(
            str(r["op_id"]),
            OpStatus(r["status"]),
            None if r.get("version") is None else int(r["version"]),
            None if r.get("reason") is None else str(r["reason"]),
            r.get("detail"),
            bool(r.get("replayed", False)),
        )
        for r in payload["results"]
    ]


def _pages(payload: dict[str, Any], server_id: str) -> list[PullPage]:
    return [
        PullPage(
            server_id,
            list(p["changes"]),
            {str(k): int(v) for k, v in p["cursors"].items()},
            bool(p["has_more"]),
            [str(s) for s in p.get("resets") or []],
            p.get("digests"),
        )
        for p in payload["pages"]
    ]


def _after(page: PullPage, seen: dict[str, int]) -> PullPage:
    """The page without what this PC already holds from a later sync with the same server
    (an online sync, or another answer, since the bundle was made), and with cursors that
    never go back."""
    if not seen:
        return page
    fresh = [
        change
        for change in page.changes
        if str(change.get("scope")) in page.resets
        or int(change.get("position") or 0) > seen.get(str(change.get("scope")), -1)
    ]
    cursors = {
        scope: value if scope in page.resets else max(value, seen.get(scope, 0))
        for scope, value in page.cursors.items()
    }
    return PullPage(page.server_id, fresh, cursors, page.has_more, page.resets, page.digests)


class BundleService:
    """Bundles for the PC that `sync` serves: its account's code sits in the same credential
    store as its sign-in, and an imported answer is written to the same sync history."""

    def __init__(self, ctx: ServiceContext, sync: SyncService) -> None:
        self.ctx = ctx
        self.sync = sync

    @property
    def credentials(self) -> CredentialStore:
        return self.sync.credentials

    def _store(self) -> SqliteSyncStore:
        return SqliteSyncStore(self.ctx)

    # ------------------------------------------------------------------ the account's code

    def set_key(self, username: str, code: str) -> None:
        """Keep the code the province issued for `username` (`btxh-server bundle key`), in
        the OS keyring like the refresh token, and make that account this PC's sync
        account."""
        require(self.ctx.actor, Permission.SETTINGS)
        username = username.strip()
        if not username:
            raise DomainError("field.required", field="username")
        secret = parse_key(code)
        self.credentials.set(key_name(username), format_key(secret))
        self._store().set_state(**{KEY_USERNAME: username})

    def keyed_account(self) -> str | None:
        """This PC's sync account, if the PC holds its bundle code; None otherwise."""
        username = self._store().get_state(KEY_USERNAME)
        if not username or self.credentials.get(key_name(username)) is None:
            return None
        return username

    def _secret(self, username: str) -> bytes:
        code = self.credentials.get(key_name(username))
        if code is None:
            raise BundleError(NO_KEY, username=username)
        return parse_key(code)

    def _username(self) -> str:
        username = self._store().get_state(KEY_USERNAME)
        if not username:
            raise BundleError(NO_KEY, username="-")
        return username

    # ------------------------------------------------------------------ export

    def export(self, path: Path) -> ExportSummary:
        """Write every pending operation, the audit entries the server has not acknowledged
        and the pull cursors to `path`, sealed with the account's code."""
        require(self.ctx.actor, Permission.SYNC)
        username = self._username()
        secret = self._secret(username)
        store = self._store()
        with folder_lock(self.ctx.paths.data_dir):
            ops = self._pending(store)
            audit = store.pending_audit(max(1, store.audit_head()))
            saved = store.get_state(KEY_CURSORS)
            header = new_header(KIND_REQUEST, username, self.ctx.site().device_id, store.scope())
            payload = {
                "ops": [op.wire() for op in ops],
                "audit": audit,
                "cursors": json.loads(saved) if saved else None,
            }
            write_file(path, seal(header, payload, secret))
        return ExportSummary(path, header.id, len(ops), len(audit))

    @staticmethod
    def _pending(store: SqliteSyncStore) -> list[OutboundOp]:
        up_to = store.last_seq()
        ops: list[OutboundOp] = []
        while batch := store.next_batch(ops[-1].seq if ops else 0, up_to, 1000):
            ops.extend(batch)
        return ops

    # ------------------------------------------------------------------ import

    def import_answer(self, path: Path) -> ImportSummary:
        """Apply the server's answer as an online sync would: settled operations leave the
        outbox, refused ones are held, conflicts and pulled records land, cursors move on.
        Nothing is applied unless the whole file opens with the account's code and is meant
        for this PC."""
        require(self.ctx.actor, Permission.SYNC)
        data = read_file(path)
        header = read_header(data)
        if header.kind != KIND_ANSWER:
            raise BundleError(WRONG_KIND, kind=header.kind)
        store = self._store()
        if header.device_id != self.ctx.site().device_id or header.scope != store.scope():
            raise BundleError(WRONG_SITE, scope=header.scope)
        header, payload = unseal(data, self._secret(header.username), KIND_ANSWER)
        try:
            if not header.server_id:
                raise ValueError("an answer names its server")
            results = _results(payload)
            through_seq = int(payload["audit"]["through_seq"])
            pages = _pages(payload, header.server_id)
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BundleError(INVALID_CONTENT) from None
        with folder_lock(self.ctx.paths.data_dir):
            saved = store.get_state(KEY_ANSWERS)
            applied: list[str] = json.loads(saved) if saved else []
            if header.id in applied:
                return ImportSummary(header.id, already_imported=True)
            # A problem on this PC (a full disk, a locked file) is in the history as after
            # an online sync; the answer can be imported again once it is fixed.
            with self.sync.recording(TRIGGER) as record:
                self._apply(store, results, through_seq, pages, record.report)
                store.set_state(
                    **{KEY_ANSWERS: json.dumps([*applied, header.id][-REMEMBERED_ANSWERS:])}
                )
            report, run = record.report, record.view
        return ImportSummary(
            header.id,
            already_imported=False,
            settled=report.pushed,
            rejected=report.results[OpStatus.REJECTED.value],
            conflicts=report.incoming.conflicts,
            pulled=report.incoming.applied + report.incoming.rebased,
            still_pending=store.pending_count(),
            run=run,
        )

    # ------------------------------------------------------------------ relay

    def relay(self, source: Path, answer: Path) -> RelaySummary:
        """Carry another PC's request bundle to the server over this PC's link and write the
        answer to `answer`, for that PC to import. This PC needs no code: the server opens
        the bundle with the key of the account that made it."""
        require(self.ctx.actor, Permission.SYNC)
        data = read_file(source)
        header = read_header(data)
        if header.kind != KIND_REQUEST:
            raise BundleError(WRONG_KIND, kind=header.kind)
        try:
            sealed = self.sync.relay_bundle(data)
        except SyncError as exc:
            raise _server_refusal(exc, header) from None
        reply = read_header(sealed)
        if reply.kind != KIND_ANSWER or reply.in_reply_to != header.id:
            raise SyncError(errors.BAD_RESPONSE, detail="bundle answer")
        write_file(answer, sealed)
        return RelaySummary(answer, header.username, header.scope, header.id, reply.id)

    def _apply(
        self,
        store: SqliteSyncStore,
        results: list[OpResult],
        through_seq: int,
        pages: list[PullPage],
        report: SyncReport,
    ) -> None:
        # Only operations still waiting: one settled since (by an online sync, or an
        # earlier answer) already has its answer stored.
        waiting = {op.op_id: op for op in self._pending(store)}
        answered = [r for r in results if r.op_id in waiting]
        if answered:
            store.record_results([waiting[r.op_id] for r in answered], answered)
            report.results.update(r.status.value for r in answered)
        if through_seq > 0:
            store.mark_audit_uploaded(through_seq)
        for page in pages:
            saved = store.cursors(page.server_id)
            stats = store.apply_page(_after(page, saved))
            report.incoming.add(stats)
            report.pull_complete = not page.has_more


def _server_refusal(error: SyncError, header: BundleHeader) -> SyncError:
    """The server's refusal of a relayed bundle in the words the office would have used;
    its parameters come from the header (the server sends only the code)."""
    code = error.params.get("code")
    if error.code != errors.REQUEST_REFUSED or code not in SERVER_REFUSALS:
        return error
    return BundleError(
        str(code),
        username=header.username,
        scope=header.scope,
        kind=header.kind,
        format=header.protocol,
    )
