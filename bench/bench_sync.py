"""Issue 4: sync with the reference server over real HTTP.

1. Initial pull of N people (default 200,000) from a local server: rows applied per second,
   against raw `sqlite3.executemany` of the same rows into the same schema (same pragmas,
   indexes and search triggers), measured in this run. Target ≥ 0.3×.
2. Push of 10,000 operations: operations per second, and bytes on the wire (HTTP heads and
   bodies both ways, counted by a TCP relay) per operation against gzip of each operation's
   own JSON. Target ≤ 1.2×.
3. A weekly sync of 500 operations (and the other PC's changes to pull) over an emulated
   slow, lossy link — 1 Mbit/s, 300 ms RTT, 2 % loss — built by the benchmark itself with
   ../shared/tools/slowlink (network namespaces, no netem on this kernel): HTTP round trips
   (target ≤ 6) and wall time, next to the same sync on loopback. Without root or the tool
   the slow-link row is skipped and the table says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from keyrings.alt.file import PlaintextKeyring
from sqlalchemy import insert

from bench.common import Row, print_table, timer
from btxh_desktop.domain.codes import Role, SiteType
from btxh_desktop.paths import AppPaths, bundled_root
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.services.context import Actor
from btxh_desktop.services.demo import AGE_RANGE, CATEGORY_WEIGHTS, _person_row, _weighted
from btxh_desktop.services.sync import SqliteSyncStore, SyncService, codec
from btxh_desktop.storage import tracking
from btxh_desktop.storage.bulk import insert_tracked
from btxh_desktop.storage.models import Person
from btxh_desktop.sync.client import SyncClient
from btxh_desktop.sync.credentials import KeyringCredentials
from btxh_desktop.sync.engine import SyncEngine, SyncReport
from btxh_desktop.sync.protocol import digest_of
from btxh_desktop.sync.transport import Transport
from btxh_server import db
from btxh_server.accounts import Accounts, AuthSettings
from btxh_server.scopes import ScopeRules

ACTOR = Actor("bench", Role.ADMIN)
TODAY = dt.date(2026, 11, 16)
COMMUNE = "26740"
SCOPE = f"commune:{COMMUNE}"
PASSWORD = "bench-password"
SLOWLINK = bundled_root().parent / "shared" / "tools" / "slowlink" / "slowlink"
SLOW_HOST = "10.210.0.1"


def person_fields(rng: random.Random, number: int) -> dict[str, Any]:
    low, high = AGE_RANGE[_weighted(rng, CATEGORY_WEIGHTS)]
    row, _, _ = _person_row(rng, TODAY, low, high, [COMMUNE])
    row.pop("id")
    row["code"] = f"{COMMUNE}-{number:06d}"
    fields = {name: None for name in tracking.data_columns(Person)}
    fields.update(row)
    fields["other_name"] = None
    return {k: tracking.to_wire(v) for k, v in fields.items()}


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "btxh-bench-pycache")
    return env


# ---------------------------------------------------------------- server and clients


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    db_url: str

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)


def make_server_db(folder: Path) -> str:
    url = f"sqlite:///{folder}/central.db"
    engine = db.make_engine(url, pool_size=1)
    db.migrate(engine)
    accounts = Accounts(
        engine, ScopeRules(engine, _reference()), AuthSettings(argon2_memory_kib=8192)
    )
    accounts.add_user("bench", PASSWORD, [SCOPE])
    engine.dispose()
    return url


def _reference() -> Any:
    from btxh_desktop.domain.reference import ReferenceData

    return ReferenceData.load()


def seed_records(db_url: str, people: list[tuple[str, dict[str, Any]]]) -> None:
    """People already on the server, written straight into its tables (as if synced)."""
    engine = db.make_engine(db_url, pool_size=1)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    device = str(uuid.uuid4())
    with engine.execution_options(**db.WRITE).begin() as conn:
        for start in range(0, len(people), 10_000):
            conn.execute(
                insert(db.records),
                [
                    {
                        "entity": "person",
                        "id": pid,
                        "scope": SCOPE,
                        "root_id": pid,
                        "version": 1,
                        "position": start + i + 1,
                        "data": json.dumps(fields, ensure_ascii=False, separators=(",", ":")),
                        "field_versions": "{}",
                        "origin_device": device,
                        "created_at": now,
                        "updated_at": now,
                        "updated_by": "bench",
                        "deleted_at": None,
                    }
                    for i, (pid, fields) in enumerate(people[start : start + 10_000])
                ],
            )
        count, digest = digest_of("person", [(pid, 1) for pid, _ in people])
        conn.execute(insert(db.scope_heads).values(scope=SCOPE, position=len(people)))
        conn.execute(
            insert(db.scope_digests).values(
                scope=SCOPE, entity="person", live_count=count, digest=digest
            )
        )
    engine.dispose()


def start_server(
    db_url: str, folder: Path, prefix: list[str] | None = None, host: str = "127.0.0.1"
) -> Server:
    port_file = folder / "port"
    port_file.unlink(missing_ok=True)
    command = [
        *(prefix or []),
        sys.executable,
        "-m",
        "btxh_server",
        "--db",
        db_url,
        "--host",
        host,
        "--port",
        "0",
        "--port-file",
        str(port_file),
        "serve",
    ]
    log = open(folder / "server.log", "ab")  # noqa: SIM115 - the child keeps writing to it
    process = subprocess.Popen(command, stdout=log, stderr=log, env=child_env())
    log.close()
    deadline = time.monotonic() + 60
    while not port_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError((folder / "server.log").read_text()[-2000:])
        time.sleep(0.05)
    time.sleep(0.3)
    return Server(f"http://{host}:{int(port_file.read_text())}", process, db_url)


def keyring_in(folder: Path) -> KeyringCredentials:
    backend = PlaintextKeyring()
    backend.file_path = str(folder / "python_keyring" / "keyring_pass.cfg")
    return KeyringCredentials(backend)


def new_client(folder: Path, url: str, login: bool = True) -> Services:
    services = open_services(AppPaths(folder / "data"), ACTOR, today=lambda: TODAY)
    services.site.initialise(SiteType.COMMUNE, COMMUNE)
    services.sync = SyncService(services.ctx, keyring_in(folder))
    services.sync.configure(server_url=url, username="bench", page_size=2000, batch_size=500)
    if login:
        services.sync.login(PASSWORD)
    return services


class Relay:
    """A TCP relay on 127.0.0.1 that counts the bytes crossing it both ways."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.bytes = 0
        self._lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}"

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                with self._lock:
                    self.bytes += len(chunk)
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self.listener.close()


