"""Setting up this installation and checking the health of its database."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from btxh_desktop.domain.codes import SiteType
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.reference import ReferenceData
from btxh_desktop.services.context import ServiceContext
from btxh_desktop.services.permissions import Permission, require
from btxh_desktop.storage import migrate
from btxh_desktop.storage.models import SYNCED_MODELS, Facility, OutboxEntry, Site
from btxh_desktop.sync.protocol import ScopeKind, is_scope


@dataclass(frozen=True)
class SiteInfo:
    site_type: SiteType
    site_code: str
    site_name: str
    province_code: str | None
    device_id: str


@dataclass(frozen=True)
class HealthReport:
    integrity: str
    foreign_key_problems: int
    schema_revision: str | None
    schema_head: str
    counts: dict[str, int]
    pending_changes: int

    @property
    def ok(self) -> bool:
        return (
            self.integrity == "ok"
            and self.foreign_key_problems == 0
            and self.schema_revision == self.schema_head
        )


@dataclass(frozen=True)
class SiteChoice:
    """A checked choice of site, before anything is written."""

    site_type: SiteType
    site_code: str
    site_name: str
    province_code: str | None
    commune_code: str | None  # where a facility stands; None for a commune site


def resolve_site(
    reference: ReferenceData,
    site_type: SiteType,
    site_code: str,
    site_name: str = "",
    commune_code: str | None = None,
) -> SiteChoice:
    """Check a site choice without opening the database: the set-up wizard asks for the
    site before the administrator (and so the database) exists, and must refuse a bad one
    then, not after the account is made."""
    site_code = site_code.strip()
    site_name = site_name.strip()
    if site_type == SiteType.COMMUNE:
        commune = reference.commune(site_code)
        if commune is None:
            raise DomainError("site.commune_unknown", field="site_code", code=site_code)
        return SiteChoice(
            site_type, site_code, site_name or commune.full_name, commune.province_code, None
        )
    # The code names the facility's sync scope ("facility:TTBTXH01"), so it obeys its rule.
    if not is_scope(f"{ScopeKind.FACILITY.value}:{site_code}"):
        raise DomainError("site.facility_code_invalid", field="site_code")
    place = reference.commune(commune_code) if commune_code is not None else None
    if commune_code is not None and place is None:
        raise DomainError("site.commune_unknown", field="commune_code", code=commune_code)
    return SiteChoice(
        site_type,
        site_code,
        site_name or site_code,
        place.province_code if place else None,
        commune_code,
    )


class SiteService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def info(self) -> SiteInfo | None:
        with self.ctx.read() as session:
            site = session.scalar(select(Site))
            if site is None:
                return None
            return SiteInfo(
                SiteType(site.site_type),
                site.site_code,
                site.site_name,
                site.province_code,
                site.device_id,
            )

    def initialise(
        self,
        site_type: SiteType,
        site_code: str,
        site_name: str = "",
        commune_code: str | None = None,
    ) -> SiteInfo:
        """Bind this PC to a commune or a facility. A facility site also gets its facility
        record (which syncs); the facility's commune places it in a province."""
        require(self.ctx.actor, Permission.SETTINGS)
        choice = resolve_site(self.ctx.reference, site_type, site_code, site_name, commune_code)
        with self.ctx.read() as session:
            if session.scalar(select(Site)) is not None:
                raise DomainError("site.already_initialised")
        with self.ctx.unit_of_work_unbound() as session:
            session.add(
                Site(
                    id=1,
                    site_type=choice.site_type.value,
                    site_code=choice.site_code,
                    site_name=choice.site_name,
                    province_code=choice.province_code,
                )
            )
        if choice.site_type == SiteType.FACILITY:
            with self.ctx.unit_of_work() as session:
                session.add(
                    Facility(
                        code=choice.site_code,
                        name=choice.site_name,
                        commune_code=choice.commune_code,
                    )
                )
        info = self.info()
        assert info is not None
        return info

    def pending_changes(self) -> int:
        """Local changes not yet accepted by the server (rejected ones included)."""
        with self.ctx.read() as session:
            return session.scalar(select(func.count()).select_from(OutboxEntry)) or 0

    def check(self) -> HealthReport:
        with self.ctx.read() as session:
            integrity = ", ".join(
                str(r[0]) for r in session.connection().exec_driver_sql("PRAGMA integrity_check")
            )
            fk = len(session.connection().exec_driver_sql("PRAGMA foreign_key_check").fetchall())
            counts = {
                model.__sync_entity__: session.scalar(
                    select(func.count()).select_from(model).where(model.deleted_at.is_(None))
                )
                or 0
                for model in SYNCED_MODELS
            }
            pending = session.scalar(select(func.count()).select_from(OutboxEntry)) or 0
        return HealthReport(
            integrity=integrity,
            foreign_key_problems=fk,
            schema_revision=migrate.current_revision(self.ctx.database.engine),
            schema_head=migrate.head_revision(),
            counts=counts,
            pending_changes=pending,
        )
