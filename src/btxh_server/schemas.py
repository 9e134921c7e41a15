"""Request and response bodies, as they appear in the OpenAPI schema.

Push accepts each operation loosely typed and validates it on its own: one malformed
operation is answered "rejected" and never makes the whole batch fail (a queue must not
stall behind one bad entry).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from btxh_desktop.sync.protocol import MAX_AUDIT_ENTRIES, MAX_PULL_LIMIT, MAX_PUSH_OPS


def has_bad_characters(text: str) -> bool:
    """NUL, or half of a surrogate pair: text no database stores and no client meant."""
    return "\x00" in text or any("\ud800" <= ch <= "\udfff" for ch in text)


def _clean(text: str) -> str:
    if has_bad_characters(text):
        raise ValueError("text contains NUL or an unpaired surrogate")
    return text


Text = Annotated[str, AfterValidator(_clean)]


class ErrorBody(BaseModel):
    error: str = Field(description="a stable code, e.g. `unauthorized`, `upgrade_required`")
    min_version: int | None = None
    max_version: int | None = None
    retry_after: int | None = None
    detail: str | None = None


class HealthBody(BaseModel):
    status: str
    server_id: str
    version: str
    min_protocol: int
    max_protocol: int


class LoginRequest(BaseModel):
    username: Text = Field(min_length=1, max_length=64)
    password: Text = Field(min_length=1, max_length=1024)
    device_id: Text | None = Field(default=None, max_length=64)


class RefreshRequest(BaseModel):
    refresh_token: Text = Field(min_length=1, max_length=200)


class TokenBody(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int
    refresh_expires_in: int
    scopes: list[str]
    server_id: str


class PushOp(BaseModel):
    model_config = ConfigDict(extra="ignore")

    op_id: Text = Field(max_length=36, description="UUID chosen by the client: the idempotency key")
    seq: int = Field(ge=0, le=2**62, description="per-device sequence number")
    entity: Text = Field(max_length=40)
    record_id: Text = Field(max_length=36)
    op: Text = Field(max_length=16, description="upsert | delete | move | resolve")
    fields: dict[str, Any] = Field(
        default_factory=dict,
        description="changed fields only; values are JSON scalars (dates ISO, decimals text)",
    )
    base_version: int = Field(ge=0, le=2**31, description="server version the edit was made on")
    username: Text = Field(default="", max_length=64)
    created_at: Text | None = Field(default=None, max_length=40)


class PushRequest(BaseModel):
    device_id: Text = Field(min_length=1, max_length=64)
    scope: Text = Field(max_length=40, description="the site's scope, e.g. commune:26740")
    ops: list[PushOp] = Field(max_length=MAX_PUSH_OPS)


class OpResultBody(BaseModel):
    op_id: str
    status: str = Field(description="applied | merged | conflict | rejected | deleted")
    version: int | None = None
    reason: str | None = None
    detail: dict[str, Any] | None = None
    replayed: bool = False


class PushResponse(BaseModel):
    results: list[OpResultBody]
    server_time: str


class PullRequest(BaseModel):
    cursors: dict[Text, Annotated[int, Field(ge=0, le=2**62)]] = Field(
        description="scope → last position applied (0 to start)", max_length=500
    )
    limit: int = Field(default=1000, ge=1, le=MAX_PULL_LIMIT)


class Change(BaseModel):
    kind: str = Field(description="upsert | exit | conflict | resolved")
    scope: str
    position: int
    entity: str
    id: str
    version: int | None = None
    created_at: str | None = None
    updated_at: str | None = None
    updated_by: str | None = None
    deleted_at: str | None = None
    fields: dict[str, Any] | None = None
    early: bool | None = Field(
        default=None, description="a parent sent ahead of its position so children can refer to it"
    )
    conflict: dict[str, Any] | None = None


class EntityDigest(BaseModel):
    count: int
    digest: str


class PullResponse(BaseModel):
    server_id: str
    changes: list[Change]
    cursors: dict[str, int]
    has_more: bool
    resets: list[str]
    digests: dict[str, dict[str, EntityDigest]] | None = None


class DigestResponse(BaseModel):
    scope: str
    position: int
    entities: dict[str, EntityDigest]


class ManifestRequest(BaseModel):
    scope: Text = Field(max_length=40)
    entity: Text = Field(max_length=40)
    after: Text | None = Field(default=None, max_length=36)
    limit: int = Field(default=5000, ge=1, le=20000)


class ManifestResponse(BaseModel):
    items: list[tuple[str, int]]
    next: str | None


class RecordRef(BaseModel):
    entity: Text = Field(max_length=40)
    id: Text = Field(max_length=36)


class FetchRequest(BaseModel):
    refs: list[RecordRef] = Field(max_length=MAX_PUSH_OPS)


class FetchResponse(BaseModel):
    records: list[Change]
    missing: list[RecordRef]


class ScopesResponse(BaseModel):
    scopes: list[str]


def _clean_json(value: Any) -> Any:
    """Nested JSON whose every key and text is storable (see `has_bad_characters`)."""
    if isinstance(value, str):
        _clean(value)
    elif isinstance(value, list):
        for item in value:
            _clean_json(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _clean(str(key))
            _clean_json(item)
    return value


CleanJson = Annotated[dict[str, Any], AfterValidator(_clean_json)]


class AuditEntryIn(BaseModel):
    """One entry of a PC's audit log, exactly as it was hashed there (`AuditRecord.to_wire`)."""

    model_config = ConfigDict(extra="ignore")

    seq: int = Field(ge=1, le=2**62, description="the entry's place in its PC's chain (1, 2, 3…)")
    id: Text = Field(min_length=1, max_length=36, description="UUID: the idempotency key")
    at: Text = Field(max_length=40, description="UTC time, ISO 8601, as hashed on the PC")
    username: Text = Field(max_length=64)
    action: Text = Field(max_length=40)
    entity: Text = Field(max_length=40)
    record_id: Text | None = Field(default=None, max_length=64)
    fields: list[Annotated[Text, Field(max_length=64)]] = Field(
        default_factory=list, max_length=500, description="field names, never values"
    )
    detail: CleanJson = Field(default_factory=dict)
    device_id: Text | None = Field(default=None, max_length=64)
    prev_hash: Text = Field(max_length=128, description="the hash of the entry before it")
    hash: Text = Field(
        max_length=128, description="SHA-256 of prev_hash and the entry's canonical JSON"
    )


class AuditUploadRequest(BaseModel):
    device_id: Text = Field(min_length=1, max_length=64, description="the PC whose log this is")
    scope: Text = Field(max_length=40, description="the PC's site scope, e.g. commune:26740")
    entries: list[AuditEntryIn] = Field(max_length=MAX_AUDIT_ENTRIES)


class AuditFlag(BaseModel):
    id: str
    seq: int
    problem: str = Field(
        description="fork | hash | link | gap (the chain check), or id_reused (the id is "
        "held with other content: the first copy stays, this one is kept apart)"
    )


class AuditUploadResponse(BaseModel):
    stored: int = Field(description="entries new to the server")
    duplicates: int = Field(description="entries it already held (a retried upload)")
    through_seq: int = Field(description="the highest seq of the upload: all are held now")
    flagged: list[AuditFlag] = Field(description="entries stored with a broken chain")
