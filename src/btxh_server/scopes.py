"""Which scopes exist and which an account may reach.

An account holds commune, facility or province scopes. A commune or facility scope covers
itself; a province scope covers the communes of that province (from the 2025 reference
data) and the facilities registered in it (`btxh-server facility add`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine, insert, select, update

from btxh_desktop.domain.reference import ReferenceData
from btxh_desktop.sync.protocol import Scope, ScopeKind
from btxh_server.db import WRITE, facilities


class ScopeRules:
    def __init__(self, engine: Engine, reference: ReferenceData) -> None:
        self.engine = engine
        self.reference = reference

    def exists(self, scope: Scope) -> bool:
        if scope.kind == ScopeKind.COMMUNE:
            return self.reference.commune(scope.code) is not None
        if scope.kind == ScopeKind.PROVINCE:
            return self.reference.province(scope.code) is not None
        return True

    def province_of(self, scope: Scope) -> str | None:
        if scope.kind == ScopeKind.COMMUNE:
            commune = self.reference.commune(scope.code)
            return commune.province_code if commune else None
        if scope.kind == ScopeKind.FACILITY:
            with self.engine.connect() as conn:
                found = conn.scalar(
                    select(facilities.c.province_code).where(facilities.c.code == scope.code)
                )
            return None if found is None else str(found)
        return scope.code

    def covers(self, account_scopes: Iterable[str], scope_text: str) -> bool:
        held = set(account_scopes)
        if scope_text in held:
            return True
        try:
            scope = Scope.parse(scope_text)
        except ValueError:
            return False
        if scope.kind == ScopeKind.PROVINCE:
            return False
        provinces = {s.removeprefix("province:") for s in held if s.startswith("province:")}
        if not provinces:
            return False
        return self.province_of(scope) in provinces

    def add_facility(self, code: str, province_code: str, name: str = "") -> None:
        Scope.parse(f"facility:{code}")  # raises ValueError on a malformed code
        if self.reference.province(province_code) is None:
            raise ValueError(f"unknown province code: {province_code}")
        with self.engine.execution_options(**WRITE).begin() as conn:
            exists = conn.scalar(select(facilities.c.code).where(facilities.c.code == code))
            if exists is None:
                conn.execute(
                    insert(facilities).values(code=code, province_code=province_code, name=name)
                )
            else:
                conn.execute(
                    update(facilities)
                    .where(facilities.c.code == code)
                    .values(province_code=province_code, name=name)
                )
