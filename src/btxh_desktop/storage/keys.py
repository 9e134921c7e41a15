"""The database key, wrapped once per user, in a small file next to the database.

The database is encrypted with one random 32-byte key (SQLCipher raw key). That key never
touches the disk in the clear: for each user it is encrypted (AES-256-GCM) with a key derived
from the user's password by Argon2id, and once more with a key derived from the recovery key
printed for the administrator. Changing a password re-wraps the database key; the database
file itself is never re-encrypted.

The wraps cannot live inside the database they unlock, so they live in `<database>.keys`
(JSON). Each wrap's ciphertext is bound (GCM associated data) to the file, the slot and its
KDF parameters, so a slot cannot be moved to another user nor its parameters weakened; the
whole file carries an HMAC keyed from the database key, checked after every unlock, so a file
edited outside the app is noticed. Failed logins are counted in `<database>.attempts`, a
separate plain file, because the delay must be enforced before anything is unlocked; editing
it can only shorten a delay, never unlock anything.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import os
import secrets
import time
import unicodedata
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from btxh_desktop.storage.engine import fsync_directory

FORMAT = "btxh-keys/1"
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
RECOVERY_KEY_BYTES = 20  # 160 bits, printed as 32 base32 characters
RECOVERY_SLOT = "recovery"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. Stored with every wrap, so stronger defaults apply as passwords change."""

    memory_kib: int
    time_cost: int
    parallelism: int

    def valid(self) -> bool:
        # Bounds keep a tampered file from asking for 64 GiB or an hour of work.
        return (
            8 * self.parallelism <= self.memory_kib <= 4 * 1024 * 1024
            and 1 <= self.time_cost <= 64
            and 1 <= self.parallelism <= 16
        )


# About 0.5 s and 256 MiB on the reference PC (2 cores): slow enough that guessing passwords
# against a stolen key file costs an attacker real money, quick enough for a login.
STRONG = KdfParams(memory_kib=256 * 1024, time_cost=4, parallelism=2)
# Only for the test suite (its fixtures select it); never a default anywhere in the app.
FAST_FOR_TESTS = KdfParams(memory_kib=8, time_cost=1, parallelism=1)
# Read at call time so the test fixtures can swap it; the shipped value is STRONG.
DEFAULT_KDF = STRONG


def current_kdf() -> KdfParams:
    return DEFAULT_KDF


class KeyFileError(Exception):
    """The key file is missing, unreadable or not ours."""


def key_file_for(database: Path) -> Path:
    return database.with_name(database.name + ".keys")


def mirror_for(database: Path, backups: Path) -> Path:
    """The up-to-date second copy of the key file, kept in the backups folder (backups also
    carry the key file as it was when each was taken)."""
    return backups / key_file_for(database).name


def attempts_file_for(database: Path) -> Path:
    return database.with_name(database.name + ".attempts")


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


# ---------------------------------------------------------------- recovery key


