"""Opening the app's services on a data folder: the one way in for the CLI and the GUI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from btxh_desktop.paths import AppPaths
from btxh_desktop.services.clock import system_today
from btxh_desktop.storage import migrate

# Each service module is imported when its service is first used, not here: between them
# they load openpyxl, reportlab, requests and the sync engine, which the login and the first
# screen do not need (see docs/architecture.md, "Start-up").
if TYPE_CHECKING:
    from btxh_desktop.services.accounts import AccountsService
    from btxh_desktop.services.alerts import AlertsService
    from btxh_desktop.services.allowance import AllowanceService
    from btxh_desktop.services.audit import AuditService
    from btxh_desktop.services.backup import BackupService
    from btxh_desktop.services.context import Actor, ServiceContext
    from btxh_desktop.services.dashboard import DashboardService
    from btxh_desktop.services.demo import DemoDataService
    from btxh_desktop.services.emergency import EmergencyService
    from btxh_desktop.services.facility import FacilityService
    from btxh_desktop.services.importer import ImportService
    from btxh_desktop.services.people import PeopleService
    from btxh_desktop.services.reports import ReportsService
    from btxh_desktop.services.settings import SettingsService
    from btxh_desktop.services.site import SiteService
    from btxh_desktop.services.sync import SyncService
    from btxh_desktop.storage.engine import Database


@dataclass
class Services:
    ctx: ServiceContext
    migration: migrate.MigrationResult
    # Message codes for the user after login (a failed daily backup, a password to change).
    notices: list[str] = field(default_factory=list)

    @cached_property
    def site(self) -> SiteService:
        from btxh_desktop.services.site import SiteService

        return SiteService(self.ctx)

    @cached_property
    def people(self) -> PeopleService:
        from btxh_desktop.services.people import PeopleService

        return PeopleService(self.ctx)

    @cached_property
    def allowance(self) -> AllowanceService:
        from btxh_desktop.services.allowance import AllowanceService

        return AllowanceService(self.ctx)

    @cached_property
    def facility(self) -> FacilityService:
        from btxh_desktop.services.facility import FacilityService

        return FacilityService(self.ctx)

    @cached_property
    def emergency(self) -> EmergencyService:
        from btxh_desktop.services.emergency import EmergencyService

        return EmergencyService(self.ctx)

    @cached_property
    def demo(self) -> DemoDataService:
        from btxh_desktop.services.demo import DemoDataService

        return DemoDataService(self.ctx)

    @cached_property
    def dashboard(self) -> DashboardService:
        from btxh_desktop.services.dashboard import DashboardService

        return DashboardService(self.ctx)

    @cached_property
    def accounts(self) -> AccountsService:
        from btxh_desktop.services.accounts import AccountsService

        return AccountsService(self.ctx)

    @cached_property
    def audit(self) -> AuditService:
        from btxh_desktop.services.audit import AuditService

        return AuditService(self.ctx)

    @cached_property
    def backup(self) -> BackupService:
        from btxh_desktop.services.backup import BackupService

        return BackupService(self.ctx)

    @cached_property
    def settings(self) -> SettingsService:
        from btxh_desktop.services.settings import SettingsService

        return SettingsService(self.ctx)

    @cached_property
    def sync(self) -> SyncService:
        from btxh_desktop.services.sync import SyncService

        return SyncService(self.ctx)

    @cached_property
    def reports(self) -> ReportsService:
        from btxh_desktop.services.reports import ReportsService

        return ReportsService(self.ctx)

    @cached_property
    def importer(self) -> ImportService:
        from btxh_desktop.services.importer import ImportService

        return ImportService(self.ctx)

    @cached_property
    def alerts(self) -> AlertsService:
        from btxh_desktop.services.alerts import AlertsService

        return AlertsService(self.ctx)

    def close(self) -> None:
        self.ctx.database.close()


def open_services(
    paths: AppPaths,
    actor: Actor,
    key: bytes | None = None,
    today: Callable[[], dt.date] = system_today,
) -> Services:
    """Open (creating if needed) and migrate the database, then build the services.

    Migrations run here, before anything else reads or syncs. With accounts set up, the way
    in is `services.gate.Gate.login`, which finds the actor and the key; this is the way in
    for a database without accounts (and for tests)."""
    from btxh_desktop.services.context import ServiceContext

    database, result = open_database(paths, key)
    return Services(ServiceContext(database, paths, actor, today), result)


def open_database(paths: AppPaths, key: bytes | None) -> tuple[Database, migrate.MigrationResult]:
    """Open and migrate (copying the file aside first when there is something to migrate)."""
    from btxh_desktop.storage.engine import Database

    paths.ensure()
    database = Database.open(paths.database, key)
    try:
        result = migrate.upgrade(database, paths.backups)
    except BaseException:
        database.close()
        raise
    return database, result
