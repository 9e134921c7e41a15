"""The offline sync bundle: one file that carries a sync on a USB stick, sealed both ways.

A commune with no link exports its pending operations, audit entries and pull cursors as a
*request* bundle; the province office applies it (`btxh-server bundle import`) and writes an
*answer* bundle (per-operation results and the pull pages); the commune imports the answer.
docs/sync-protocol.md ("Gói đồng bộ ngoại tuyến / offline bundle") explains the choices and
the threat model.

A file is the prefix, then the ciphertext:

    MAGIC (8 bytes) | FORMAT (1 byte) | header length (4 bytes, big-endian) | header (JSON)
    AES-256-GCM(gzip(payload JSON)), with the whole prefix as associated data

The header is readable without a key (it names the account whose key opens the file and the
device and site it belongs to) but cannot be changed: it is authenticated with the payload.
Each file has its own random salt; the key is HKDF-SHA256(account secret, salt, kind), so no
two files share a key, and a request can never be passed off as an answer (or back).

The account secret is shared by the province server (which derives it from its own master
secret, `btxh_server.bundle`) and the commune's PC (typed in once from the code the province
gives, kept in the OS keyring). Opening a file with it proves who sealed it: the server or
a PC holding that account's code.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
import os
import secrets
import uuid
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from btxh_desktop.sync.errors import SyncError
from btxh_desktop.sync.protocol import PROTOCOL_VERSION

MAGIC = b"BTXHBNDL"
FORMAT = 1
KIND_REQUEST = "request"
KIND_ANSWER = "answer"
SECRET_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
KEY_CHECK_BYTES = 2
MAX_HEADER = 64 * 1024
MAX_PAYLOAD = 1024 * 1024 * 1024

# Message codes (resources/messages/bundle.json).
DAMAGED = "bundle.damaged"
NOT_A_BUNDLE = "bundle.not_a_bundle"
TOO_NEW = "bundle.too_new"
WRONG_KIND = "bundle.wrong_kind"
WRONG_SITE = "bundle.wrong_site"
KEY_INVALID = "bundle.key_invalid"
NO_KEY = "bundle.no_key"
UNKNOWN_ACCOUNT = "bundle.unknown_account"
OUT_OF_SCOPE = "bundle.out_of_scope"
INVALID_CONTENT = "bundle.invalid_content"
UNREADABLE = "bundle.unreadable"


class BundleError(SyncError):
    """A bundle that cannot be used; nothing of it was applied."""


@dataclass(frozen=True)
class BundleHeader:
    kind: str
    id: str
    created_at: str
    username: str
    device_id: str
    scope: str
    protocol: int
    salt: bytes
    nonce: bytes
    in_reply_to: str | None = None
    server_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "created_at": self.created_at,
            "username": self.username,
            "device_id": self.device_id,
            "scope": self.scope,
            "protocol": self.protocol,
            "salt": base64.b64encode(self.salt).decode(),
            "nonce": base64.b64encode(self.nonce).decode(),
            "in_reply_to": self.in_reply_to,
            "server_id": self.server_id,
        }

    @classmethod
    def from_json(cls, data: Any) -> BundleHeader:
        try:
            header = cls(
                str(data["kind"]),
                str(data["id"]),
                str(data["created_at"]),
                str(data["username"]),
                str(data["device_id"]),
                str(data["scope"]),
                int(data["protocol"]),
                base64.b64decode(data["salt"], validate=True),
                base64.b64decode(data["nonce"], validate=True),
                None if data.get("in_reply_to") is None else str(data["in_reply_to"]),
                None if data.get("server_id") is None else str(data["server_id"]),
            )
        except (KeyError, TypeError, ValueError):
            raise BundleError(DAMAGED) from None
        if len(header.salt) != SALT_BYTES or len(header.nonce) != NONCE_BYTES:
            raise BundleError(DAMAGED)
        return header


def new_header(
    kind: str,
    username: str,
    device_id: str,
    scope: str,
    in_reply_to: str | None = None,
    server_id: str | None = None,
) -> BundleHeader:
    return BundleHeader(
        kind,
        str(uuid.uuid4()),
        dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(),
        username,
        device_id,
        scope,
        PROTOCOL_VERSION,
        secrets.token_bytes(SALT_BYTES),
        secrets.token_bytes(NONCE_BYTES),
        in_reply_to,
        server_id,
    )


def _file_key(secret: bytes, header: BundleHeader) -> AESGCM:
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=header.salt,
        info=b"btxh-bundle/v1/" + header.kind.encode(),
    )
    return AESGCM(hkdf.derive(secret))


def _prefix(header: BundleHeader) -> bytes:
    text = json.dumps(header.to_json(), ensure_ascii=False, sort_keys=True).encode()
    return MAGIC + bytes([FORMAT]) + len(text).to_bytes(4, "big") + text


def seal(header: BundleHeader, payload: dict[str, Any], secret: bytes) -> bytes:
    prefix = _prefix(header)
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    body = gzip.compress(raw, compresslevel=6, mtime=0)
    return prefix + _file_key(secret, header).encrypt(header.nonce, body, prefix)


def _split(data: bytes) -> tuple[BundleHeader, bytes, bytes]:
    if not data.startswith(MAGIC):
        raise BundleError(NOT_A_BUNDLE)
    fixed = len(MAGIC) + 5
    if len(data) < fixed:
        raise BundleError(DAMAGED)
    if data[len(MAGIC)] != FORMAT:
        raise BundleError(TOO_NEW, format=data[len(MAGIC)])
    size = int.from_bytes(data[len(MAGIC) + 1 : fixed], "big")
    if size > MAX_HEADER or len(data) < fixed + size:
        raise BundleError(DAMAGED)
    try:
        header = BundleHeader.from_json(json.loads(data[fixed : fixed + size]))
    except ValueError:
        raise BundleError(DAMAGED) from None
    return header, data[: fixed + size], data[fixed + size :]


def read_header(data: bytes) -> BundleHeader:
    """The header as written, not yet authenticated: enough to choose the key and to refuse
    a file meant for someone else, never to act on."""
    return _split(data)[0]


def unseal(data: bytes, secret: bytes, kind: str) -> tuple[BundleHeader, dict[str, Any]]:
    """The header and payload, only if every byte of the file is as it was sealed with this
    secret: a changed, cut or extended file, or another account's, raises `BundleError`."""
    header, prefix, sealed = _split(data)
    if header.kind != kind:
        raise BundleError(WRONG_KIND, kind=header.kind)
    try:
        body = _file_key(secret, header).decrypt(header.nonce, sealed, prefix)
    except (InvalidTag, ValueError):
        raise BundleError(DAMAGED) from None
    try:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        raw = inflater.decompress(body, MAX_PAYLOAD + 1)
        if len(raw) > MAX_PAYLOAD or not inflater.eof:
            raise ValueError("payload too large or cut short")
        payload = json.loads(raw)
    except (ValueError, zlib.error):
        raise BundleError(DAMAGED) from None
    if not isinstance(payload, dict):
        raise BundleError(DAMAGED)
    return header, payload


