"""How long a password may be: the accounts service enforces it, the screens that ask for a
new password say it (before the service is loaded, on the first-run dialog)."""

from __future__ import annotations

PASSWORD_MIN = 8
PASSWORD_MAX = 256
