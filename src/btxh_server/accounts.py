"""Accounts, their scopes, passwords and tokens.

Passwords are hashed with argon2id (memory-hard). A login gives a short-lived access token
and a long-lived refresh token; both are random strings stored only as their SHA-256.
Refreshing rotates the refresh token. Presenting a rotated refresh token again means it was
copied: the whole token family is revoked, unless it comes back within a short grace period,
which is what a client killed between receiving and saving the new token looks like.
Failed logins are counted per username and address; too many in the window are refused
before the password is even checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, and_, delete, func, insert, select, update

from btxh_desktop.sync.protocol import Scope
from btxh_server import logs
from btxh_server.db import WRITE, login_failures, tokens, user_scopes, users, utcnow
from btxh_server.scopes import ScopeRules


@dataclass(frozen=True)
class AuthSettings:
    access_ttl: dt.timedelta = dt.timedelta(minutes=15)
    refresh_ttl: dt.timedelta = dt.timedelta(days=60)
    refresh_reuse_grace: dt.timedelta = dt.timedelta(minutes=2)
    max_login_failures: int = 5
    login_window: dt.timedelta = dt.timedelta(minutes=5)
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    scopes: tuple[str, ...]


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
    refresh_expires_in: int
    scopes: tuple[str, ...]


class AuthError(Exception):
    def __init__(self, code: str, retry_after: int | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.retry_after = retry_after


class AccountError(ValueError):
    """A command-line mistake: unknown user, bad scope, duplicate username."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def username_key(username: str) -> str:
    """What the failure table and the logs hold instead of the username."""
    return hashlib.sha256(username.strip().lower().encode()).hexdigest()[:16]


