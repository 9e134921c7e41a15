"""The sync contract shared by the desktop client and the reference server.

Pure Python, no I/O: protocol version, scopes, the catalogue of synced entities (which field
links a record to its parent, so the server can place children in their parent's scope and
move a person's whole file), the payment-affecting fields that are never auto-merged, the
per-op result vocabulary and the digest both sides compute to detect divergence.

docs/sync-protocol.md explains the protocol in prose; this module is its executable part.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

PROTOCOL_VERSION = 1
# The range the reference server serves; a client outside it is told to upgrade.
MIN_PROTOCOL_VERSION = 1
MAX_PROTOCOL_VERSION = 1
PROTOCOL_HEADER = "X-BTXH-Protocol"
API_PREFIX = "/api/v1"

MAX_PUSH_OPS = 1000
MAX_PULL_LIMIT = 5000
# Audit entries in one upload (POST /audit).
MAX_AUDIT_ENTRIES = 5000
MAX_FIELDS_PER_OP = 200
MAX_TEXT_VALUE = 20_000

UUID_PATTERN = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
FIELD_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class OpKind(StrEnum):
    UPSERT = "upsert"
    DELETE = "delete"
    # Hands a person's whole file to another scope (a commune move), see docs/sync-protocol.md.
    MOVE = "move"
    # Sets fields to the value a person chose for an open conflict and closes it.
    RESOLVE = "resolve"


class OpStatus(StrEnum):
    APPLIED = "applied"
    MERGED = "merged"
    CONFLICT = "conflict"
    REJECTED = "rejected"
    DELETED = "deleted"  # the target was deleted on the server; nothing changed


# Statuses after which an outbox entry is done (the server holds the answer for good).
SETTLED = frozenset({OpStatus.APPLIED, OpStatus.MERGED, OpStatus.CONFLICT, OpStatus.DELETED})


class Reason(StrEnum):
    """Why the server rejected one operation. Each has text in resources/messages/sync.json."""

    OUT_OF_SCOPE = "out_of_scope"
    UNKNOWN_ENTITY = "unknown_entity"
    NOT_FOUND = "not_found"
    PARENT_MISSING = "parent_missing"
    INVALID_OP = "invalid_op"
    INVALID_FIELDS = "invalid_fields"
    OP_ID_REUSED = "op_id_reused"
    INVALID_TARGET_SCOPE = "invalid_target_scope"


class ChangeKind(StrEnum):
    """What one entry of a pull page carries."""

    UPSERT = "upsert"  # the record's current state (a tombstone has deleted_at set)
    EXIT = "exit"  # the record left this scope (moved away)
    CONFLICT = "conflict"  # a conflict was recorded on a record of this scope
    RESOLVED = "resolved"  # a conflict was resolved


# ---------------------------------------------------------------- scopes


class ScopeKind(StrEnum):
    COMMUNE = "commune"
    FACILITY = "facility"
    PROVINCE = "province"


SCOPE_PATTERN = re.compile(r"^(commune|facility|province):([A-Za-z0-9_-]{1,16})$")


@dataclass(frozen=True, order=True)
class Scope:
    kind: ScopeKind
    code: str

    @classmethod
    def parse(cls, text: str) -> Scope:
        match = SCOPE_PATTERN.match(text)
        if match is None:
            raise ValueError(f"not a scope: {text!r}")
        return cls(ScopeKind(match.group(1)), match.group(2))

    def __str__(self) -> str:
        return f"{self.kind.value}:{self.code}"

    @property
    def holds_records(self) -> bool:
        """Records live in a commune or a facility; a province is a view over its communes."""
        return self.kind != ScopeKind.PROVINCE


def is_scope(text: str) -> bool:
    return SCOPE_PATTERN.match(text) is not None


# ---------------------------------------------------------------- entity catalogue


@dataclass(frozen=True)
class EntitySpec:
    name: str
    # The field holding the parent's id, and the parent's entity. A record without a parent
    # is the root of its own file (a person, a facility, an emergency event).
    parent_field: str | None = None
    parent_entity: str | None = None


def _child(name: str, parent_field: str, parent_entity: str) -> EntitySpec:
    return EntitySpec(name, parent_field, parent_entity)


ENTITIES: dict[str, EntitySpec] = {
    spec.name: spec
    for spec in (
        EntitySpec("person"),
        _child("guardian", "person_id", "person"),
        _child("disability_assessment", "person_id", "person"),
        _child("household_status", "person_id", "person"),
        _child("other_income", "person_id", "person"),
        _child("health_insurance_card", "person_id", "person"),
        _child("attachment", "person_id", "person"),
        EntitySpec("facility"),
        _child("residency", "person_id", "person"),
        _child("care_log_entry", "residency_id", "residency"),
        _child("allowance_case", "person_id", "person"),
        _child("allowance_change", "case_id", "allowance_case"),
        _child("payment", "case_id", "allowance_case"),
        _child("care_support", "person_id", "person"),
        _child("funeral_support", "person_id", "person"),
        EntitySpec("emergency_event"),
        _child("emergency_distribution", "event_id", "emergency_event"),
    )
}

# Only a person's file can move between communes; other roots stay where they were made.
MOVABLE_ENTITIES = frozenset({"person"})


def depth(entity: str) -> int:
    """0 for a root, 1 for its children, and so on: parents are written before children."""
    spec = ENTITIES[entity]
    return 0 if spec.parent_entity is None else 1 + depth(spec.parent_entity)


# ---------------------------------------------------------------- payment-affecting fields

# Fields that change what someone is paid. A concurrent edit of any of them on the same
# record is never merged field by field: every payment field the later edit changes becomes
# a conflict for a person to resolve. This is the one list; the server applies it.
EVERY_FIELD = "*"
PAYMENT_FIELDS: dict[str, frozenset[str]] = {
    "allowance_case": frozenset(
        {
            "category",
            "sub_case",
            "other_categories",
            "coefficient",
            "standard_level",
            "monthly_amount",
            "decision_number",
            "decision_date",
            "start_month",
            "stop_month",
            "status",
        }
    ),
    "payment": frozenset({EVERY_FIELD}),
    "allowance_change": frozenset({EVERY_FIELD}),
}


def is_payment_field(entity: str, field: str) -> bool:
    fields = PAYMENT_FIELDS.get(entity)
    return fields is not None and (EVERY_FIELD in fields or field in fields)


# ---------------------------------------------------------------- divergence digest


def record_hash(entity: str, record_id: str, version: int) -> int:
    """128 bits standing for one live record at one version."""
    data = f"{entity}:{record_id}:{version}".encode()
    return int.from_bytes(hashlib.sha256(data).digest()[:16], "big")


def format_digest(value: int) -> str:
    return f"{value:032x}"


def digest_of(entity: str, rows: Iterable[tuple[str, int]]) -> tuple[int, str]:
    """(count, digest) of live records given as (id, version): an XOR of their hashes, so
    the server can keep it up to date one change at a time."""
    count = 0
    acc = 0
    for record_id, version in rows:
        count += 1
        acc ^= record_hash(entity, record_id, version)
    return count, format_digest(acc)


def xor_digest(a: str, b: int) -> str:
    return format_digest(int(a, 16) ^ b)