def new_recovery_key() -> str:
    """Random, printed once: `ABCD-EFGH-…` (8 groups of 4 base32 characters)."""
    text = base64.b32encode(secrets.token_bytes(RECOVERY_KEY_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalise_recovery_key(typed: str) -> str | None:
    """What a person typed, without spaces or dashes, upper case; None if it cannot be one."""
    text = "".join(ch for ch in typed.upper() if ch not in " -\t\n")
    try:
        raw = base64.b32decode(text)
    except (binascii.Error, ValueError):
        return None
    return text if len(raw) == RECOVERY_KEY_BYTES else None


# ---------------------------------------------------------------- wrapping


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def secret_bytes(secret: str) -> bytes:
    # Vietnamese input methods produce NFC or NFD; the same password must give the same key.
    return unicodedata.normalize("NFC", secret).encode("utf-8")


# argon2 and cryptography are imported where used: the login dialog needs this module to
# read the key file, and loading them first would delay its first paint.


def derive(secret: str, salt: bytes, params: KdfParams) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        secret_bytes(secret),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


@dataclass(frozen=True)
class Slot:
    """The database key encrypted under one password (or the recovery key)."""

    params: KdfParams
    salt: bytes
    nonce: bytes
    ciphertext: bytes

    def kdf_json(self) -> dict[str, Any]:
        return {
            "name": "argon2id",
            "version": 19,
            "memory_kib": self.params.memory_kib,
            "time_cost": self.params.time_cost,
            "parallelism": self.params.parallelism,
            "salt": _b64(self.salt),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "kdf": self.kdf_json(),
            "nonce": _b64(self.nonce),
            "ciphertext": _b64(self.ciphertext),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Slot:
        kdf = data["kdf"]
        if kdf.get("name") != "argon2id" or kdf.get("version") != 19:
            raise KeyFileError("unknown key derivation")
        params = KdfParams(int(kdf["memory_kib"]), int(kdf["time_cost"]), int(kdf["parallelism"]))
        if not params.valid():
            raise KeyFileError("key derivation parameters out of range")
        return cls(params, _unb64(kdf["salt"]), _unb64(data["nonce"]), _unb64(data["ciphertext"]))


def _aad(file_id: str, slot_name: str, slot_kdf: Mapping[str, Any]) -> bytes:
    return _canonical({"file": file_id, "slot": slot_name, "kdf": dict(slot_kdf)})


def wrap(file_id: str, slot_name: str, secret: str, db_key: bytes, params: KdfParams) -> Slot:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    draft = Slot(params, salt, nonce, b"")
    kek = derive(secret, salt, params)
    ciphertext = AESGCM(kek).encrypt(nonce, db_key, _aad(file_id, slot_name, draft.kdf_json()))
    return replace(draft, ciphertext=ciphertext)


def unwrap(file_id: str, slot_name: str, slot: Slot, secret: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kek = derive(secret, slot.salt, slot.params)
    try:
        key = AESGCM(kek).decrypt(
            slot.nonce, slot.ciphertext, _aad(file_id, slot_name, slot.kdf_json())
        )
    except InvalidTag:
        return None
    return key if len(key) == KEY_BYTES else None


def burn_time(params: KdfParams) -> None:
    """Spend what a real unwrap costs, so an unknown user name answers as slowly as a known
    one and login timing does not reveal which accounts exist."""
    derive("", b"\0" * SALT_BYTES, params)


def _mac_key(db_key: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"btxh key file mac").derive(
        db_key
    )


def _user_slot_name(username: str) -> str:
    return f"user:{username}"


# ---------------------------------------------------------------- the key file


@dataclass(frozen=True)
class KeyFile:
    file_id: str
    users: Mapping[str, Slot]
    recovery: Slot | None
    mac: str = ""

    @classmethod
    def create(
        cls,
        db_key: bytes,
        username: str,
        password: str,
        recovery_key: str,
        params: KdfParams,
    ) -> KeyFile:
        file_id = str(uuid.uuid4())
        empty = cls(file_id, {}, None)
        return empty.with_user(username, password, db_key, params).with_recovery(
            recovery_key, db_key, params
        )

    # -- reading

    def unwrap_user(self, username: str, password: str) -> bytes | None:
        slot = self.users.get(username)
        if slot is None:
            return None
        return unwrap(self.file_id, _user_slot_name(username), slot, password)

    def unwrap_recovery(self, recovery_key: str) -> bytes | None:
        normalised = normalise_recovery_key(recovery_key)
        if self.recovery is None or normalised is None:
            return None
        return unwrap(self.file_id, RECOVERY_SLOT, self.recovery, normalised)

    def slowest_params(self) -> KdfParams:
        every = [*self.users.values(), *([self.recovery] if self.recovery else [])]
        if not every:
            return current_kdf()
        return max((s.params for s in every), key=lambda p: p.memory_kib * p.time_cost)

    def verify(self, db_key: bytes) -> bool:
        expected = hmac.new(_mac_key(db_key), _canonical(self._body()), hashlib.sha256)
        return hmac.compare_digest(expected.hexdigest(), self.mac)

    # -- changing (each returns a new file, signed by `save`)

    def with_user(self, username: str, password: str, db_key: bytes, params: KdfParams) -> KeyFile:
        slot = wrap(self.file_id, _user_slot_name(username), password, db_key, params)
        return replace(self, users={**self.users, username: slot})

    def without_user(self, username: str) -> KeyFile:
        return replace(self, users={k: v for k, v in self.users.items() if k != username})

    def with_recovery(self, recovery_key: str, db_key: bytes, params: KdfParams) -> KeyFile:
        normalised = normalise_recovery_key(recovery_key)
        if normalised is None:
            raise ValueError("not a recovery key")
        slot = wrap(self.file_id, RECOVERY_SLOT, normalised, db_key, params)
        return replace(self, recovery=slot)

    # -- storage

    def _body(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "file_id": self.file_id,
            "users": {name: slot.to_json() for name, slot in sorted(self.users.items())},
            "recovery": self.recovery.to_json() if self.recovery else None,
        }

    def signed(self, db_key: bytes) -> KeyFile:
        mac = hmac.new(_mac_key(db_key), _canonical(self._body()), hashlib.sha256).hexdigest()
        return replace(self, mac=mac)

    def save(self, path: Path, db_key: bytes, mirror: Path | None = None) -> KeyFile:
        """Sign and write atomically: a power cut leaves the old file or the new one. The
        mirror (in the backups folder) is the copy used if this one is lost or edited."""
        signed = self.signed(db_key)
        text = json.dumps({**signed._body(), "mac": signed.mac}, indent=1)
        write_atomically(path, text)
        if mirror is not None:
            mirror.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(mirror, text)
        return signed

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        try:
            data = json.loads(path.read_text("utf-8"))
            if data.get("format") != FORMAT:
                raise KeyFileError(f"not a key file: {path.name}")
            recovery = data.get("recovery")
            return cls(
                file_id=str(data["file_id"]),
                users={str(k): Slot.from_json(v) for k, v in data["users"].items()},
                recovery=Slot.from_json(recovery) if recovery else None,
                mac=str(data["mac"]),
            )
        except FileNotFoundError as exc:
            raise KeyFileError(f"missing: {path.name}") from exc
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise KeyFileError(f"unreadable: {path.name}") from exc


def write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".part")
    with open(partial, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(partial, path)
    fsync_directory(path.parent)


# ---------------------------------------------------------------- failed logins


@dataclass(frozen=True)
class LockoutPolicy:
    """After `free_attempts` wrong passwords in a row, each further one locks the account for
    `first_delay` seconds, doubling up to `max_delay`."""

    free_attempts: int = 5
    first_delay: float = 30.0
    max_delay: float = 15 * 60.0

    def delay_after(self, failures: int) -> float:
        if failures < self.free_attempts:
            return 0.0
        return min(self.max_delay, self.first_delay * 2.0 ** (failures - self.free_attempts))


# Names that never logged in successfully are remembered too (so probing for accounts is
# delayed like guessing passwords), but only this many, so the file cannot grow unbounded.
MAX_TRACKED_NAMES = 200


@dataclass
class AttemptLog:
    """Consecutive failed logins per name and the time each name is locked until."""

    path: Path
    policy: LockoutPolicy = field(default_factory=LockoutPolicy)
    clock: Callable[[], float] = time.time

    def _read(self) -> dict[str, dict[str, float]]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            return {
                str(name): {"failures": float(v["failures"]), "until": float(v["until"])}
                for name, v in data.items()
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            # A missing or mangled file means no recorded failures; it only ever held delays.
            return {}

    def _write(self, data: dict[str, dict[str, float]]) -> None:
        if len(data) > MAX_TRACKED_NAMES:
            newest = sorted(data.items(), key=lambda kv: kv[1]["until"], reverse=True)
            data = dict(newest[:MAX_TRACKED_NAMES])
        write_atomically(self.path, json.dumps(data))

    def retry_after(self, name: str) -> int:
        """Whole seconds before `name` may try again (0 = now)."""
        entry = self._read().get(name)
        if entry is None:
            return 0
        return max(0, math.ceil(entry["until"] - self.clock()))

    def failures(self, name: str) -> int:
        entry = self._read().get(name)
        return int(entry["failures"]) if entry else 0

    def attempts_left(self, name: str) -> int:
        return max(0, self.policy.free_attempts - self.failures(name))

    def record_failure(self, name: str) -> int:
        """Count one more failure; returns the seconds the name is now locked for."""
        data = self._read()
        failures = int(data.get(name, {}).get("failures", 0)) + 1
        delay = self.policy.delay_after(failures)
        data[name] = {"failures": failures, "until": self.clock() + delay}
        self._write(data)
        return math.ceil(delay)

    def record_success(self, name: str) -> int:
        """Forget the name's failures; returns how many there were (for the audit log)."""
        data = self._read()
        entry = data.pop(name, None)
        if entry is not None:
            self._write(data)
        return int(entry["failures"]) if entry else 0
