"""The HTTP API (FastAPI): authentication, push, pull, digests, repair, relayed offline
bundles, health, metrics.

Bodies may be gzip-compressed both ways (`Content-Encoding: gzip` on requests; responses
follow `Accept-Encoding`). Every sync and auth call carries the protocol version header;
one the server cannot serve is answered 426 with the supported range.
"""

import base64
import time
import uuid
import zlib
from collections.abc import Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine, select
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from btxh_desktop.domain.reference import ReferenceData
from btxh_desktop.sync.bundle import NOT_A_BUNDLE, BundleError
from btxh_desktop.sync.protocol import (
    MAX_PROTOCOL_VERSION,
    MIN_PROTOCOL_VERSION,
    OpStatus,
)
from btxh_server import __version__, logs
from btxh_server.accounts import Account, Accounts, AuthError, AuthSettings
from btxh_server.audit import AuditReceiver
from btxh_server.bundle import BundleDesk, RelayRequest, RelayResponse
from btxh_server.db import current_revision, head_revision, scope_heads, server_info, utcnow
from btxh_server.metrics import Metrics
from btxh_server.pull import PullService
from btxh_server.push import PushService, ScopeDenied
from btxh_server.schemas import (
    AuditUploadRequest,
    AuditUploadResponse,
    DigestResponse,
    ErrorBody,
    FetchRequest,
    FetchResponse,
    HealthBody,
    LoginRequest,
    ManifestRequest,
    ManifestResponse,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    RefreshRequest,
    ScopesResponse,
    TokenBody,
)
from btxh_server.scopes import ScopeRules

HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}
MAX_COMPRESSED_BODY = 16 * 1024 * 1024
MAX_BODY = 64 * 1024 * 1024

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass(frozen=True)
class ServerSettings:
    auth: AuthSettings = field(default_factory=AuthSettings)
    gzip_level: int = 5


class ApiError(Exception):
    def __init__(self, status: int, code: str, **extra: Any) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.extra = extra


class DatabaseNotReady(RuntimeError):
    pass


class GzipRequestMiddleware:
    """Inflates `Content-Encoding: gzip` request bodies, with size limits both ways."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        encoding = headers.get(b"content-encoding", b"").decode("latin-1").strip().lower()
        if encoding in ("", "identity"):
            await self.app(scope, receive, send)
            return
        if encoding != "gzip":
            await _send_error(send, 415, "unsupported_encoding")
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_COMPRESSED_BODY:
                await _send_error(send, 413, "body_too_large")
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        try:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            body = inflater.decompress(b"".join(chunks), MAX_BODY + 1)
            if len(body) > MAX_BODY or inflater.unconsumed_tail:
                await _send_error(send, 413, "body_too_large")
                return
            if not inflater.eof:
                raise zlib.error("truncated")
        except zlib.error:
            await _send_error(send, 400, "bad_encoding")
            return
        new_headers = [
            (k, v)
            for k, v in scope.get("headers", [])
            if k not in (b"content-encoding", b"content-length")
        ]
        new_headers.append((b"content-length", str(len(body)).encode()))
        # Changed in place: the router records the matched route on this same mapping, and
        # the access log reads it from there.
        scope["headers"] = new_headers
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


async def _send_error(send: Send, status: int, code: str) -> None:
    body = f'{{"error":"{code}"}}'.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class AccessLogMiddleware:
    """One JSON line per request (route, status, duration, sizes, account id) and the
    request counters behind /metrics."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500
        sent_bytes = 0
        received_bytes = 0
        scope.setdefault("state", {})

        async def counting_receive() -> Message:
            nonlocal received_bytes
            message = await receive()
            received_bytes += len(message.get("body", b""))
            return message

        async def counting_send(message: Message) -> None:
            nonlocal status, sent_bytes
            if message["type"] == "http.response.start":
                status = int(message["status"])
            elif message["type"] == "http.response.body":
                sent_bytes += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, counting_receive, counting_send)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", None) or "unmatched"
            elapsed = time.perf_counter() - start
            self.metrics.inc("btxh_http_requests_total", path=path, status=str(status))
            self.metrics.inc("btxh_http_request_seconds_total", elapsed, path=path)
            self.metrics.inc("btxh_http_received_bytes_total", received_bytes, path=path)
            self.metrics.inc("btxh_http_sent_bytes_total", sent_bytes, path=path)
            logs.event(
                "http.request",
                method=scope.get("method", ""),
                path=path,
                status=status,
                ms=round(elapsed * 1000, 1),
                bytes_in=received_bytes,
                bytes_out=sent_bytes,
                account=scope["state"].get("account_id"),
                request_id=scope["state"].get("request_id"),
            )


