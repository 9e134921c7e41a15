"""Sensitive personal data (Law 91/2025/QH15): which fields, who sees them, what leaves the PC.

The law names health, disability, HIV status, ethnicity and ID-card images as sensitive.
Here that means:

- `person.hiv_status`, `person.health_notes` (health) and `person.ethnicity_code`
  (ethnicity), and `disability_assessment.notes` (the free-text medical detail).
- Not the disability type and level: they decide the K6 allowance and appear on the decision
  every officer handling the case prepares, so hiding them would stop the work, not protect.
- ID-card images are attachments: files in the attachments folder, not fields. They are
  encrypted with the database (storage/attachments.py) and read only through
  `PeopleService.read_attachment`, which records each reading.

A role without `VIEW_SENSITIVE` (data entry) gets these fields blanked wherever records leave
the services: the person form, search results, duplicate candidates and exports. Such a user
may still record a value (a data-entry clerk keys in the paper form) but cannot read it back
or clear it: a blank in their edit means "unchanged". A role with the permission sees them on
the person's own record, and each time they are shown an audit entry says so. Lists carry them
for nobody: a list of hundreds of people is exactly the disclosure to avoid. Public posting
lists never carry them, whatever the role.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.permissions import HasRole, Permission, allowed
from btxh_desktop.storage.people import PersonRecord
from btxh_desktop.storage.records import DisabilityRecord

SENSITIVE_FIELDS: Mapping[str, frozenset[str]] = {
    "person": frozenset({"hiv_status", "health_notes", "ethnicity_code"}),
    "disability_assessment": frozenset({"notes"}),
}


def can_view_sensitive(actor: HasRole) -> bool:
    return allowed(actor, Permission.VIEW_SENSITIVE)


def hidden_fields(actor: HasRole, entity: str) -> frozenset[str]:
    """The fields of `entity` this actor sees blank (for the GUI to say "hidden", not "empty")."""
    if can_view_sensitive(actor):
        return frozenset()
    return SENSITIVE_FIELDS.get(entity, frozenset())


def shown_sensitive(entity: str, values: Mapping[str, Any]) -> list[str]:
    """The sensitive fields that actually hold something (what a view entry records)."""
    return sorted(f for f in SENSITIVE_FIELDS.get(entity, ()) if values.get(f) not in (None, ""))


def blank_person(record: PersonRecord) -> PersonRecord:
    # Spelled out (not looped over SENSITIVE_FIELDS) so the type checker sees each field;
    # a test keeps the two in step.
    draft = replace(record.draft, hiv_status=None, health_notes=None, ethnicity_code=None)
    return replace(record, draft=draft)


def person_for(actor: HasRole, record: PersonRecord) -> PersonRecord:
    return record if can_view_sensitive(actor) else blank_person(record)


def person_for_list(record: PersonRecord) -> PersonRecord:
    return blank_person(record)


def disability_for(actor: HasRole, record: DisabilityRecord) -> DisabilityRecord:
    return record if can_view_sensitive(actor) else replace(record, notes=None)


def keep_hidden_values(
    actor: HasRole, stored: Mapping[str, Any], draft: PersonDraft
) -> PersonDraft:
    """For a user who sees sensitive fields blank, a blank in their draft keeps what is stored."""
    if can_view_sensitive(actor):
        return draft
    return replace(
        draft,
        hiv_status=draft.hiv_status or stored.get("hiv_status"),
        health_notes=draft.health_notes or stored.get("health_notes"),
        ethnicity_code=draft.ethnicity_code or stored.get("ethnicity_code"),
    )


def export_columns(
    actor: HasRole, entity: str, columns: Iterable[str], *, public: bool = False
) -> list[str]:
    """The columns an export may carry: sensitive ones only for a role that may see them, and
    never in a public posting list."""
    drop = SENSITIVE_FIELDS.get(entity, frozenset())
    if not public and can_view_sensitive(actor):
        drop = frozenset()
    return [c for c in columns if c not in drop]


def export_rows(
    actor: HasRole, entity: str, rows: Iterable[Mapping[str, Any]], *, public: bool = False
) -> list[dict[str, Any]]:
    """Rows cut down to `export_columns`: what an export writer should be handed."""
    out = []
    for row in rows:
        keep = set(export_columns(actor, entity, row.keys(), public=public))
        out.append({k: v for k, v in row.items() if k in keep})
    return out
