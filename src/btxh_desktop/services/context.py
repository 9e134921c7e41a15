"""What every service needs: the database, the acting user, the rules, the clock.

A service method is one use case and one unit of work: one SQLite transaction holding the
change, its outbox entry and its audit entry. After commit, listeners hear what changed and
who initiated it, so open views refresh only what they show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from btxh_desktop.domain.codes import Role
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.policy import PolicyEngine
from btxh_desktop.domain.reference import ReferenceData
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.clock import system_today
from btxh_desktop.storage import tracking
from btxh_desktop.storage.engine import Database
from btxh_desktop.storage.models import Site
from btxh_desktop.storage.tracking import ChangeSet

ChangeListener = Callable[[ChangeSet, object | None], None]


@dataclass(frozen=True)
class Actor:
    username: str
    role: Role
    full_name: str = ""


class SiteNotInitialised(DomainError):
    def __init__(self) -> None:
        super().__init__("site.not_initialised")


class ServiceContext:
    def __init__(
        self,
        database: Database,
        paths: AppPaths,
        actor: Actor,
        today: Callable[[], dt.date] = system_today,
    ) -> None:
        self.database = database
        self.paths = paths
        self.actor = actor
        self.today = today
        self._listeners: list[ChangeListener] = []
        self._write_sessions = sessionmaker(bind=database.writer(), expire_on_commit=False)
        tracking.install(self._write_sessions)
        self._read_sessions = sessionmaker(bind=database.engine, expire_on_commit=False)

    @cached_property
    def policy(self) -> PolicyEngine:
        return PolicyEngine.load()

    @cached_property
    def reference(self) -> ReferenceData:
        return ReferenceData.load()

    def site(self) -> Site:
        with self.read() as session:
            site = session.scalar(select(Site))
        if site is None:
            raise SiteNotInitialised()
        assert isinstance(site, Site)
        return site

    def subscribe(self, listener: ChangeListener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: ChangeListener) -> None:
        self._listeners.remove(listener)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read_sessions() as session:
            yield session

    @contextmanager
    def unit_of_work(self, initiator: object | None = None) -> Iterator[Session]:
        """One transaction; commits on success, rolls back everything on any error."""
        with self._write_sessions() as session:
            with session.begin():
                site = session.scalar(select(Site))
                if site is None:
                    raise SiteNotInitialised()
                session.info[tracking.ACTOR_KEY] = self.actor.username
                session.info[tracking.DEVICE_KEY] = site.device_id
                yield session
            changes = tracking.change_set(session)
        if changes:
            self.notify(changes, initiator)

    @contextmanager
    def unit_of_work_unbound(self) -> Iterator[Session]:
        """A transaction on local-only tables (site, settings) that never sync."""
        with self._write_sessions() as session, session.begin():
            session.info[tracking.LOCAL_ONLY_KEY] = True
            session.info[tracking.ACTOR_KEY] = self.actor.username
            yield session

    @contextmanager
    def remote_unit_of_work(self) -> Iterator[Session]:
        """A transaction applying changes that came from the server: no outbox entries."""
        with self._write_sessions() as session:
            session.info[tracking.REMOTE_KEY] = True
            with session.begin():
                yield session
            changes = tracking.change_set(session)
        if changes:
            self.notify(changes, None)

    def notify(self, changes: ChangeSet, initiator: object | None) -> None:
        for listener in list(self._listeners):
            listener(changes, initiator)