def create_app(engine: Engine, settings: ServerSettings | None = None) -> FastAPI:
    settings = settings or ServerSettings()
    revision = current_revision(engine)
    if revision != head_revision():
        raise DatabaseNotReady(
            f"schema {revision}, expected {head_revision()}: run `btxh-server migrate`"
        )
    with engine.connect() as conn:
        server_id = str(
            conn.scalar(select(server_info.c.value).where(server_info.c.key == "server_id"))
        )
    rules = ScopeRules(engine, ReferenceData.load())
    accounts = Accounts(engine, rules, settings.auth)
    pusher = PushService(engine, rules)
    puller = PullService(engine, rules, server_id)
    auditor = AuditReceiver(engine, rules)
    desk = BundleDesk(engine, rules)
    metrics = Metrics()
    metrics.describe("btxh_http_requests_total", "HTTP requests by route and status")
    metrics.describe("btxh_ops_total", "pushed operations by result")
    metrics.describe("btxh_pulled_bytes_total", "uncompressed bytes of pull pages")
    metrics.describe("btxh_audit_entries_total", "uploaded audit entries by result")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        logs.event("server.start", version=__version__, server_id=server_id)
        yield
        logs.event("server.stop")
        engine.dispose()

    app = FastAPI(
        title="BTXH central sync API",
        version=__version__,
        description=(
            "Reference central server for BTXH Desktop: per-operation push results, pull by "
            "cursor per scope, divergence digests. See docs/sync-protocol.md."
        ),
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.metrics = metrics
    app.state.accounts = accounts
    app.add_middleware(GzipRequestMiddleware)
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=settings.gzip_level)
    app.add_middleware(AccessLogMiddleware, metrics=metrics)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        headers = {}
        if exc.status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        if exc.extra.get("retry_after"):
            headers["Retry-After"] = str(exc.extra["retry_after"])
        return JSONResponse({"error": exc.code, **exc.extra}, exc.status, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # Framework errors (an unreadable body, an unknown path) in the API's own shape.
        code = HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
        return JSONResponse(
            {"error": code, "detail": str(exc.detail)}, exc.status_code, headers=exc.headers
        )

    bearer = HTTPBearer(auto_error=False)
    errors: dict[int | str, dict[str, Any]] = {
        400: {"model": ErrorBody},
        401: {"model": ErrorBody},
        403: {"model": ErrorBody},
        426: {"model": ErrorBody, "description": "protocol version not served: upgrade"},
    }

    def protocol(
        x_btxh_protocol: Annotated[
            int, Header(description="the client's sync protocol version", ge=0, le=1_000_000)
        ],
    ) -> int:
        if not MIN_PROTOCOL_VERSION <= x_btxh_protocol <= MAX_PROTOCOL_VERSION:
            raise ApiError(
                426,
                "upgrade_required",
                min_version=MIN_PROTOCOL_VERSION,
                max_version=MAX_PROTOCOL_VERSION,
            )
        return x_btxh_protocol

    def account(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
        _version: Annotated[int, Depends(protocol)],
    ) -> Account:
        if credentials is None or len(credentials.credentials) > 200:
            raise ApiError(401, "unauthorized")
        found = accounts.authenticate(credentials.credentials)
        if found is None:
            raise ApiError(401, "unauthorized")
        request.scope["state"]["account_id"] = found.id
        request.scope["state"]["request_id"] = uuid.uuid4().hex[:12]
        return found

    Authed = Annotated[Account, Depends(account)]
    Versioned = Annotated[int, Depends(protocol)]

    def client_ip(request: Request) -> str:
        return request.client.host if request.client else "unknown"

    def tokens_body(pair: Any) -> TokenBody:
        return TokenBody(
            access_token=pair.access_token,
            refresh_token=pair.refresh_token,
            expires_in=pair.expires_in,
            refresh_expires_in=pair.refresh_expires_in,
            scopes=list(pair.scopes),
            server_id=server_id,
        )

    def auth_failure(exc: AuthError) -> ApiError:
        if exc.code == "too_many_attempts":
            return ApiError(429, exc.code, retry_after=exc.retry_after)
        return ApiError(401, exc.code)

    # ------------------------------------------------------------------ public

    @app.get("/api/v1/health", response_model=HealthBody, tags=["service"])
    def health() -> HealthBody:
        with engine.connect() as conn:
            conn.scalar(select(scope_heads.c.position).limit(1))
        return HealthBody(
            status="ok",
            server_id=server_id,
            version=__version__,
            min_protocol=MIN_PROTOCOL_VERSION,
            max_protocol=MAX_PROTOCOL_VERSION,
        )

    @app.get("/metrics", response_class=PlainTextResponse, tags=["service"])
    def metrics_endpoint() -> str:
        return metrics.render()

    # ------------------------------------------------------------------ auth

    @app.post(
        "/api/v1/auth/login",
        response_model=TokenBody,
        responses={**errors, 429: {"model": ErrorBody}},
        tags=["auth"],
    )
    def login(body: LoginRequest, request: Request, _v: Versioned) -> TokenBody:
        try:
            pair = accounts.login(body.username, body.password, client_ip(request), body.device_id)
        except AuthError as exc:
            raise auth_failure(exc) from None
        return tokens_body(pair)

    @app.post("/api/v1/auth/refresh", response_model=TokenBody, responses=errors, tags=["auth"])
    def refresh(body: RefreshRequest, _v: Versioned) -> TokenBody:
        try:
            pair = accounts.refresh(body.refresh_token)
        except AuthError as exc:
            raise auth_failure(exc) from None
        return tokens_body(pair)

    @app.post("/api/v1/auth/logout", status_code=204, responses=errors, tags=["auth"])
    def logout(body: RefreshRequest, _v: Versioned) -> Response:
        accounts.logout(body.refresh_token)
        return Response(status_code=204)

    # ------------------------------------------------------------------ sync

    @app.post(
        "/api/v1/sync/push",
        response_model=PushResponse,
        response_model_exclude_defaults=True,
        responses=errors,
        tags=["sync"],
    )
    def push(body: PushRequest, who: Authed) -> PushResponse:
        try:
            results = pusher.push(who, body.device_id, body.scope, body.ops)
        except ScopeDenied:
            raise ApiError(403, "out_of_scope") from None
        for result in results:
            metrics.inc("btxh_ops_total", status=result.status.value)
        logs.event(
            "sync.push",
            account=who.id,
            scope=body.scope,
            ops=len(results),
            applied=sum(r.status != OpStatus.REJECTED for r in results),
            rejected=sum(r.status == OpStatus.REJECTED for r in results),
        )
        return PushResponse.model_validate(
            {"results": [r.body() for r in results], "server_time": utcnow().isoformat()}
        )

    @app.post(
        "/api/v1/sync/pull",
        response_model=PullResponse,
        responses=errors,
        tags=["sync"],
    )
    def pull(body: PullRequest, who: Authed) -> Response:
        try:
            payload = puller.pull(who, body.cursors, body.limit)
        except ScopeDenied:
            raise ApiError(403, "out_of_scope") from None
        metrics.inc("btxh_pulled_bytes_total", len(payload))
        return Response(payload, media_type="application/json")

    @app.get("/api/v1/sync/digest", response_model=DigestResponse, responses=errors, tags=["sync"])
    def digest(who: Authed, scope: Annotated[str, Query(max_length=40)]) -> DigestResponse:
        try:
            return DigestResponse.model_validate(puller.digest(who, scope))
        except ScopeDenied:
            raise ApiError(403, "out_of_scope") from None

    @app.post(
        "/api/v1/sync/manifest", response_model=ManifestResponse, responses=errors, tags=["sync"]
    )
    def manifest(body: ManifestRequest, who: Authed) -> ManifestResponse:
        try:
            found = puller.manifest(who, body.scope, body.entity, body.after, body.limit)
        except ScopeDenied:
            raise ApiError(403, "out_of_scope") from None
        return ManifestResponse.model_validate(found)

    @app.post("/api/v1/sync/fetch", response_model=FetchResponse, responses=errors, tags=["sync"])
    def fetch(body: FetchRequest, who: Authed) -> Response:
        cache: dict[str, bool] = {}

        def covers(scope: str) -> bool:
            if scope not in cache:
                cache[scope] = rules.covers(who.scopes, scope)
            return cache[scope]

        payload = puller.fetch(who, [(r.entity, r.id) for r in body.refs], covers)
        return Response(payload, media_type="application/json")

    @app.post(
        "/api/v1/audit",
        response_model=AuditUploadResponse,
        responses=errors,
        tags=["audit"],
        summary="Upload audit entries (after the push, oldest first)",
    )
    def audit_upload(body: AuditUploadRequest, who: Authed) -> AuditUploadResponse:
        try:
            done = auditor.upload(who, body.device_id, body.scope, body.entries)
        except ScopeDenied:
            raise ApiError(403, "out_of_scope") from None
        metrics.inc("btxh_audit_entries_total", done.stored, result="stored")
        metrics.inc("btxh_audit_entries_total", done.duplicates, result="duplicate")
        metrics.inc("btxh_audit_entries_total", len(done.flagged), result="flagged")
        logs.event(
            "audit.upload",
            account=who.id,
            scope=body.scope,
            entries=len(body.entries),
            stored=done.stored,
            duplicates=done.duplicates,
            flagged=len(done.flagged),
        )
        return AuditUploadResponse.model_validate(
            {
                "stored": done.stored,
                "duplicates": done.duplicates,
                "through_seq": done.through_seq,
                "flagged": [{"id": f.id, "seq": f.seq, "problem": f.problem} for f in done.flagged],
            }
        )

    @app.post(
        "/api/v1/bundles",
        response_model=RelayResponse,
        responses=errors,
        tags=["bundles"],
        summary="Relay another PC's offline bundle; get its answer bundle",
        description=(
            "Any signed-in account may relay: the bundle is opened with the key of the "
            "account that made it and applied with that account's scopes, exactly as "
            "`btxh-server bundle import` does. A bundle the server cannot use is answered 400 "
            "with its code (`bundle.damaged`, `bundle.out_of_scope`, …). Relaying the same "
            "bundle again changes nothing and returns a fresh answer."
        ),
    )
    def relay_bundle(body: RelayRequest, who: Authed) -> RelayResponse:
        try:
            data = base64.b64decode(body.bundle, validate=True)
        except ValueError:
            raise ApiError(400, NOT_A_BUNDLE) from None
        try:
            sealed, done = desk.import_bundle(data, relayed_by=who)
        except BundleError as exc:
            # The code only: its parameters name the bundle's account, which the relaying
            # PC reads from the file's header itself.
            logs.warning("bundle.relay_refused", account=who.id, code=exc.code)
            raise ApiError(400, exc.code) from None
        for status, count in done.results.items():
            metrics.inc("btxh_ops_total", count, status=status)
        return RelayResponse(
            answer=base64.b64encode(sealed).decode(),
            request_id=done.request_id,
            answer_id=done.answer_id,
        )

    @app.get("/api/v1/sync/scopes", response_model=ScopesResponse, responses=errors, tags=["sync"])
    def scopes(who: Authed) -> ScopesResponse:
        with engine.connect() as conn:
            known = list(conn.scalars(select(scope_heads.c.scope)))
        reachable = {s for s in who.scopes if not s.startswith("province:")}
        reachable |= {s for s in known if rules.covers(who.scopes, s)}
        return ScopesResponse(scopes=sorted(reachable))

    return app