def read_file(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_PAYLOAD + MAX_HEADER + 64)
    except OSError as exc:
        raise BundleError(UNREADABLE, path=str(path), reason=exc.strerror or str(exc)) from None
    return data


def write_file(path: Path, data: bytes) -> None:
    """All of it or nothing: a stick pulled out mid-write leaves no half bundle under the
    final name."""
    partial = path.with_name(path.name + ".part")
    try:
        with open(partial, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BundleError(UNREADABLE, path=str(path), reason=exc.strerror or str(exc)) from None


# ---------------------------------------------------------------- the account's code


def _check(secret: bytes) -> bytes:
    return hashlib.sha256(b"btxh-bundle-key" + secret).digest()[:KEY_CHECK_BYTES]


def format_key(secret: bytes) -> str:
    """The secret as a code a person can copy from paper: base32 in groups of five, with a
    check so a mistyped letter is caught at once rather than at the first import."""
    text = base64.b32encode(secret + _check(secret)).decode().rstrip("=")
    return "-".join(text[i : i + 5] for i in range(0, len(text), 5))


def parse_key(code: str) -> bytes:
    text = "".join(ch for ch in code.upper() if ch.isalnum())
    try:
        raw = base64.b32decode(text + "=" * (-len(text) % 8))
    except ValueError:
        raise BundleError(KEY_INVALID) from None
    secret, check = raw[:SECRET_BYTES], raw[SECRET_BYTES:]
    if len(secret) != SECRET_BYTES or check != _check(secret):
        raise BundleError(KEY_INVALID)
    return secret


def key_name(username: str) -> str:
    """Where the PC keeps an account's bundle code in its credential store."""
    return f"bundle|{username}"
