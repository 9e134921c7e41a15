"""What every screen gets: the services, the background runner, the change bus, settings."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from btxh_desktop.services.container import Services
from btxh_desktop.ui.events import ChangeBus
from btxh_desktop.ui.tasks import TaskRunner


@dataclass
class UiContext:
    services: Services
    runner: TaskRunner
    bus: ChangeBus
    settings: QSettings

    @classmethod
    def create(cls, services: Services) -> UiContext:
        ini = services.ctx.paths.data_dir / "ui.ini"
        return cls(
            services=services,
            runner=TaskRunner(),
            bus=ChangeBus(services.ctx),
            settings=QSettings(str(ini), QSettings.Format.IniFormat),
        )

    def close(self) -> None:
        self.runner.shutdown()
        self.bus.close()
        self.settings.sync()
