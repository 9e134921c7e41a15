"""HTTP to the central server: gzip both ways, timeouts on every request, retries.

A request is retried, with exponential backoff and full jitter, when the link or the server
failed in a way that may pass: no connection, a timeout, a 5xx, a 429, a body cut short or
unreadable. Every call the engine makes is safe to repeat (a push batch is idempotent on the
server), so a retry after a lost answer does no harm. Other answers are final and become a
`SyncError` with a code the user can read.
"""

from __future__ import annotations

import gzip
import json
import random
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
import urllib3.exceptions

from btxh_desktop.sync import errors
from btxh_desktop.sync.errors import SyncCancelled, SyncError
from btxh_desktop.sync.protocol import (
    API_PREFIX,
    MAX_PROTOCOL_VERSION,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
)

USER_AGENT = "btxh-desktop-sync"


@dataclass(frozen=True)
class TransportOptions:
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    attempts: int = 6
    backoff_base: float = 0.5
    backoff_cap: float = 30.0
    gzip_level: int = 6
    max_response_bytes: int = 512 * 1024 * 1024
    # `requests`' verify: True (system authorities) or a CA bundle path; never False.
    verify: bool | str = True


class CancelToken:
    """Set from any thread (the GUI's Cancel button); the sync stops at the next request,
    batch or page boundary, or during a backoff wait."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise SyncCancelled()

    def sleep(self, seconds: float) -> None:
        if self._event.wait(seconds):
            raise SyncCancelled()


@dataclass
class WireStats:
    requests: int = 0
    retries: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0


class AuthExpired(SyncError):
    """401: the access token is no longer accepted (the caller refreshes it once)."""

    def __init__(self) -> None:
        super().__init__(errors.LOGIN_REQUIRED)


class _Retry(Exception):
    def __init__(self, error: SyncError, wait: float | None = None) -> None:
        super().__init__(error.code)
        self.error = error
        self.wait = wait


def _header_bytes(headers: Any) -> int:
    return sum(len(str(k)) + len(str(v)) + 4 for k, v in headers.items())


class Transport:
    def __init__(
        self,
        base_url: str,
        options: TransportOptions | None = None,
        cancel: CancelToken | None = None,
        rng: random.Random | None = None,
        on_retry: Callable[[SyncError, int], None] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.options = options or TransportOptions()
        self.cancel = cancel or CancelToken()
        self.rng = rng or random.Random()
        self.on_retry = on_retry
        self.stats = WireStats()
        self._session = requests.Session()
        self._session.verify = self.options.verify
        self._session.headers.update(
            {
                "User-Agent": USER_AGENT,
                "Accept": "application/json",
                "Accept-Encoding": "gzip",
                PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            }
        )
        self._lock = threading.Lock()

    def close(self) -> None:
        self._session.close()

    def url(self, path: str) -> str:
        return f"{self.base_url}{API_PREFIX}{path}"

    def call(
        self,
        method: str,
        path: str,
        payload: Any = None,
        token: str | None = None,
        params: dict[str, str] | None = None,
        attempts: int | None = None,
    ) -> Any:
        """Send one request (JSON body, gzip) and return the decoded JSON answer."""
        body = None
        headers: dict[str, str] = {}
        if payload is not None:
            raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
            body = gzip.compress(raw, compresslevel=self.options.gzip_level, mtime=0)
            headers["Content-Type"] = "application/json"
            headers["Content-Encoding"] = "gzip"
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        tries = attempts or self.options.attempts
        last: SyncError | None = None
        for attempt in range(tries):
            self.cancel.check()
            with self._lock:
                self.stats.requests += 1
            try:
                return self._once(method, path, body, headers, params)
            except _Retry as retry:
                last = retry.error
                if attempt == tries - 1:
                    break
                with self._lock:
                    self.stats.retries += 1
                if self.on_retry is not None:
                    self.on_retry(retry.error, attempt + 1)
                ceiling = min(self.options.backoff_cap, self.options.backoff_base * 2**attempt)
                wait = self.rng.uniform(0, ceiling)
                if retry.wait is not None:
                    wait = max(wait, min(retry.wait, self.options.backoff_cap))
                self.cancel.sleep(wait)
        assert last is not None
        raise last

    def _once(
        self,
        method: str,
        path: str,
        body: bytes | None,
        headers: dict[str, str],
        params: dict[str, str] | None,
    ) -> Any:
        o = self.options
        try:
            response = self._session.request(
                method,
                self.url(path),
                data=body,
                headers=headers,
                params=params,
                timeout=(o.connect_timeout, o.read_timeout),
                stream=True,
            )
        except requests.exceptions.Timeout:
            raise _Retry(SyncError(errors.TIMEOUT, url=self.base_url)) from None
        except requests.exceptions.RequestException:
            raise _Retry(SyncError(errors.UNREACHABLE, url=self.base_url)) from None
        sent = len(body or b"") + _header_bytes(headers) + len(method) + len(path) + 12
        try:
            raw = response.raw.read(o.max_response_bytes + 1, decode_content=False)
        except urllib3.exceptions.ReadTimeoutError:
            raise _Retry(SyncError(errors.TIMEOUT, url=self.base_url)) from None
        except (urllib3.exceptions.HTTPError, OSError):
            raise _Retry(SyncError(errors.BAD_RESPONSE, url=self.base_url)) from None
        finally:
            response.close()
        with self._lock:
            self.stats.bytes_sent += sent
            self.stats.bytes_received += len(raw) + _header_bytes(response.headers)
        if len(raw) > o.max_response_bytes:
            raise SyncError(errors.BAD_RESPONSE, url=self.base_url)
        status = response.status_code
        if status in (200, 201):
            return self._decode(response, raw)
        if status == 204:
            return None
        answer = self._error_body(response, raw)
        code = str(answer.get("error", ""))
        if status == 401:
            if code == "invalid_credentials":
                raise SyncError(errors.INVALID_CREDENTIALS)
            raise AuthExpired()
        if status == 403:
            raise SyncError(errors.OUT_OF_SCOPE)
        if status == 426:
            high = answer.get("max_version")
            if isinstance(high, int) and high < PROTOCOL_VERSION:
                raise SyncError(errors.SERVER_TOO_OLD, ours=PROTOCOL_VERSION, theirs=high)
            raise SyncError(
                errors.UPGRADE_REQUIRED,
                ours=PROTOCOL_VERSION,
                needed=int(answer.get("min_version") or MAX_PROTOCOL_VERSION),
            )
        if status == 429:
            wait = _retry_after(response)
            if code == "too_many_attempts":
                raise SyncError(errors.TOO_MANY_ATTEMPTS, seconds=int(wait or 60))
            raise _Retry(SyncError(errors.SERVER_ERROR, status=status), wait)
        if status >= 500:
            raise _Retry(SyncError(errors.SERVER_ERROR, status=status), _retry_after(response))
        raise SyncError(errors.REQUEST_REFUSED, status=status, code=code)

    def _decode(self, response: requests.Response, raw: bytes) -> Any:
        try:
            if response.headers.get("Content-Encoding", "").lower() == "gzip":
                inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                raw = inflater.decompress(raw, self.options.max_response_bytes)
                if not inflater.eof:
                    raise ValueError("truncated gzip body")
            return json.loads(raw)
        except (ValueError, zlib.error):
            raise _Retry(SyncError(errors.BAD_RESPONSE, url=self.base_url)) from None

    def _error_body(self, response: requests.Response, raw: bytes) -> dict[str, Any]:
        try:
            decoded = self._decode(response, raw)
        except _Retry:
            return {}
        return decoded if isinstance(decoded, dict) else {}


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None