class Accounts:
    def __init__(self, engine: Engine, rules: ScopeRules, settings: AuthSettings) -> None:
        self.engine = engine
        self.rules = rules
        self.settings = settings
        self.hasher = PasswordHasher(
            time_cost=settings.argon2_time_cost, memory_cost=settings.argon2_memory_kib
        )
        # Verified against when the username is unknown, so timing does not reveal it.
        self._dummy_hash = self.hasher.hash(secrets.token_hex(8))

    # ------------------------------------------------------------------ administration

    def validate_scopes(self, scopes: Sequence[str]) -> list[str]:
        if not scopes:
            raise AccountError("an account needs at least one scope")
        clean = []
        for text in scopes:
            try:
                scope = Scope.parse(text.strip())
            except ValueError as exc:
                raise AccountError(str(exc)) from exc
            if not self.rules.exists(scope):
                raise AccountError(f"unknown {scope.kind.value} code: {scope.code}")
            clean.append(str(scope))
        return sorted(set(clean))

    def add_user(self, username: str, password: str, scopes: Sequence[str]) -> int:
        username = username.strip()
        if not username or len(username) > 64:
            raise AccountError("a username has 1 to 64 characters")
        if len(password) < 8:
            raise AccountError("a password has at least 8 characters")
        clean = self.validate_scopes(scopes)
        with self.engine.execution_options(**WRITE).begin() as conn:
            if conn.scalar(select(users.c.id).where(users.c.username == username)) is not None:
                raise AccountError(f"user {username} already exists")
            user_id = conn.execute(
                insert(users).values(
                    username=username,
                    password_hash=self.hasher.hash(password),
                    created_at=utcnow(),
                    disabled=False,
                )
            ).inserted_primary_key
            assert user_id is not None
            uid = int(user_id[0])
            conn.execute(insert(user_scopes), [{"user_id": uid, "scope": s} for s in clean])
        return uid

    def set_scopes(self, username: str, scopes: Sequence[str]) -> None:
        clean = self.validate_scopes(scopes)
        with self.engine.execution_options(**WRITE).begin() as conn:
            uid = self._user_id(conn, username)
            conn.execute(delete(user_scopes).where(user_scopes.c.user_id == uid))
            conn.execute(insert(user_scopes), [{"user_id": uid, "scope": s} for s in clean])

    def set_password(self, username: str, password: str) -> None:
        if len(password) < 8:
            raise AccountError("a password has at least 8 characters")
        with self.engine.execution_options(**WRITE).begin() as conn:
            uid = self._user_id(conn, username)
            conn.execute(
                update(users)
                .where(users.c.id == uid)
                .values(password_hash=self.hasher.hash(password))
            )
            self._revoke_user(conn, uid)

    def set_disabled(self, username: str, disabled: bool) -> None:
        with self.engine.execution_options(**WRITE).begin() as conn:
            uid = self._user_id(conn, username)
            conn.execute(update(users).where(users.c.id == uid).values(disabled=disabled))
            if disabled:
                self._revoke_user(conn, uid)

    def list_users(self) -> list[tuple[str, tuple[str, ...], bool]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(users.c.id, users.c.username, users.c.disabled).order_by(users.c.username)
            ).all()
            scopes = _scopes_by_user(conn, [r.id for r in rows])
        return [(r.username, scopes.get(r.id, ()), bool(r.disabled)) for r in rows]

    @staticmethod
    def _user_id(conn: Connection, username: str) -> int:
        uid = conn.scalar(select(users.c.id).where(users.c.username == username.strip()))
        if uid is None:
            raise AccountError(f"no user {username}")
        return int(uid)

    @staticmethod
    def _revoke_user(conn: Connection, user_id: int) -> None:
        conn.execute(
            update(tokens)
            .where(tokens.c.user_id == user_id, tokens.c.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )

    # ------------------------------------------------------------------ login and tokens

    def login(self, username: str, password: str, ip: str, device_id: str | None) -> TokenPair:
        key = username_key(username)
        now = utcnow()
        since = now - self.settings.login_window
        recent = and_(
            login_failures.c.username_hash == key,
            login_failures.c.ip == ip,
            login_failures.c.at > since,
        )
        with self.engine.connect() as conn:
            failures, first = conn.execute(
                select(func.count(), func.min(login_failures.c.at)).where(recent)
            ).one()
            row = conn.execute(
                select(users.c.id, users.c.password_hash, users.c.disabled).where(
                    users.c.username == username.strip()
                )
            ).first()
        if (failures or 0) >= self.settings.max_login_failures:
            wait = (first or now) + self.settings.login_window - now
            logs.warning("auth.login_throttled", user_key=key, ip=ip)
            raise AuthError("too_many_attempts", max(1, int(wait.total_seconds()) + 1))
        # The (deliberately slow) hash is checked outside any transaction, so a login never
        # holds up the writers.
        ok = self._verify(row.password_hash if row else self._dummy_hash, password)
        with self.engine.execution_options(**WRITE).begin() as conn:
            if row is None or not ok or row.disabled:
                conn.execute(
                    delete(login_failures).where(
                        login_failures.c.username_hash == key,
                        login_failures.c.ip == ip,
                        login_failures.c.at <= since,
                    )
                )
                conn.execute(insert(login_failures).values(username_hash=key, ip=ip, at=now))
                pair = None
            else:
                conn.execute(
                    delete(login_failures).where(
                        login_failures.c.username_hash == key, login_failures.c.ip == ip
                    )
                )
                if self.hasher.check_needs_rehash(row.password_hash):
                    conn.execute(
                        update(users)
                        .where(users.c.id == row.id)
                        .values(password_hash=self.hasher.hash(password))
                    )
                pair = self._issue(conn, int(row.id), str(uuid.uuid4()), device_id, now)
        if pair is None or row is None:
            logs.warning("auth.login_failed", user_key=key, ip=ip)
            raise AuthError("invalid_credentials")
        logs.event("auth.login", account=int(row.id))
        return pair

    def _verify(self, stored: str, password: str) -> bool:
        try:
            return self.hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    def refresh(self, refresh_token: str) -> TokenPair:
        now = utcnow()
        digest = token_hash(refresh_token)
        reused_by: int | None = None
        pair: TokenPair | None = None
        with self.engine.execution_options(**WRITE).begin() as conn:
            row = conn.execute(
                select(tokens, users.c.disabled)
                .join(users, users.c.id == tokens.c.user_id)
                .where(tokens.c.token_hash == digest, tokens.c.kind == "refresh")
            ).first()
            if row is None or row.revoked_at is not None or row.expires_at <= now or row.disabled:
                raise AuthError("invalid_token")
            rotated = conn.execute(
                update(tokens)
                .where(tokens.c.token_hash == digest, tokens.c.replaced_at.is_(None))
                .values(replaced_at=now)
            ).rowcount
            replaced_at = (
                None
                if rotated
                else conn.scalar(select(tokens.c.replaced_at).where(tokens.c.token_hash == digest))
            )
            if replaced_at is not None and now - replaced_at > self.settings.refresh_reuse_grace:
                conn.execute(
                    update(tokens)
                    .where(tokens.c.family_id == row.family_id, tokens.c.revoked_at.is_(None))
                    .values(revoked_at=now)
                )
                reused_by = int(row.user_id)
            else:
                pair = self._issue(conn, int(row.user_id), row.family_id, row.device_id, now)
        if pair is None:
            logs.warning("auth.refresh_reused", account=reused_by)
            raise AuthError("invalid_token")
        return pair

    def logout(self, refresh_token: str) -> None:
        digest = token_hash(refresh_token)
        with self.engine.execution_options(**WRITE).begin() as conn:
            family = conn.scalar(select(tokens.c.family_id).where(tokens.c.token_hash == digest))
            if family is not None:
                conn.execute(
                    update(tokens)
                    .where(tokens.c.family_id == family, tokens.c.revoked_at.is_(None))
                    .values(revoked_at=utcnow())
                )

    def _issue(
        self,
        conn: Connection,
        user_id: int,
        family_id: str,
        device_id: str | None,
        now: dt.datetime,
    ) -> TokenPair:
        access = secrets.token_urlsafe(32)
        refresh = secrets.token_urlsafe(32)
        s = self.settings
        conn.execute(
            insert(tokens),
            [
                {
                    "token_hash": token_hash(access),
                    "kind": "access",
                    "user_id": user_id,
                    "family_id": family_id,
                    "device_id": device_id,
                    "issued_at": now,
                    "expires_at": now + s.access_ttl,
                },
                {
                    "token_hash": token_hash(refresh),
                    "kind": "refresh",
                    "user_id": user_id,
                    "family_id": family_id,
                    "device_id": device_id,
                    "issued_at": now,
                    "expires_at": now + s.refresh_ttl,
                },
            ],
        )
        # Expired tokens of this account are swept here rather than by a separate job.
        conn.execute(delete(tokens).where(tokens.c.user_id == user_id, tokens.c.expires_at < now))
        scopes = _scopes_by_user(conn, [user_id]).get(user_id, ())
        return TokenPair(
            access,
            refresh,
            int(s.access_ttl.total_seconds()),
            int(s.refresh_ttl.total_seconds()),
            scopes,
        )

    def authenticate(self, access_token: str) -> Account | None:
        now = utcnow()
        with self.engine.connect() as conn:
            row = conn.execute(
                select(users.c.id, users.c.username)
                .join(tokens, tokens.c.user_id == users.c.id)
                .where(
                    and_(
                        tokens.c.token_hash == token_hash(access_token),
                        tokens.c.kind == "access",
                        tokens.c.revoked_at.is_(None),
                        tokens.c.expires_at > now,
                        users.c.disabled.is_(False),
                    )
                )
            ).first()
            if row is None:
                return None
            scopes = _scopes_by_user(conn, [row.id]).get(row.id, ())
        return Account(int(row.id), row.username, scopes)


def _scopes_by_user(conn: Connection, user_ids: list[int]) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    if not user_ids:
        return {}
    for uid, scope in conn.execute(
        select(user_scopes.c.user_id, user_scopes.c.scope)
        .where(user_scopes.c.user_id.in_(user_ids))
        .order_by(user_scopes.c.scope)
    ):
        found.setdefault(int(uid), []).append(scope)
    return {k: tuple(v) for k, v in found.items()}
