"""The wire client against a scripted HTTP peer on 127.0.0.1: what it retries, how long it
waits, and which code each failure becomes (with parameters its message can show)."""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from btxh_desktop import messages
from btxh_desktop.sync.errors import SyncError
from btxh_desktop.sync.transport import CancelToken, Transport, TransportOptions

FAST = TransportOptions(
    connect_timeout=1.0, read_timeout=0.5, attempts=3, backoff_base=0.01, backoff_cap=0.02
)


class Peer:
    """Answers each request with the next scripted (status, headers, body, delay)."""

    def __init__(self) -> None:
        self.script: list[tuple[int, dict[str, str], bytes, float]] = []
        self.received: list[tuple[str, dict[str, str], bytes]] = []
        peer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                peer.received.append((self.path, dict(self.headers), body))
                status, headers, reply, delay = peer.script.pop(0)
                time.sleep(delay)
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(reply)))
                    self.end_headers()
                    self.wfile.write(reply)
                except OSError:
                    pass

            do_GET = do_POST

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def then(
        self,
        status: int,
        body: object = None,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        raw: bytes | None = None,
    ) -> Peer:
        data = raw if raw is not None else json.dumps(body if body is not None else {}).encode()
        self.script.append(
            (status, {"Content-Type": "application/json", **(headers or {})}, data, delay)
        )
        return self


@pytest.fixture
def peer() -> Iterator[Peer]:
    running = Peer()
    yield running
    running.server.shutdown()
    running.server.server_close()


def failure(call: object) -> SyncError:
    with pytest.raises(SyncError) as caught:
        call()  # type: ignore[operator]
    for lang in messages.LANGUAGES:
        text = messages.render(caught.value.code, caught.value.params, lang)
        assert "{" not in text and text != caught.value.code
    return caught.value


def test_requests_are_gzip_with_the_protocol_header_and_answers_are_decoded(peer: Peer) -> None:
    peer.then(200, raw=gzip.compress(b'{"ok": true}'), headers={"Content-Encoding": "gzip"})
    transport = Transport(peer.url, FAST)

    answer = transport.call("POST", "/sync/pull", {"cursors": {"commune:1": 0}}, token="t")

    assert answer == {"ok": True}
    path, headers, body = peer.received[0]
    assert path == "/api/v1/sync/pull"
    assert headers["Content-Encoding"] == "gzip" and headers["X-BTXH-Protocol"] == "1"
    assert headers["Authorization"] == "Bearer t"
    assert json.loads(gzip.decompress(body)) == {"cursors": {"commune:1": 0}}
    assert transport.stats.requests == 1 and transport.stats.bytes_received > 0


def test_passing_failures_are_retried(peer: Peer) -> None:
    peer.then(503).then(200, raw=b"{not json").then(200, {"done": 1})
    transport = Transport(peer.url, FAST)

    assert transport.call("POST", "/sync/push", {}) == {"done": 1}
    assert transport.stats.retries == 2 and len(peer.received) == 3


def test_a_failure_that_lasts_becomes_a_clear_error(peer: Peer) -> None:
    for _ in range(3):
        peer.then(500)
    error = failure(lambda: Transport(peer.url, FAST).call("POST", "/sync/push", {}))
    assert (error.code, dict(error.params)) == ("sync.server_error", {"status": 500})
    for _ in range(3):
        peer.then(200, raw=b"<html>proxy error</html>")
    assert failure(lambda: Transport(peer.url, FAST).call("POST", "/x", {})).code == (
        "sync.bad_response"
    )
    for _ in range(3):
        peer.then(200, {}, delay=1.0)
    assert failure(lambda: Transport(peer.url, FAST).call("POST", "/x", {})).code == (
        "sync.timeout"
    )


def test_final_answers_are_not_retried(peer: Peer) -> None:
    peer.then(426, {"error": "upgrade_required", "min_version": 2, "max_version": 3})
    error = failure(lambda: Transport(peer.url, FAST).call("POST", "/x", {}))
    assert (error.code, error.params["needed"]) == ("sync.upgrade_required", 2)
    peer.then(426, {"error": "upgrade_required", "min_version": 0, "max_version": 0})
    assert failure(lambda: Transport(peer.url, FAST).call("POST", "/x", {})).code == (
        "sync.server_too_old"
    )
    peer.then(403, {"error": "out_of_scope"})
    assert failure(lambda: Transport(peer.url, FAST).call("POST", "/x", {})).code == (
        "sync.out_of_scope"
    )
    peer.then(429, {"error": "too_many_attempts"}, {"Retry-After": "42"})
    error = failure(lambda: Transport(peer.url, FAST).call("POST", "/auth/login", {}))
    assert (error.code, error.params["seconds"]) == ("sync.too_many_attempts", 42)
    peer.then(401, {"error": "invalid_credentials"})
    assert failure(lambda: Transport(peer.url, FAST).call("POST", "/x", {})).code == (
        "sync.invalid_credentials"
    )
    peer.then(418, {"error": "teapot"})
    error = failure(lambda: Transport(peer.url, FAST).call("POST", "/x", {}))
    assert (error.code, error.params["status"]) == ("sync.request_refused", 418)
    assert len(peer.received) == 6


def test_nothing_listening_is_unreachable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error = failure(lambda: Transport(f"http://127.0.0.1:{port}", FAST).call("GET", "/health"))
    assert error.code == "sync.unreachable" and str(port) in str(error.params["url"])


def test_backoff_grows_with_jitter_and_stops_when_cancelled(peer: Peer) -> None:
    slow = TransportOptions(attempts=4, backoff_base=0.2, backoff_cap=1.0, read_timeout=2.0)
    for _ in range(4):
        peer.then(502)
    start = time.monotonic()
    failure(lambda: Transport(peer.url, slow).call("POST", "/x", {}))
    waited = time.monotonic() - start
    assert waited <= 0.2 + 0.4 + 0.8 + 1.0  # each wait is at most its ceiling

    cancel = CancelToken()
    for _ in range(4):
        peer.then(502)
    threading.Timer(0.05, cancel.cancel).start()
    error = failure(lambda: Transport(peer.url, slow, cancel).call("POST", "/x", {}))
    assert error.code == "sync.cancelled"
