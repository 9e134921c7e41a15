"""A real HTTP proxy on 127.0.0.1 that breaks chosen requests on their way to the server.

Faults are queued per path (`proxy.fail("/sync/push", "cut_after", "500_after")`): the
next matching requests get them in order, the rest pass through untouched. "_after" faults
forward the request first, so the server has done the work and only its answer is lost —
the case idempotency exists for.
"""

from __future__ import annotations

import http.client
import socket
import socketserver
import threading
import time
from collections import deque
from dataclasses import dataclass, field

FAULTS = (
    "500_before",  # answer 500 without telling the server
    "500_after",  # the server applies the request; the client gets a 500
    "timeout_after",  # the server applies it; the answer never comes in time
    "cut_after",  # the server applies it; the connection closes half-way through the body
    "garbage_after",  # the server applies it; the client gets 200 with malformed JSON
    "reset_before",  # the connection closes before anything is sent back
)


@dataclass
class Seen:
    method: str
    path: str
    fault: str | None


@dataclass
class FaultProxy:
    upstream_port: int
    stall_seconds: float = 3.0
    seen: list[Seen] = field(default_factory=list)
    _plan: dict[str, deque[str]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: socketserver.ThreadingTCPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def fail(self, path: str, *faults: str) -> None:
        assert all(f in FAULTS for f in faults), faults
        with self._lock:
            self._plan.setdefault(path, deque()).extend(faults)

    def pending_faults(self) -> int:
        with self._lock:
            return sum(len(q) for q in self._plan.values())

    def _next_fault(self, path: str) -> str | None:
        with self._lock:
            for suffix, queue in self._plan.items():
                if path.endswith(suffix) and queue:
                    return queue.popleft()
        return None

    def start(self) -> FaultProxy:
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                proxy._serve(self.request)

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        self._server = server
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # ------------------------------------------------------------------ one connection

    def _serve(self, conn: socket.socket) -> None:
        reader = conn.makefile("rb")
        try:
            while True:
                request_line = reader.readline()
                if not request_line:
                    return
                method, path, _ = request_line.decode("latin-1").split(" ", 2)
                headers: list[tuple[str, str]] = []
                length = 0
                while True:
                    line = reader.readline().decode("latin-1").rstrip("\r\n")
                    if not line:
                        break
                    name, value = line.split(":", 1)
                    headers.append((name.strip(), value.strip()))
                    if name.strip().lower() == "content-length":
                        length = int(value)
                body = reader.read(length) if length else b""
                fault = self._next_fault(path)
                with self._lock:
                    self.seen.append(Seen(method, path, fault))
                if not self._answer(conn, method, path, headers, body, fault):
                    return
        except (OSError, ValueError):
            return
        finally:
            reader.close()
            conn.close()

    def _answer(
        self,
        conn: socket.socket,
        method: str,
        path: str,
        headers: list[tuple[str, str]],
        body: bytes,
        fault: str | None,
    ) -> bool:
        """Returns False when the connection must be closed."""
        if fault == "reset_before":
            return False
        if fault == "500_before":
            conn.sendall(_response(500, b'{"error":"injected"}'))
            return True
        status, reply_headers, reply = self._forward(method, path, headers, body)
        if fault == "500_after":
            conn.sendall(_response(500, b'{"error":"injected"}'))
        elif fault == "timeout_after":
            time.sleep(self.stall_seconds)
            return False
        elif fault == "cut_after":
            whole = _response(status, reply, reply_headers)
            conn.sendall(whole[: len(whole) - max(1, len(reply) // 2)])
            return False
        elif fault == "garbage_after":
            conn.sendall(_response(200, b'{"results": [{"op_id": '))
        else:
            conn.sendall(_response(status, reply, reply_headers))
        return True

    def _forward(
        self, method: str, path: str, headers: list[tuple[str, str]], body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        upstream = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=60)
        try:
            upstream.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            for name, value in headers:
                upstream.putheader(name, value)
            upstream.endheaders(body)
            response = upstream.getresponse()
            payload = response.read()
            kept = [
                (k, v)
                for k, v in response.getheaders()
                if k.lower() not in ("content-length", "transfer-encoding", "connection")
            ]
            return response.status, kept, payload
        finally:
            upstream.close()


def _response(status: int, body: bytes, headers: list[tuple[str, str]] | None = None) -> bytes:
    lines = [f"HTTP/1.1 {status} {http.client.responses.get(status, 'Status')}"]
    for name, value in headers or [("Content-Type", "application/json")]:
        lines.append(f"{name}: {value}")
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
