"""Attachment files (ID-card photos, scanned papers): stored by content, encrypted at rest.

Each file lives at `attachments/<first two hex digits>/<sha256 of its content>`, so the same
scan attached twice is stored once and a file's name says what it must contain. When the
database is encrypted the files are too: AES-256-GCM under a key derived (HKDF-SHA256) from
the 32-byte database key, a random 96-bit nonce per file, and the content address as
associated data, so a file cannot be passed off as another. The address stays the sha256 of
the *plain* content (what the attachment rows record), which is checked again on every read.

    MAGIC (8 bytes) | nonce (12 bytes) | ciphertext + GCM tag (16 bytes)

A plain database keeps plain files (it has no key). When a plain database is encrypted, its
plain files are encrypted in place (`encrypt_plain_files`), crash-safely and idempotently:
the next login finishes a run a power cut interrupted.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import shutil
import uuid
from pathlib import Path

from btxh_desktop.storage.engine import fsync_directory

log = logging.getLogger(__name__)

MAGIC = b"BTXHAT1\n"
NONCE_BYTES = 12
TAG_BYTES = 16
HEADER_BYTES = len(MAGIC) + NONCE_BYTES
_INFO = b"btxh attachments v1"
# An encrypted copy waiting to replace a plain file (see `encrypt_plain_files`).
PENDING_SUFFIX = ".enc-part"
# Decrypted copies handed to another program to open (a PDF viewer): removed at start and exit.
OPENED_FOLDER = "opened"


class AttachmentUnreadable(Exception):
    """The file is missing, damaged, or encrypted with another key."""


# cryptography is imported where used: the app imports this module before its first window
# paints, and loading cryptography would delay that.


def attachment_key(db_key: bytes) -> bytes:
    """The files' key: derived from, and never equal to, the database key."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    if len(db_key) != 32:
        raise ValueError("the database key has 32 bytes")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(db_key)


def path_for(folder: Path, sha256: str) -> Path:
    return folder / sha256[:2] / sha256


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_encrypted_blob(head: bytes) -> bool:
    return head.startswith(MAGIC)


def encrypt(file_key: bytes, sha256: str, plain: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(NONCE_BYTES)
    return MAGIC + nonce + AESGCM(file_key).encrypt(nonce, plain, _aad(sha256))


def decrypt(file_key: bytes, sha256: str, blob: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not is_encrypted_blob(blob) or len(blob) < HEADER_BYTES + TAG_BYTES:
        raise AttachmentUnreadable("not an encrypted attachment")
    nonce = blob[len(MAGIC) : HEADER_BYTES]
    try:
        return AESGCM(file_key).decrypt(nonce, blob[HEADER_BYTES:], _aad(sha256))
    except InvalidTag:
        raise AttachmentUnreadable("wrong key or damaged file") from None


def _aad(sha256: str) -> bytes:
    return MAGIC + sha256.encode("ascii")


def _write_durably(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def store(folder: Path, plain: bytes, db_key: bytes | None) -> str:
    """Keep `plain` under its sha256 (encrypted when there is a key); returns the sha256.
    Written to a temporary name, fsynced and renamed: a power cut leaves no half file."""
    sha = sha256_of(plain)
    target = path_for(folder, sha)
    if target.exists():
        try:
            read(folder, sha, db_key)
            return sha  # already stored, and sound
        except AttachmentUnreadable:
            log.warning("attachment %s was unreadable; storing it again", sha[:12])
    data = plain if db_key is None else encrypt(attachment_key(db_key), sha, plain)
    partial = target.with_name(f"{target.name}.{uuid.uuid4().hex}.part")
    _write_durably(partial, data)
    os.replace(partial, target)
    fsync_directory(target.parent)
    return sha


def read(folder: Path, sha256: str, db_key: bytes | None) -> bytes:
    """The plain content of an attachment, checked against its address."""
    try:
        blob = path_for(folder, sha256).read_bytes()
    except OSError:
        raise AttachmentUnreadable("missing") from None
    if is_encrypted_blob(blob):
        if db_key is None:
            raise AttachmentUnreadable("encrypted, and the database has no key")
        plain = decrypt(attachment_key(db_key), sha256, blob)
    else:
        plain = blob
    if sha256_of(plain) != sha256:
        raise AttachmentUnreadable("content does not match its address")
    return plain


def _overwrite_and_remove(path: Path) -> None:
    """Zeros over a plain file before removing it (what an SSD keeps is beyond reach:
    docs/security.md)."""
    if not path.exists():
        return
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.write(b"\0" * size)
        fh.flush()
        os.fsync(fh.fileno())
    path.unlink()


def encrypt_plain_files(folder: Path, db_key: bytes) -> int:
    """Encrypt every plain attachment in `folder`; returns how many were converted.

    Per file: the encrypted copy is written beside it (`<sha>.enc-part`) and fsynced, the
    plain file is overwritten with zeros and removed, then the copy takes its name. A cut
    at any point is finished here next time: a pending copy that decrypts to its address
    wins over whatever is left at the address. A plain file whose content does not match its
    name (damaged) is left as it is and logged, never encrypted as if it were right."""
    if not folder.is_dir():
        return 0
    file_key = attachment_key(db_key)
    converted = 0
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and len(p.name) == 2):
        for pending in sorted(sub.glob(f"*{PENDING_SUFFIX}")):
            sha = pending.name[: -len(PENDING_SUFFIX)]
            try:
                decrypt(file_key, sha, pending.read_bytes())
            except (AttachmentUnreadable, OSError):
                pending.unlink(missing_ok=True)  # the plain file is still there
                continue
            _overwrite_and_remove(path_for(folder, sha))
            os.replace(pending, path_for(folder, sha))
            fsync_directory(sub)
            converted += 1
        for leftover in sorted(sub.glob("*.part")):
            _overwrite_and_remove(leftover)  # a copy cut short while being stored
        for path in sorted(sub.iterdir()):
            if not path.is_file() or len(path.name) != 64 or path.suffix:
                continue
            with open(path, "rb") as fh:
                if is_encrypted_blob(fh.read(len(MAGIC))):
                    continue
            plain = path.read_bytes()
            if sha256_of(plain) != path.name:
                log.warning("attachment %s does not match its name; left as is", path.name[:12])
                continue
            pending = path.with_name(path.name + PENDING_SUFFIX)
            _write_durably(pending, encrypt(file_key, path.name, plain))
            _overwrite_and_remove(path)
            os.replace(pending, path)
            fsync_directory(sub)
            converted += 1
    return converted


def opened_folder(data_dir: Path) -> Path:
    return data_dir / OPENED_FOLDER


def write_opened_copy(data_dir: Path, filename: str, plain: bytes) -> Path:
    """A decrypted copy for another program to open (a PDF viewer cannot read ours). Each
    gets its own folder so two files of the same name never collide."""
    safe = Path(filename).name or "tep-dinh-kem"
    target = opened_folder(data_dir) / uuid.uuid4().hex / safe
    _write_durably(target, plain)
    return target


def clear_opened_copies(data_dir: Path) -> None:
    """Remove the decrypted copies (at start and at exit). A copy still open in another
    program on Windows cannot be removed: it goes at the next start."""
    folder = opened_folder(data_dir)
    if not folder.is_dir():
        return
    for child in folder.iterdir():
        shutil.rmtree(child, ignore_errors=True)
