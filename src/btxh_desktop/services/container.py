"""Opening the app's services on a data folder: the one way in for the CLI and the GUI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from btxh_desktop.paths import AppPaths
from btxh_desktop.services.allowance import AllowanceService
from btxh_desktop.services.context import Actor, ServiceContext, system_today
from btxh_desktop.services.demo import DemoDataService
from btxh_desktop.services.emergency import EmergencyService
from btxh_desktop.services.facility import FacilityService
from btxh_desktop.services.people import PeopleService
from btxh_desktop.services.site import SiteService
from btxh_desktop.storage import migrate
from btxh_desktop.storage.engine import Database


@dataclass
class Services:
    ctx: ServiceContext
    migration: migrate.MigrationResult

    @cached_property
    def site(self) -> SiteService:
        return SiteService(self.ctx)

    @cached_property
    def people(self) -> PeopleService:
        return PeopleService(self.ctx)

    @cached_property
    def allowance(self) -> AllowanceService:
        return AllowanceService(self.ctx)

    @cached_property
    def facility(self) -> FacilityService:
        return FacilityService(self.ctx)

    @cached_property
    def emergency(self) -> EmergencyService:
        return EmergencyService(self.ctx)

    @cached_property
    def demo(self) -> DemoDataService:
        return DemoDataService(self.ctx)

    def close(self) -> None:
        self.ctx.database.close()


def open_services(
    paths: AppPaths,
    actor: Actor,
    key: bytes | None = None,
    today: Callable[[], dt.date] = system_today,
) -> Services:
    """Open (creating if needed) and migrate the database, then build the services.

    Migrations run here, before anything else reads or syncs."""
    paths.ensure()
    database = Database.open(paths.database, key)
    try:
        result = migrate.upgrade(database, paths.backups)
    except BaseException:
        database.close()
        raise
    return Services(ServiceContext(database, paths, actor, today), result)
