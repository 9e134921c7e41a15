"""Where the refresh token lives: the operating system's keyring, never a settings file.

Windows keeps it in the Credential Manager, a Linux desktop in the Secret Service. A headless
machine without either gets keyrings.alt's file backend (a file in the user's data folder,
outside the app's data folder and its backups). The password itself is never stored.
"""

from __future__ import annotations

import contextlib
from typing import Any, Protocol

import keyring
import keyring.backends.fail
import keyring.errors
from keyrings.alt.file import PlaintextKeyring

SERVICE = "BTXH Desktop sync"


class CredentialStore(Protocol):
    def get(self, key: str) -> str | None: ...

    def set(self, key: str, secret: str) -> None: ...

    def delete(self, key: str) -> None: ...


def default_backend() -> Any:
    backend = keyring.get_keyring()
    if isinstance(backend, keyring.backends.fail.Keyring):
        return PlaintextKeyring()
    return backend


class KeyringCredentials:
    def __init__(self, backend: Any = None, service: str = SERVICE) -> None:
        self.backend = backend if backend is not None else default_backend()
        self.service = service

    def get(self, key: str) -> str | None:
        value = self.backend.get_password(self.service, key)
        return None if value is None else str(value)

    def set(self, key: str, secret: str) -> None:
        self.backend.set_password(self.service, key, secret)

    def delete(self, key: str) -> None:
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            self.backend.delete_password(self.service, key)


def credential_key(server_url: str, username: str) -> str:
    return f"{server_url.rstrip('/')}|{username}"
