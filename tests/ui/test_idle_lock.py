"""The idle lock, with a fake clock: a half-typed form survives lock and unlock untouched; only
the same user unlocks; anyone else can only log out, after being told what is lost."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from btxh_desktop.ui.dialogs.lock import LockCover, LockDialog
from btxh_desktop.ui.dialogs.person_form import PersonForm
from btxh_desktop.ui.idle import IdleGuard
from tests.ui import security_support as support
from tests.ui.security_support import PASSWORDS, Session, click, settle, type_into

installed_template = support.installed_template
installation = support.installation
open_session = support.open_session


class FakeClock:
    def __init__(self) -> None:
        self.now = 5_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def guarded(
    open_session: Callable[[str], Session], clock: FakeClock, qtbot: QtBot
) -> Iterator[Callable[[str], tuple[Session, IdleGuard]]]:
    guards: list[IdleGuard] = []

    def make(username: str) -> tuple[Session, IdleGuard]:
        session = open_session(username)
        # The check timer would also fire on its own; tests call check() when they want it.
        guard = IdleGuard(session.window, session.ui, 10, clock=clock, check_ms=3_600_000)
        guards.append(guard)
        return session, guard

    yield make
    for guard in guards:
        guard.stop()
        if guard.dialog is not None:
            guard.dialog.finish()


def open_form(session: Session, qtbot: QtBot) -> PersonForm:
    form = PersonForm(session.ui, parent=session.window)
    qtbot.addWidget(form)
    form.show()
    settle(qtbot, session.ui)
    return form


def covers_of(widget: QWidget) -> list[LockCover]:
    return [c for c in widget.findChildren(LockCover) if c.target is widget and c.isVisible()]


def test_a_half_typed_form_survives_the_lock_and_unlock(
    guarded: Callable[[str], tuple[Session, IdleGuard]], clock: FakeClock, qtbot: QtBot
) -> None:
    session, guard = guarded("nhaplieu")
    form = open_form(session, qtbot)
    type_into(qtbot, form.full_name, "Lò Thị Đang Nhập")

    clock.now += 9 * 60 + 59
    guard.check()
    assert not guard.is_locked
    type_into(qtbot, form.full_name, "Lò Thị Đang Nhập Dở")  # typing keeps it awake
    clock.now += 9 * 60
    guard.check()
    assert not guard.is_locked
    clock.now += 60
    guard.check()
    assert guard.is_locked

    lock = guard.dialog
    assert isinstance(lock, LockDialog)
    assert lock.isVisible() and lock.isModal()
    assert lock.windowModality() == Qt.WindowModality.ApplicationModal
    assert lock.user.text() == "Nhập Liệu (nhaplieu)"
    # Every window is covered: the records and the form cannot be read while locked.
    for window in (session.window, form):
        (cover,) = covers_of(window)
        assert cover.geometry() == window.rect()
        assert cover.findChildren(type(lock.user))[0].text() == "Đã khoá"
    assert form.isVisible()
    session.window.resize(1200, 700)
    qtbot.waitUntil(lambda: covers_of(session.window)[0].geometry() == session.window.rect())

    # Input while locked does not count as activity, and Esc does not dismiss the lock.
    clock.now += 3600
    qtbot.keyClick(lock, Qt.Key.Key_Escape)
    assert lock.isVisible()
    lock.close()
    assert lock.isVisible()

    type_into(qtbot, lock.password, "sai")
    click(qtbot, lock.unlock_button)
    qtbot.waitUntil(lock.unlock_button.isEnabled, timeout=10_000)
    assert lock.message.text() == (
        "Sai tên đăng nhập hoặc mật khẩu. Còn 4 lần thử trước khi tài khoản bị tạm khoá."
    )
    assert guard.is_locked
    type_into(qtbot, lock.password, PASSWORDS["nhaplieu"])
    with qtbot.waitSignal(guard.unlocked, timeout=10_000):
        qtbot.keyClick(lock.password, Qt.Key.Key_Return)

    # The same form object, with what was typed, and nothing covering it.
    assert shiboken6.isValid(form) and form.isVisible()
    assert form.full_name.text() == "Lò Thị Đang Nhập Dở"
    assert covers_of(session.window) == [] and covers_of(form) == []
    assert not guard.is_locked
    clock.now += 9 * 60
    guard.check()
    assert not guard.is_locked  # the period starts again at unlocking


def test_only_the_same_user_unlocks_anyone_else_can_only_log_out(
    guarded: Callable[[str], tuple[Session, IdleGuard]], clock: FakeClock, qtbot: QtBot
) -> None:
    session, guard = guarded("nhaplieu")
    open_form(session, qtbot)
    guard.lock()
    lock = guard.dialog
    assert isinstance(lock, LockDialog)
    # The administrator's password does not open the clerk's session.
    type_into(qtbot, lock.password, PASSWORDS["quantri"])
    click(qtbot, lock.unlock_button)
    qtbot.waitUntil(lock.unlock_button.isEnabled, timeout=10_000)
    assert guard.is_locked
    assert lock.message.text().startswith("Sai tên đăng nhập hoặc mật khẩu")

    logged_out: list[bool] = []
    guard.logout_confirmed.connect(lambda: logged_out.append(True))
    click(qtbot, lock.logout_button)
    box = guard.confirm_box
    assert isinstance(box, QMessageBox)
    assert box.text() == (
        "Đăng xuất? Phần mềm sẽ đóng lại. 1 cửa sổ đang mở sẽ bị đóng: những gì đã nhập "
        "nhưng chưa lưu sẽ mất."
    )
    assert covers_of(box) == []  # the question is not hidden under a cover
    stay = next(b for b in box.buttons() if b.text() == "Ở lại")
    click(qtbot, stay)
    assert not logged_out and guard.is_locked

    click(qtbot, lock.logout_button)
    box = guard.confirm_box
    assert isinstance(box, QMessageBox)
    leave = next(b for b in box.buttons() if b.text() == "Đăng xuất và đóng")
    click(qtbot, leave)
    assert logged_out == [True]


def test_input_anywhere_postpones_the_lock_and_the_setting_changes_the_period(
    guarded: Callable[[str], tuple[Session, IdleGuard]], clock: FakeClock, qtbot: QtBot
) -> None:
    session, guard = guarded("pheduyet")
    clock.now += 9 * 60
    qtbot.mouseMove(session.window, QPoint(300, 300))
    qtbot.mouseMove(session.window, QPoint(310, 305))
    clock.now += 9 * 60
    guard.check()
    assert not guard.is_locked  # 18 minutes in all, but the mouse moved at 9
    guard.set_minutes(5)
    clock.now += 5 * 60
    guard.check()
    assert guard.is_locked
    assert "5 phút" in guard.dialog.findChildren(type(guard.dialog.user))[1].text()  # type: ignore[union-attr]


def test_a_window_that_opens_while_locked_is_covered_too(
    guarded: Callable[[str], tuple[Session, IdleGuard]], qtbot: QtBot
) -> None:
    session, guard = guarded("quantri")
    guard.lock()
    # A background job finishing and saying so, while nobody is at the PC.
    message = QMessageBox(QMessageBox.Icon.Information, "BTXH", "Đã đồng bộ", parent=session.window)
    qtbot.addWidget(message)
    message.show()
    assert len(covers_of(message)) == 1
    lock = guard.dialog
    assert isinstance(lock, LockDialog)
    type_into(qtbot, lock.password, PASSWORDS["quantri"])
    with qtbot.waitSignal(guard.unlocked, timeout=10_000):
        click(qtbot, lock.unlock_button)
    assert covers_of(message) == []
    assert QApplication.activeModalWidget() is not lock
