"""The sync contract agrees with the local schema: every synced table is in the catalogue,
parent links are real foreign keys, payment-affecting fields are real columns."""

from __future__ import annotations

import random

import pytest

from btxh_desktop.storage import tracking
from btxh_desktop.storage.models import MODEL_BY_ENTITY, Base
from btxh_desktop.sync.protocol import (
    ENTITIES,
    EVERY_FIELD,
    PAYMENT_FIELDS,
    Scope,
    ScopeKind,
    depth,
    digest_of,
    is_payment_field,
    is_scope,
    record_hash,
    xor_digest,
)


def test_the_catalogue_lists_exactly_the_synced_tables() -> None:
    assert set(ENTITIES) == set(MODEL_BY_ENTITY)


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_each_parent_link_is_a_foreign_key_to_the_parent_table(entity: str) -> None:
    spec = ENTITIES[entity]
    if spec.parent_field is None:
        return
    assert spec.parent_entity is not None
    table = MODEL_BY_ENTITY[entity].__table__  # type: ignore[attr-defined]
    parent_table = MODEL_BY_ENTITY[spec.parent_entity].__table__  # type: ignore[attr-defined]
    targets = {fk.column.table.name for fk in table.c[spec.parent_field].foreign_keys}
    assert targets == {parent_table.name}
    assert not table.c[spec.parent_field].nullable


def test_parents_come_before_children_in_the_tables_dependency_order() -> None:
    order = [t.name for t in Base.metadata.sorted_tables]
    for entity, spec in ENTITIES.items():
        if spec.parent_entity is not None:
            assert depth(entity) == depth(spec.parent_entity) + 1
            child = MODEL_BY_ENTITY[entity].__tablename__
            parent = MODEL_BY_ENTITY[spec.parent_entity].__tablename__
            assert order.index(parent) < order.index(child)


def test_payment_fields_are_real_columns_kept_in_one_list() -> None:
    for entity, fields in PAYMENT_FIELDS.items():
        columns = set(tracking.data_columns(MODEL_BY_ENTITY[entity]))
        assert fields == {EVERY_FIELD} or fields <= columns, entity
    assert is_payment_field("allowance_case", "coefficient")
    assert is_payment_field("allowance_case", "other_categories")
    assert not is_payment_field("allowance_case", "payment_point")
    assert is_payment_field("payment", "paid_on")
    assert not is_payment_field("person", "full_name")


def test_the_digest_is_a_count_and_an_order_free_xor() -> None:
    rows = [(f"id-{i}", i % 3 + 1) for i in range(50)]
    shuffled = rows[:]
    random.Random(1).shuffle(shuffled)
    count, digest = digest_of("person", rows)
    assert (count, digest) == digest_of("person", shuffled)
    assert digest_of("guardian", rows) != (count, digest)
    # Adding then removing a record (as the server does change by change) is a no-op.
    extra = record_hash("person", "id-x", 4)
    assert xor_digest(xor_digest(digest, extra), extra) == digest
    assert digest_of("person", []) == (0, "0" * 32)


def test_scopes() -> None:
    assert str(Scope.parse("commune:26740")) == "commune:26740"
    assert Scope.parse("province:79").kind == ScopeKind.PROVINCE
    assert not Scope.parse("province:79").holds_records
    for bad in ("commune:", "district:1", "commune:26740;drop", "commune 1"):
        assert not is_scope(bad)
        with pytest.raises(ValueError):
            Scope.parse(bad)