# ---------------------------------------------------------------- 1. initial pull


def initial_pull(work: Path, n: int, seed: int) -> list[Row]:
    rng = random.Random(seed)
    people = [(str(uuid.uuid4()), person_fields(rng, i + 1)) for i in range(n)]
    server_dir = work / "pull-server"
    server_dir.mkdir()
    db_url = make_server_db(server_dir)
    seed_records(db_url, people)

    # Baseline: the same rows, already in storage form, by raw executemany.
    spec = codec("person")
    stamp = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat()
    rows = [
        tuple(
            spec.values(
                {
                    "id": pid,
                    "version": 1,
                    "fields": fields,
                    "created_at": stamp,
                    "updated_at": stamp,
                    "updated_by": "bench",
                    "deleted_at": None,
                }
            )
        )
        for pid, fields in people
    ]
    raw_services = new_client(work / "raw", "http://127.0.0.1:1", login=False)
    raw_path = raw_services.ctx.paths.database
    raw_services.close()
    conn = sqlite3.connect(raw_path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    with timer() as raw_t, conn:
        conn.executemany(
            f"INSERT INTO people ({', '.join(spec.columns)})"
            f" VALUES ({', '.join('?' * len(spec.columns))})",
            rows,
        )
    conn.close()

    server = start_server(db_url, server_dir)
    try:
        client = new_client(work / "pull-client", server.url)
        with timer() as pull_t:
            run = client.sync.run()
        count = client.people.count()
        client.close()
    finally:
        server.stop()
    assert count == n and run.verified, (count, run)
    return [
        Row(
            f"initial pull of {n:,} people: apply rate",
            n / pull_t[0],
            "rows/s",
            n / raw_t[0],
            "≥ 0.3× raw executemany",
        ),
        Row("initial pull: wall time (incl. digest check)", pull_t[0], "s", raw_t[0]),
        Row("initial pull: HTTP round trips", run.round_trips, "requests"),
        Row("initial pull: bytes received per person", run.bytes_received / n, "bytes"),
    ]


# ---------------------------------------------------------------- 2. push


def push_ops(work: Path, n: int) -> list[Row]:
    server_dir = work / "push-server"
    server_dir.mkdir()
    server = start_server(make_server_db(server_dir), server_dir)
    relay = Relay(int(server.url.rsplit(":", 1)[1]))
    try:
        client = new_client(work / "push-client", relay.url)
        rng = random.Random(11)
        with client.ctx.unit_of_work() as session:
            insert_tracked(
                session,
                Person,
                [{**person_fields(rng, i + 1), "id": str(uuid.uuid4())} for i in range(n)],
            )
        store = SqliteSyncStore(client.ctx)
        ops = store.next_batch(0, store.last_seq(), n)
        gzip_each = sum(len(gzip.compress(json.dumps(op.wire()).encode())) for op in ops)
        device = client.site.info()
        assert device is not None
        sync_client = SyncClient(
            Transport(relay.url), keyring_in(work / "push-client"), "bench", device.device_id
        )
        engine = SyncEngine(store, sync_client)
        sync_client.connect()
        before = relay.bytes
        report = SyncReport()
        with timer() as push_t:
            engine.push(report)
        wire = relay.bytes - before
        sync_client.transport.close()
        client.close()
    finally:
        relay.close()
        server.stop()
    assert report.pushed == n, report
    return [
        Row(f"push {n:,} ops", n / push_t[0], "ops/s"),
        Row(
            "push: bytes on the wire per op",
            wire / n,
            "bytes",
            gzip_each / n,
            "≤ 1.2× gzip of the op's JSON",
        ),
    ]


# ---------------------------------------------------------------- 3. weekly sync


def weekly_changes(client: Services, other: Services, ops: int) -> None:
    """A commune's week: new people, corrections; and another PC's edits to pull."""
    people = client.people
    rng = random.Random(5)
    existing = [p.id for p in people.search("nguyen", 400)]
    with client.ctx.unit_of_work() as session:
        for person_id in existing[: ops * 3 // 5]:
            row = session.get(Person, person_id)
            assert row is not None
            row.phone = f"09{rng.randint(10_000_000, 99_999_999)}"
        insert_tracked(
            session,
            Person,
            [
                {**person_fields(rng, 900_000 + i), "id": str(uuid.uuid4())}
                for i in range(ops - ops * 3 // 5)
            ],
        )
    with other.ctx.unit_of_work() as session:
        insert_tracked(
            session,
            Person,
            [{**person_fields(rng, 800_000 + i), "id": str(uuid.uuid4())} for i in range(60)],
        )


def btxh(
    data_dir: Path, *args: str, prefix: list[str] | None = None, stdin: str = "", keyring_home: Path
) -> subprocess.CompletedProcess[str]:
    env = child_env()
    env["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    env["XDG_DATA_HOME"] = str(keyring_home)
    return subprocess.run(
        [
            *(prefix or []),
            sys.executable,
            "-m",
            "btxh_desktop.cli",
            "--json",
            "--data-dir",
            str(data_dir),
            "sync",
            *args,
        ],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )


def prepare_week(folder: Path, url: str, prefix: list[str] | None, ops: int) -> Path:
    """Two PCs of the commune with 2,000 synced people; one has a week of work to send."""
    a = new_client(folder / "a", url, login=False)
    b = new_client(folder / "b", url, login=False)
    data_a, data_b = a.ctx.paths.data_dir, b.ctx.paths.data_dir
    for services, data in ((a, data_a), (b, data_b)):
        services.close()
        logged = btxh(
            data,
            "login",
            "--server",
            url,
            "--username",
            "bench",
            "--password-stdin",
            prefix=prefix,
            stdin=PASSWORD + "\n",
            keyring_home=data.parent,
        )
        assert logged.returncode == 0, logged.stderr
    a = open_services(AppPaths(data_a), ACTOR, today=lambda: TODAY)
    rng = random.Random(3)
    with a.ctx.unit_of_work() as session:
        insert_tracked(
            session,
            Person,
            [{**person_fields(rng, i + 1), "id": str(uuid.uuid4())} for i in range(2000)],
        )
    a.close()
    for data in (data_a, data_b):
        done = btxh(data, prefix=prefix, keyring_home=data.parent)
        assert done.returncode == 0, done.stderr
    a = open_services(AppPaths(data_a), ACTOR, today=lambda: TODAY)
    b = open_services(AppPaths(data_b), ACTOR, today=lambda: TODAY)
    weekly_changes(a, b, ops)
    a.close()
    b.close()
    pushed = btxh(data_b, prefix=prefix, keyring_home=data_b.parent)
    assert pushed.returncode == 0, pushed.stderr
    return data_a


def timed_week(data_a: Path, prefix: list[str] | None) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    done = btxh(data_a, "--trigger", "scheduled", prefix=prefix, keyring_home=data_a.parent)
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    run: dict[str, Any] = json.loads(done.stdout)
    return elapsed, run


@contextmanager
def slow_link() -> Iterator[str | None]:
    """Yields None when the link is up, else why it could not be built."""
    if os.geteuid() != 0:
        yield "needs root (network namespaces)"
        return
    if not SLOWLINK.exists():
        yield f"{SLOWLINK} not found"
        return
    subprocess.run([str(SLOWLINK), "down"], capture_output=True, check=False)
    up = subprocess.run([str(SLOWLINK), "up"], capture_output=True, text=True, check=False)
    if up.returncode != 0:
        subprocess.run([str(SLOWLINK), "down"], capture_output=True, check=False)
        yield f"slowlink up failed: {(up.stdout + up.stderr).strip()[-300:]}"
        return
    try:
        yield None
    finally:
        subprocess.run([str(SLOWLINK), "down"], capture_output=True, check=False)


def weekly_sync(work: Path, ops: int) -> tuple[list[Row], str | None]:
    rows: list[Row] = []
    server_dir = work / "week-loop"
    server_dir.mkdir()
    server = start_server(make_server_db(server_dir), server_dir)
    try:
        data = prepare_week(work / "loop", server.url, None, ops)
        loop_time, loop_run = timed_week(data, None)
    finally:
        server.stop()
    rows.append(
        Row(
            f"weekly sync of {ops} ops, loopback: HTTP round trips",
            loop_run["round_trips"],
            "requests",
            None,
            "≤ 6",
        )
    )
    rows.append(Row("weekly sync, loopback: wall time (a `btxh sync` process)", loop_time, "s"))

    with slow_link() as problem:
        if problem is not None:
            return rows, problem
        srv = [str(SLOWLINK), "srv"]
        cli = [str(SLOWLINK), "cli"]
        server_dir = work / "week-slow"
        server_dir.mkdir()
        server = start_server(make_server_db(server_dir), server_dir, srv, host=SLOW_HOST)
        try:
            data = prepare_week(work / "slow", server.url, cli, ops)
            shaped = subprocess.run(
                [str(SLOWLINK), "shape-on", "150", "2", "1mbit"],
                capture_output=True,
                text=True,
                check=False,
            )
            if shaped.returncode != 0:
                return rows, f"slowlink shape-on failed: {shaped.stderr.strip()[-300:]}"
            slow_time, slow_run = timed_week(data, cli)
        finally:
            server.stop()
    rows.append(
        Row(
            f"weekly sync of {ops} ops, 1 Mbit/s 300 ms RTT 2 % loss: round trips",
            slow_run["round_trips"],
            "requests",
            None,
            "≤ 6",
        )
    )
    rows.append(Row("weekly sync, slow lossy link: wall time", slow_time, "s", loop_time))
    return rows, None


def run(options: argparse.Namespace) -> None:
    work = Path(tempfile.mkdtemp(prefix="btxh-bench-sync-"))
    try:
        rows = initial_pull(work, options.people, options.seed)
        rows += push_ops(work, 10_000)
        week, skipped = weekly_sync(work, 500)
        rows += week
        print_table("sync — initial pull, push, weekly sync", rows)
        if skipped:
            print(f"slow-link rows skipped: {skipped}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
