"""Who may do what. Checked inside services, so the CLI and GUI obey the same rules."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from btxh_desktop.domain.codes import Role
from btxh_desktop.domain.errors import DomainError


class Permission(StrEnum):
    VIEW = "view"
    EDIT_PEOPLE = "edit_people"
    DELETE_RECORDS = "delete_records"
    VIEW_SENSITIVE = "view_sensitive"
    RECORD_APPLICATION = "record_application"
    DECIDE = "decide"  # decisions, adjustments, suspensions, stops, moves
    APPROVE_PAYMENTS = "approve_payments"
    MANAGE_FACILITY = "manage_facility"
    RECORD_EMERGENCY = "record_emergency"
    EXPORT = "export"
    IMPORT = "import"
    SYNC = "sync"
    MANAGE_USERS = "manage_users"
    SETTINGS = "settings"
    BACKUP = "backup"
    RESTORE = "restore"
    VIEW_AUDIT = "view_audit"  # the administrator's audit log viewer


_DATA_ENTRY = frozenset(
    {
        Permission.VIEW,
        Permission.EDIT_PEOPLE,
        Permission.RECORD_APPLICATION,
        Permission.MANAGE_FACILITY,
        Permission.RECORD_EMERGENCY,
        Permission.EXPORT,
        Permission.IMPORT,
        Permission.SYNC,
        Permission.BACKUP,
    }
)
_APPROVER = _DATA_ENTRY | {
    Permission.DECIDE,
    Permission.APPROVE_PAYMENTS,
    Permission.VIEW_SENSITIVE,
    Permission.DELETE_RECORDS,
}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.DATA_ENTRY: _DATA_ENTRY,
    Role.APPROVER: frozenset(_APPROVER),
    Role.ADMIN: frozenset(Permission),
}


class HasRole(Protocol):
    @property
    def role(self) -> Role: ...

    @property
    def username(self) -> str: ...


class PermissionDenied(DomainError):
    def __init__(self, permission: Permission, username: str) -> None:
        super().__init__("permission.denied", permission=permission.value, username=username)
        self.permission = permission


def allowed(actor: HasRole, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[actor.role]


def require(actor: HasRole, permission: Permission) -> None:
    if not allowed(actor, permission):
        raise PermissionDenied(permission, actor.username)
