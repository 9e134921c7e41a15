"""The sync engine: push, then pull, then check; pure Python over two interfaces.

`LocalStore` is the local database as the engine needs it (the services implement it over
SQLite); `SyncClient` is the server. The engine owns the order and the bookkeeping:

1. push the outbox in batches, oldest first; each answer is stored before the next batch,
   so a crash or a dropped link loses at most one batch's answer, and resending it is
   harmless (the server answers a known op id with its stored result);
2. upload the audit log's entries the server has not acknowledged, oldest first, and record
   each acknowledgement (the server keys entries by id, so a repeated upload is harmless);
3. re-read records the user asked to restore (a discarded rejected edit);
4. pull pages after the saved cursor; the next page is fetched while this one is applied,
   and each page is applied in one transaction together with its cursor;
5. compare per-entity counts and digests with the server's, when nothing is waiting to be
   sent, and repair only the records that differ.

Progress is reported as (stage, done, total); a `CancelToken` stops the run between steps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from btxh_desktop.sync import errors
from btxh_desktop.sync.client import OpResult, OutboundOp, PullPage, SyncClient
from btxh_desktop.sync.errors import SyncError
from btxh_desktop.sync.protocol import ENTITIES, MAX_AUDIT_ENTRIES, OpStatus, format_digest
from btxh_desktop.sync.transport import CancelToken

FETCH_CHUNK = 500
MANIFEST_PAGE = 5000
EMPTY_DIGEST = (0, format_digest(0))


class Stage(StrEnum):
    CONNECT = "connect"
    PUSH = "push"
    AUDIT = "audit"
    PULL = "pull"
    VERIFY = "verify"
    REPAIR = "repair"
    DONE = "done"


@dataclass(frozen=True)
class Progress:
    stage: Stage
    done: int
    total: int | None


ProgressCallback = Callable[[Progress], None]


@dataclass(frozen=True)
class SyncOptions:
    batch_size: int = 500
    page_size: int = 1000
    prefetch: bool = True
    # Audit entries per upload: a commune's week of work (hundreds) goes in one request.
    audit_batch: int = 2000


@dataclass
class PageStats:
    applied: int = 0
    skipped: int = 0
    rebased: int = 0
    exits: int = 0
    conflicts: int = 0
    resolved: int = 0
    failed: int = 0

    def add(self, other: PageStats) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class SyncReport:
    results: Counter[str] = field(default_factory=Counter)
    incoming: PageStats = field(default_factory=PageStats)
    pull_complete: bool = False
    verified: bool | None = None
    repaired: int = 0
    server_id: str | None = None
    audit_uploaded: int = 0  # entries the server acknowledged in this run
    audit_flagged: list[dict[str, Any]] = field(default_factory=list)
    audit_supported: bool = True  # False: the server has no audit endpoint (an older one)

    @property
    def pushed(self) -> int:
        return sum(n for status, n in self.results.items() if status != OpStatus.REJECTED)


class LocalStore(Protocol):
    """The local database, as the engine sees it."""

    def scope(self) -> str: ...

    def last_seq(self) -> int: ...

    def pending_count(self, up_to: int) -> int: ...

    def next_batch(self, after_seq: int, up_to: int, limit: int) -> list[OutboundOp]: ...

    def record_results(self, batch: list[OutboundOp], results: list[OpResult]) -> None: ...

    def cursors(self, server_id: str) -> dict[str, int]: ...

    def apply_page(self, page: PullPage) -> PageStats: ...

    def apply_records(self, records: list[dict[str, Any]]) -> PageStats: ...

    def hide(self, refs: list[tuple[str, str]]) -> int: ...

    def has_unsent(self) -> bool: ...

    def local_digests(self) -> dict[str, tuple[int, str]]: ...

    def local_versions(self, entity: str) -> dict[str, int]: ...

    def refetch_queue(self) -> list[tuple[str, str]]: ...

    def audit_head(self) -> int: ...

    def pending_audit(self, limit: int) -> list[dict[str, Any]]: ...

    def mark_audit_uploaded(self, through_seq: int) -> None: ...

    def clear_refetch(self, refs: list[tuple[str, str]]) -> None: ...


class SyncEngine:
    def __init__(
        self,
        store: LocalStore,
        client: SyncClient,
        options: SyncOptions | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> None:
        self.store = store
        self.client = client
        self.options = options or SyncOptions()
        self._progress = progress
        self.cancel = cancel or client.transport.cancel
        self.scope = store.scope()

    def report(self, stage: Stage, done: int, total: int | None) -> None:
        if self._progress is not None:
            self._progress(Progress(stage, done, total))

    def run(self, report: SyncReport | None = None) -> SyncReport:
        """One full sync. `report` is filled as it goes, so a caller that catches an error
        still knows what was done before it."""
        report = report if report is not None else SyncReport()
        self.report(Stage.CONNECT, 0, None)
        report.server_id = self.client.connect().server_id
        self.push(report)
        self.upload_audit(report)
        self.refetch(report)
        digests = self.pull(report)
        self.verify(report, digests)
        self.report(Stage.DONE, 1, 1)
        return report

    # ------------------------------------------------------------------ push

    def push(self, report: SyncReport) -> None:
        # Edits made while this sync runs wait for the next one, so a busy PC cannot keep
        # a sync pushing forever.
        up_to = self.store.last_seq()
        total = self.store.pending_count(up_to)
        after = 0
        done = 0
        self.report(Stage.PUSH, 0, total)
        while True:
            self.cancel.check()
            batch = self.store.next_batch(after, up_to, self.options.batch_size)
            if not batch:
                break
            results = self.client.push(self.scope, batch)
            self.store.record_results(batch, results)
            report.results.update(r.status.value for r in results)
            after = batch[-1].seq
            done += len(batch)
            self.report(Stage.PUSH, done, max(total, done))

    # ------------------------------------------------------------------ audit

    def upload_audit(self, report: SyncReport) -> None:
        """Send the audit entries the server has not acknowledged, oldest first; each
        acknowledgement is stored before the next upload. Entries written while this runs
        wait for the next sync."""
        up_to = self.store.audit_head()
        batch_size = max(1, min(self.options.audit_batch, MAX_AUDIT_ENTRIES))
        done = 0
        self.report(Stage.AUDIT, 0, None)
        while True:
            self.cancel.check()
            entries = [e for e in self.store.pending_audit(batch_size) if int(e["seq"]) <= up_to]
            if not entries:
                break
            try:
                answer = self.client.upload_audit(self.scope, entries)
            except SyncError as exc:
                if exc.code == errors.REQUEST_REFUSED and str(exc.params.get("status")) == "404":
                    # A server from before audit uploads: the entries wait for a newer one.
                    report.audit_supported = False
                    return
                raise
            self.store.mark_audit_uploaded(answer.through_seq)
            report.audit_flagged.extend(answer.flagged)
            done += len(entries)
            report.audit_uploaded = done
            self.report(Stage.AUDIT, done, None)
            if len(entries) < batch_size:
                break
        self.report(Stage.AUDIT, done, done)

    # ------------------------------------------------------------------ pull

    def pull(self, report: SyncReport) -> dict[str, dict[str, Any]] | None:
        """Apply every page after the cursor; return the server's digests for the scope."""
        server_id = self.client.server_id or ""
        cursors = self.store.cursors(server_id)
        cursors.setdefault(self.scope, 0)
        executor = ThreadPoolExecutor(1, thread_name_prefix="btxh-pull")
        try:
            future: Future[PullPage] = executor.submit(
                self.client.pull, cursors, self.options.page_size
            )
            applied = 0
            while True:
                page = future.result()
                self.cancel.check()
                if page.has_more and self.options.prefetch:
                    future = executor.submit(self.client.pull, page.cursors, self.options.page_size)
                stats = self.store.apply_page(page)
                report.incoming.add(stats)
                applied += len(page.changes)
                self.report(Stage.PULL, applied, None if page.has_more else applied)
                if not page.has_more:
                    report.pull_complete = True
                    return (page.digests or {}).get(self.scope, {})
                if not self.options.prefetch:
                    future = executor.submit(self.client.pull, page.cursors, self.options.page_size)
        finally:
            executor.shutdown(wait=False, cancel_futures=True)

    # ------------------------------------------------------------------ repair

    def refetch(self, report: SyncReport) -> None:
        refs = self.store.refetch_queue()
        if not refs:
            return
        self.report(Stage.REPAIR, 0, len(refs))
        self._restore(refs, report)
        self.store.clear_refetch(refs)

    def _restore(self, refs: list[tuple[str, str]], report: SyncReport) -> None:
        for start in range(0, len(refs), FETCH_CHUNK):
            self.cancel.check()
            found, missing = self.client.fetch(refs[start : start + FETCH_CHUNK])
            stats = self.store.apply_records(found)
            report.incoming.add(stats)
            report.repaired += stats.applied + self.store.hide(missing)

    def verify(self, report: SyncReport, digests: dict[str, Any] | None) -> None:
        if digests is None or self.store.has_unsent():
            # Local edits not yet accepted make the two sides differ on purpose.
            report.verified = None
            return
        self.report(Stage.VERIFY, 0, 1)
        differing = self._differing(digests)
        if differing:
            self.report(Stage.REPAIR, 0, len(differing))
            for index, entity in enumerate(differing):
                self._repair(entity, report)
                self.report(Stage.REPAIR, index + 1, len(differing))
            differing = self._differing(self.client.digest(self.scope)["entities"])
        report.verified = not differing
        self.report(Stage.VERIFY, 1, 1)

    def _differing(self, server: dict[str, Any]) -> list[str]:
        local = self.store.local_digests()
        out = []
        for entity in ENTITIES:
            theirs = server.get(entity)
            remote = (int(theirs["count"]), str(theirs["digest"])) if theirs else EMPTY_DIGEST
            if local.get(entity, EMPTY_DIGEST) != remote:
                out.append(entity)
        return out

    def _repair(self, entity: str, report: SyncReport) -> None:
        """Compare (id, version) lists and fetch or hide only what differs."""
        server: dict[str, int] = {}
        after: str | None = None
        while True:
            self.cancel.check()
            items, after = self.client.manifest(self.scope, entity, after, MANIFEST_PAGE)
            server.update(items)
            if after is None:
                break
        local = self.store.local_versions(entity)
        stale = sorted(i for i, v in server.items() if local.get(i) != v)
        extra = sorted(i for i in local if i not in server)
        self._restore([(entity, i) for i in stale], report)
        report.repaired += self.store.hide([(entity, i) for i in extra])
