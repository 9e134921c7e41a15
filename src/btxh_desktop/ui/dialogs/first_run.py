"""First run: one window that sets up this PC, step by step.

    new installation:      kind of site → place → [facility] → administrator → recovery key
                           → sync server (or "Để sau")
    administrator, no site: kind of site → place → [facility]

The site is chosen first but written only once the administrator exists (writing needs an
account): `resolve_site` checks the choice up front, so a bad facility code is refused before
the account is made, and the choice is written right after. The administrator's form is
`FirstAdminPage` and the recovery key `RecoveryKeyDialog`'s content, both embedded; once the
account exists there is no way back (the key is shown once). Every service and network call
runs on the task runner; what was typed stays when something is refused.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.domain.codes import SiteType
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.identity import fold
from btxh_desktop.domain.reference import Commune, Province, ReferenceData
from btxh_desktop.services.clock import system_today
from btxh_desktop.services.container import Services
from btxh_desktop.services.gate import FirstAdmin, Gate
from btxh_desktop.services.site import SiteChoice, resolve_site
from btxh_desktop.services.sync import SyncSettings
from btxh_desktop.ui.dialogs.first_admin import FirstAdminPage
from btxh_desktop.ui.dialogs.login_kit import password_edit, role_label
from btxh_desktop.ui.dialogs.recovery import RecoveryKeyDialog
from btxh_desktop.ui.i18n import t
from btxh_desktop.ui.sync_runner import error_text as sync_error_text
from btxh_desktop.ui.tasks import TaskRunner
from btxh_desktop.ui.widgets.form_kit import error_label, error_text, heading

log = logging.getLogger(__name__)

WIZARD_SIZE = (980, 660)
CHECK_TIMEOUT = 5.0
NATIONWIDE_LIMIT = 60


def _show(label: QLabel, text: str, role: str = "error") -> None:
    role_label(label, role)
    label.setText(text)
    label.show()


def _words_match(query: str, name: str) -> bool:
    """Every typed word starts a word of the name, diacritics and case ignored ("dak l"
    finds Đắk Lắk)."""
    words = fold(name).split()
    return all(any(w.startswith(q) for w in words) for q in fold(query).split())


# ---------------------------------------------------------------------- pages


class KindPage(QWidget):
    """A commune office or a care facility: the two ways the program is used."""

    def __init__(self, site_only: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Who uses this PC?")))
        intro = QLabel(
            self.tr(
                "The administrator's account exists, but this PC is not yet set up for a "
                "commune or a facility. Choose where the program is used."
            )
            if site_only
            else self.tr(
                "Welcome. A few short steps set the program up: where it is used, the "
                "administrator's account and, if you have one, the province's sync server."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addSpacing(12)
        self.group = QButtonGroup(self)
        self.commune = QRadioButton(self.tr("A commune or ward office (UBND xã/phường)"))
        self.facility = QRadioButton(
            self.tr("A social assistance facility (cơ sở trợ giúp xã hội)")
        )
        for button, kind, text in (
            (
                self.commune,
                SiteType.COMMUNE,
                self.tr(
                    "The culture and social affairs officer keeps the list of people receiving "
                    "the monthly allowance in the commune, their decisions and payments."
                ),
            ),
            (
                self.facility,
                SiteType.FACILITY,
                self.tr(
                    "A care centre or social protection centre keeps the files of the people "
                    "it looks after: admission, care, leaving."
                ),
            ),
        ):
            button.setProperty("site_type", kind.value)
            button.setStyleSheet("QRadioButton { font-weight: bold; }")
            self.group.addButton(button)
            layout.addWidget(button)
            note = QLabel(text)
            note.setWordWrap(True)
            note.setIndent(28)
            layout.addWidget(note)
            layout.addSpacing(10)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.setFocusProxy(self.commune)

    def site_type(self) -> SiteType | None:
        chosen = self.group.checkedButton()
        return None if chosen is None else SiteType(chosen.property("site_type"))


class PlacePage(QWidget):
    """The province, then the commune or ward: filtered as one types, without diacritics if
    need be; a commune found before a province was chosen brings its province along."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reference: ReferenceData | None = None
        self.site_type = SiteType.COMMUNE
        self._province: str | None = None
        self._commune: str | None = None
        layout = QVBoxLayout(self)
        self.title = heading("")
        layout.addWidget(self.title)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        province_label = QLabel(self.tr("&Province or city"))
        self.province_filter = QLineEdit()
        self.province_filter.setPlaceholderText(self.tr("Type to search, e.g. dak lak"))
        self.province_filter.setClearButtonEnabled(True)
        province_label.setBuddy(self.province_filter)
        self.province_list = QListWidget()
        self.province_list.setAccessibleName(self.tr("Provinces and cities"))
        commune_label = QLabel(self.tr("&Commune, ward or special zone"))
        self.commune_filter = QLineEdit()
        self.commune_filter.setPlaceholderText(self.tr("Type to search, e.g. dong hoa"))
        self.commune_filter.setClearButtonEnabled(True)
        commune_label.setBuddy(self.commune_filter)
        self.commune_list = QListWidget()
        self.commune_list.setAccessibleName(self.tr("Communes and wards"))
        for view in (self.province_list, self.commune_list):
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setUniformItemSizes(True)
            # Rows tall enough to hit with an unsteady mouse.
            view.setStyleSheet("QListWidget::item { padding: 3px 4px; }")
        grid.addWidget(province_label, 0, 0)
        grid.addWidget(self.province_filter, 1, 0)
        grid.addWidget(self.province_list, 2, 0)
        grid.addWidget(commune_label, 0, 1)
        grid.addWidget(self.commune_filter, 1, 1)
        grid.addWidget(self.commune_list, 2, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        layout.addLayout(grid, 1)

        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        self.chosen.setStyleSheet("QLabel { font-weight: bold; }")
        layout.addWidget(self.chosen)
        self.error = error_label()
        layout.addWidget(self.error)

        self.province_filter.textChanged.connect(self._fill_provinces)
        self.commune_filter.textChanged.connect(self._fill_communes)
        self.province_list.currentItemChanged.connect(self._province_picked)
        self.commune_list.currentItemChanged.connect(self._commune_picked)
        self.set_site_type(SiteType.COMMUNE)
        self._show_choice()
        self.setFocusProxy(self.province_filter)

    def set_site_type(self, site_type: SiteType) -> None:
        self.site_type = site_type
        if site_type == SiteType.FACILITY:
            self.title.setText(self.tr("Where is the facility?"))
            self.intro.setText(
                self.tr(
                    "Choose the province, then the commune or ward where the facility stands. "
                    "Typing part of a name is enough, with or without diacritics."
                )
            )
        else:
            self.title.setText(self.tr("Which commune or ward?"))
            self.intro.setText(
                self.tr(
                    "Choose the province, then your commune or ward (the units since 1 July "
                    "2025). Typing part of a name is enough, with or without diacritics; a "
                    "commune can also be searched in the whole country."
                )
            )

    def set_reference(self, reference: ReferenceData) -> None:
        self.reference = reference
        self._fill_provinces()
        self._fill_communes()

    def province_code(self) -> str | None:
        return self._province

    def commune_code(self) -> str | None:
        return self._commune

    def choice_text(self) -> str:
        """ "Phường Sài Gòn, Thành phố Hồ Chí Minh", or empty before a choice."""
        if self.reference is None or self._commune is None:
            return ""
        commune = self.reference.commune(self._commune)
        return "" if commune is None else self._label(commune, with_province=True)

    def settle(self) -> None:
        """A search that left exactly one commune is as good as picking it."""
        if self._commune is None and self.commune_list.count() == 1:
            self.commune_list.setCurrentRow(0)

    # ------------------------------------------------------------------ lists

    def _label(self, commune: Commune, *, with_province: bool) -> str:
        assert self.reference is not None
        province = self.reference.province(commune.province_code)
        if with_province and province is not None:
            return f"{commune.full_name}, {province.full_name}"
        return commune.full_name

    def _provinces(self) -> list[Province]:
        assert self.reference is not None
        text = self.province_filter.text()
        return [p for p in self.reference.provinces if _words_match(text, p.full_name)]

    def _fill_provinces(self) -> None:
        if self.reference is None:
            return
        shown = self._provinces()
        self.province_list.blockSignals(True)
        self.province_list.clear()
        for province in shown:
            item = QListWidgetItem(province.full_name)
            item.setData(Qt.ItemDataRole.UserRole, province.code)
            self.province_list.addItem(item)
            if province.code == self._province:
                self.province_list.setCurrentItem(item)
        self.province_list.blockSignals(False)
        if len(shown) == 1 and self.province_filter.text().strip():
            # One province left: it is the one meant.
            self.province_list.setCurrentRow(0)

    def _communes(self) -> tuple[list[Commune], bool]:
        """The communes to list, and whether they come from the whole country."""
        assert self.reference is not None
        text = self.commune_filter.text()
        if self._province is None:
            if not text.strip():
                return [], True
            return self.reference.search_communes(text, None, NATIONWIDE_LIMIT), True
        if not text.strip():
            ordered = sorted(self.reference.communes_of(self._province), key=lambda c: fold(c.name))
            return ordered, False
        return self.reference.search_communes(text, self._province, limit=1000), False

    def _fill_communes(self) -> None:
        if self.reference is None:
            return
        found, nationwide = self._communes()
        self.commune_list.blockSignals(True)
        self.commune_list.clear()
        for commune in found:
            item = QListWidgetItem(self._label(commune, with_province=nationwide))
            item.setData(Qt.ItemDataRole.UserRole, commune.code)
            self.commune_list.addItem(item)
            if commune.code == self._commune:
                self.commune_list.setCurrentItem(item)
        self.commune_list.blockSignals(False)

    def _province_picked(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        code = str(item.data(Qt.ItemDataRole.UserRole))
        if code == self._province:
            return
        self._province = code
        if self._commune is not None and self.reference is not None:
            commune = self.reference.commune(self._commune)
            if commune is None or commune.province_code != code:
                self._commune = None
        self._fill_communes()
        self._show_choice()

    def _commune_picked(self, item: QListWidgetItem | None) -> None:
        if item is None or self.reference is None:
            return
        commune = self.reference.commune(str(item.data(Qt.ItemDataRole.UserRole)))
        if commune is None:
            return
        self._commune = commune.code
        self.error.hide()
        if commune.province_code != self._province:
            # Found in the whole country: its province becomes the chosen one.
            self._province = commune.province_code
            if not any(p.code == commune.province_code for p in self._provinces()):
                self.province_filter.blockSignals(True)
                self.province_filter.clear()
                self.province_filter.blockSignals(False)
            self._fill_provinces()
            self._fill_communes()
        self._show_choice()

    def _show_choice(self) -> None:
        chosen = self.choice_text()
        if chosen:
            self.chosen.setText(self.tr("Chosen: {place}").format(place=chosen))
        elif self._province is None:
            self.chosen.setText(
                self.tr("Nothing chosen yet: pick a province, or search for the commune.")
            )
        else:
            self.chosen.setText(self.tr("Now pick the commune or ward in the list on the right."))


class FacilityPage(QWidget):
    """The facility's name and its code (the code names its data on the sync server)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("The facility")))
        intro = QLabel(
            self.tr(
                "The name appears on printed papers. The code is short and fixed: it names the "
                "facility's data on the province's sync server, so use the code the province "
                "gave you if there is one."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.name.setPlaceholderText(self.tr("e.g. Trung tâm Bảo trợ xã hội tỉnh Hà Tĩnh"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("e.g. TTBTXH01"))
        self.code_hint = QLabel(
            self.tr("Up to 16 letters without diacritics, digits, - or _; no spaces.")
        )
        self.code_hint.setWordWrap(True)
        self.code_error = error_label()
        self.place = QLabel()
        self.place.setWordWrap(True)
        form.addRow(self.tr("Facility name"), self.name)
        form.addRow(self.tr("Facility code"), _stack(self.code, self.code_hint, self.code_error))
        form.addRow(self.tr("Stands in"), self.place)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.setFocusProxy(self.name)


class _KeyPanel(RecoveryKeyDialog):
    """The recovery key dialog's content as a page: inside the wizard it is a plain widget,
    so Esc and Enter belong to the wizard (a dialog would hide itself on Esc)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.ignore()


class ServerPage(QWidget):
    """The province's sync server: address, account, a connection check. Optional."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Connect to the sync server (optional)")))
        intro = QLabel(
            self.tr(
                "If the province gave you a server address and an account, enter them to send "
                "this PC's data to the province. Without a network, or without an account yet, "
                "press “Later”: the program works fully on this PC, and the server can be set "
                "up any time on the Sync screen."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://btxh.tinh.gov.vn")
        self.check_button = QPushButton(self.tr("Check the connection"))
        self.check_button.setAutoDefault(False)
        url_row = QHBoxLayout()
        url_row.setContentsMargins(0, 0, 0, 0)
        url_row.addWidget(self.url, 1)
        url_row.addWidget(self.check_button)
        url_box = QWidget()
        url_box.setLayout(url_row)
        self.url_error = error_label()
        self.username = QLineEdit()
        self.username.setMaxLength(64)
        self.username_error = error_label()
        self.password = password_edit()
        self.password_error = error_label()
        form.addRow(self.tr("Server address"), _stack(url_box, self.url_error))
        form.addRow(self.tr("User name on the server"), _stack(self.username, self.username_error))
        form.addRow(self.tr("Password"), _stack(self.password, self.password_error))
        layout.addLayout(form)
        note = QLabel(
            self.tr(
                "The password is not stored: the server gives a sign-in key, kept in Windows' "
                "credential store."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.message = error_label()
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.setFocusProxy(self.url)

    def clear_errors(self) -> None:
        for label in (self.url_error, self.username_error, self.password_error, self.message):
            label.hide()


def _stack(*widgets: QWidget) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    for widget in widgets:
        column.addWidget(widget)
    return box


# ---------------------------------------------------------------------- the wizard


@dataclass(frozen=True)
class _Step:
    key: str
    title: Callable[[], str]
    page: QWidget


class FirstRunWizard(QDialog):
    """With a `gate`: a new installation, every step. With open `services`: the site only.

    `completed` carries the open services once the site is written (and the server set up
    or put off); `rejected` means the user quit before that."""

    completed = Signal(object)  # Services

    def __init__(
        self,
        runner: TaskRunner,
        *,
        gate: Gate | None = None,
        services: Services | None = None,
        data_folder: str = "",
        today: Callable[[], dt.date] = system_today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        assert (gate is None) != (services is None), "a new installation or an open one"
        self.runner = runner
        self.gate = gate
        self.services = services
        self.data_folder = data_folder
        self.choice: SiteChoice | None = None
        self.site_problem: BaseException | None = None
        self.key_panel: _KeyPanel | None = None
        self.reference: ReferenceData | None = None
        site_only = gate is None
        self.setWindowTitle(
            self.tr("BTXH Desktop — set up the site")
            if site_only
            else self.tr("BTXH Desktop — first run")
        )

        self.kind_page = KindPage(site_only)
        self.place_page = PlacePage()
        self.facility_page = FacilityPage()
        self.recovery_page = QWidget()
        QVBoxLayout(self.recovery_page).setContentsMargins(0, 0, 0, 0)
        self.problem_label = error_label()
        self.server_page = ServerPage()
        steps = [
            _Step("kind", lambda: self.tr("Kind of site"), self.kind_page),
            _Step("place", lambda: self.tr("Place"), self.place_page),
            _Step("facility", lambda: self.tr("The facility"), self.facility_page),
        ]
        self.admin_page: FirstAdminPage | None = None
        if gate is not None:
            self.admin_page = FirstAdminPage(gate, runner, today=today)
            steps += [
                _Step("admin", lambda: self.tr("Administrator"), self.admin_page),
                _Step("recovery", lambda: self.tr("Recovery key"), self.recovery_page),
                _Step("server", lambda: self.tr("Sync server"), self.server_page),
            ]
        self.steps = {step.key: step for step in steps}
        self.current = "kind"

        self.step_list = QListWidget()
        self.step_list.setObjectName("wizard_steps")
        self.step_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # It shows where one is; moving happens with the buttons, so clicks are not taken.
        self.step_list.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.step_list.setStyleSheet(
            "QListWidget#wizard_steps { background: #1f3a5f; color: #c9d6e6; border: none;"
            " padding-top: 12px; }"
            " QListWidget#wizard_steps::item { padding: 8px 12px;"
            " border-left: 4px solid transparent; }"
            " QListWidget#wizard_steps::item:selected { background: #2f5a8f; color: #ffffff;"
            " border-left: 4px solid #f2c14e; font-weight: bold; }"
        )
        self.stack = QStackedWidget()
        for step in steps:
            self.stack.addWidget(step.page)

        self.quit_button = QPushButton(self.tr("Quit"))
        self.back_button = QPushButton(self.tr("Back"))
        self.skip_button = QPushButton(self.tr("Later"))
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setObjectName("primary")
        for button in (self.quit_button, self.back_button, self.skip_button):
            button.setAutoDefault(False)
        self.next_button.setDefault(True)
        self.quit_button.clicked.connect(self.reject)
        self.back_button.clicked.connect(self.go_back)
        self.skip_button.clicked.connect(self.skip)
        self.next_button.clicked.connect(self.go_next)
        self.server_page.check_button.clicked.connect(self.check_connection)

        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.skip_button)
        if self.admin_page is not None:
            # The form's own button stands in for "Next" on its step.
            self.admin_page.create_button.setObjectName("primary")
            buttons.addWidget(self.admin_page.create_button)
            self.admin_page.created.connect(self._admin_created)
        buttons.addWidget(self.next_button)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        right = QVBoxLayout()
        right.setContentsMargins(18, 14, 18, 12)
        right.addWidget(self.stack, 1)
        right.addWidget(line)
        right.addLayout(buttons)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.step_list)
        outer.addLayout(right, 1)
        self.resize(*WIZARD_SIZE)

        self.kind_page.group.buttonClicked.connect(self._kind_clicked)
        self.runner.busy_changed.connect(self._busy_changed)
        self._show_step("kind")
        self.runner.run(ReferenceData.load, self._reference_loaded, self._reference_failed)

    # ------------------------------------------------------------------ steps

    def sequence(self) -> list[str]:
        """The steps this run goes through, as the choices so far make them."""
        keys = ["kind", "place"]
        if self.kind_page.site_type() == SiteType.FACILITY:
            keys.append("facility")
        if self.gate is not None:
            keys += ["admin", "recovery", "server"]
        return keys

    def step_titles(self) -> list[str]:
        return [self.steps[key].title() for key in self.sequence()]

    @property
    def admin_created(self) -> bool:
        return self.gate is not None and self.services is not None

    def _show_step(self, key: str) -> None:
        self.current = key
        self.stack.setCurrentWidget(self.steps[key].page)
        self._list_steps()
        self._update_buttons()
        self.steps[key].page.setFocus(Qt.FocusReason.OtherFocusReason)

    def _list_steps(self) -> None:
        self.step_list.clear()
        for number, title in enumerate(self.step_titles(), start=1):
            self.step_list.addItem(f"{number}. {title}")
        self.step_list.setCurrentRow(self.sequence().index(self.current))
        self.step_list.setFixedWidth(
            max(200, self.step_list.sizeHintForColumn(0) + 2 * self.step_list.frameWidth() + 8)
        )

    def _kind_clicked(self) -> None:
        """A facility has one step more: the list of steps follows the choice at once."""
        self.kind_page.error.hide()
        self._list_steps()

    def _last_site_step(self) -> str:
        return "facility" if self.kind_page.site_type() == SiteType.FACILITY else "place"

    def _update_buttons(self, busy: bool = False) -> None:
        key = self.current
        on_admin = key == "admin"
        after_admin = self.admin_created
        self.quit_button.setVisible(not after_admin)
        self.back_button.setVisible(key != "kind" and not after_admin)
        self.skip_button.setVisible(key == "server")
        self.next_button.setVisible(not on_admin)
        if self.admin_page is not None:
            self.admin_page.create_button.setVisible(on_admin)
        if self.gate is None and key == self._last_site_step():
            self.next_button.setText(self.tr("Finish"))
        elif key == "server":
            self.next_button.setText(self.tr("Sign in and start"))
        else:
            self.next_button.setText(self.tr("Next"))
        ready = not (key == "recovery" and not self._key_recorded())
        for button in (self.quit_button, self.back_button, self.skip_button):
            button.setEnabled(not busy)
        self.next_button.setEnabled(ready and not busy)
        self.server_page.check_button.setEnabled(not busy)

    def _busy_changed(self, busy: bool) -> None:
        self._update_buttons(busy)

    def _key_recorded(self) -> bool:
        return self.key_panel is not None and self.key_panel.confirm.isChecked()

    def go_back(self) -> None:
        keys = self.sequence()
        at = keys.index(self.current)
        if at > 0 and not self.admin_created:
            self._show_step(keys[at - 1])

    def go_next(self) -> None:
        if not self.next_button.isVisible() or not self.next_button.isEnabled():
            return
        key = self.current
        if key == "kind":
            self._leave_kind()
        elif key in ("place", "facility"):
            self._leave_site_step(key)
        elif key == "recovery":
            self._show_step("server")
        elif key == "server":
            self.sign_in()

    def _advance(self) -> None:
        keys = self.sequence()
        self._show_step(keys[keys.index(self.current) + 1])

    # ------------------------------------------------------------------ the site

    def _reference_loaded(self, reference: ReferenceData) -> None:
        self.reference = reference
        self.place_page.set_reference(reference)

    def _reference_failed(self, error: BaseException) -> None:
        log.error("the list of administrative units could not be read", exc_info=error)
        _show(self.place_page.error, error_text(error))

    def _leave_kind(self) -> None:
        kind = self.kind_page.site_type()
        if kind is None:
            _show(self.kind_page.error, self.tr("Choose one of the two kinds of site."))
            return
        self.place_page.set_site_type(kind)
        self._advance()

    def _leave_site_step(self, key: str) -> None:
        place = self.place_page
        place.settle()
        if place.commune_code() is None:
            if self.reference is None:
                text = self.tr("The list of communes is still loading; try again in a moment.")
            elif place.province_code() is None:
                text = self.tr("Choose the province, then the commune or ward, in the lists.")
            else:
                text = self.tr("Choose the commune or ward in the list on the right.")
            _show(place.error, text)
            if key != "place":
                self._show_step("place")
            return
        place.error.hide()
        if key == "place" and self._last_site_step() == "facility":
            self.facility_page.place.setText(place.choice_text())
            self._advance()
            return
        choice = self._resolve()
        if choice is None:
            return
        self.choice = choice
        if self.gate is None:
            self._write_site(then=self._finish)
        else:
            self._advance()

    def _resolve(self) -> SiteChoice | None:
        """The choice checked by the service's own rules; a refusal shows by its field."""
        assert self.reference is not None
        commune = self.place_page.commune_code()
        assert commune is not None
        facility = self.facility_page
        facility.code_error.hide()
        facility.error.hide()
        try:
            if self.kind_page.site_type() == SiteType.FACILITY:
                return resolve_site(
                    self.reference,
                    SiteType.FACILITY,
                    facility.code.text(),
                    facility.name.text(),
                    commune,
                )
            return resolve_site(self.reference, SiteType.COMMUNE, commune)
        except DomainError as error:
            if error.code == "site.facility_code_invalid":
                _show(
                    facility.code_error,
                    self.tr(
                        "The facility code must be 1 to 16 letters without diacritics, digits, "
                        "- or _ (no spaces), e.g. TTBTXH01."
                    ),
                )
                facility.code.setFocus()
            else:
                _show(self._site_error_label(), t(error.code, **error.params))
            return None

    def _site_error_label(self) -> QLabel:
        if self.current == "facility":
            return self.facility_page.error
        return self.place_page.error

    def _write_site(self, then: Callable[[], None]) -> None:
        services, choice = self.services, self.choice
        assert services is not None and choice is not None
        label = self._site_error_label()
        if self.gate is None:
            _show(label, self.tr("Saving the site…"), "notice")

        def write() -> object:
            return services.site.initialise(
                choice.site_type, choice.site_code, choice.site_name, choice.commune_code
            )

        def written(_info: object) -> None:
            label.hide()
            then()

        def failed(error: BaseException) -> None:
            self.site_problem = error
            if self.gate is None:
                _show(label, error_text(error))
            else:
                # The account exists and its key must still be shown: the site is asked
                # for again at the next start (the program opens no window without it).
                log.error("the site could not be saved after the first run", exc_info=error)
                then()

        self.runner.run(write, written, failed)

    # ------------------------------------------------------------------ the administrator

    def _admin_created(self, first: FirstAdmin) -> None:
        self.services = first.services
        username = first.services.ctx.actor.username
        self.key_panel = _KeyPanel(first.recovery_key, username, self.data_folder)
        self.key_panel.setWindowFlags(Qt.WindowType.Widget)
        self.key_panel.continue_button.hide()
        self.key_panel.confirm.toggled.connect(lambda _checked: self._update_buttons())
        layout = self.recovery_page.layout()
        assert layout is not None
        layout.addWidget(self.key_panel)
        layout.addWidget(self.problem_label)
        self._write_site(then=self._to_recovery)

    def _to_recovery(self) -> None:
        if self.site_problem is not None:
            _show(
                self.problem_label,
                self.tr(
                    "The site could not be saved ({error}); it is asked again next time."
                ).format(error=error_text(self.site_problem)),
            )
        self._show_step("recovery")

    # ------------------------------------------------------------------ the server

    def _server_fields(self) -> tuple[str, str] | None:
        page = self.server_page
        page.clear_errors()
        url, username = page.url.text().strip(), page.username.text().strip()
        if not url:
            _show(page.url_error, self.tr("Enter the server address, or press “Later”."))
            page.url.setFocus()
            return None
        if not username:
            _show(page.username_error, self.tr("Enter the user name the province gave you."))
            page.username.setFocus()
            return None
        return url, username

    def _configure(self, then: Callable[[SyncSettings], None]) -> None:
        """Keep the address and account (also when the check fails: the Sync screen shows
        them to correct later), then go on."""
        fields = self._server_fields()
        if fields is None:
            return
        url, username = fields
        assert self.services is not None
        sync = self.services.sync
        _show(self.server_page.message, self.tr("Connecting to the server…"), "notice")
        self.runner.run(
            lambda: sync.configure(server_url=url, username=username), then, self._server_failed
        )

    def check_connection(self) -> None:
        self._configure(lambda settings: self._check(settings, then=None))

    def _check(self, settings: SyncSettings, then: Callable[[], None] | None) -> None:
        assert self.services is not None
        sync = self.services.sync

        def answered(reachable: object) -> None:
            page = self.server_page
            if not reachable:
                _show(
                    page.message,
                    self.tr(
                        "Cannot reach the server at {url}. Check the address (ask the province "
                        "if unsure) and that this PC is connected to the network, or press "
                        "“Later”."
                    ).format(url=settings.server_url),
                )
                page.url.setFocus()
            elif then is None:
                _show(page.message, self.tr("The server answers. The connection works."), "notice")
            else:
                then()

        self.runner.run(
            lambda: sync.reachable(CHECK_TIMEOUT), answered, self._server_failed, network=True
        )

    def sign_in(self) -> None:
        page = self.server_page
        if self._server_fields() is None:
            return
        if not page.password.text():
            _show(page.password_error, self.tr("Enter the password."))
            page.password.setFocus()
            return
        password = page.password.text()
        assert self.services is not None
        sync = self.services.sync

        def login() -> None:
            _show(page.message, self.tr("Signing in…"), "notice")
            self.runner.run(
                lambda: sync.login(password), self._signed_in, self._server_failed, network=True
            )

        self._configure(lambda settings: self._check(settings, then=login))

    def _signed_in(self, _info: object) -> None:
        self.server_page.password.clear()
        self._finish()

    def _server_failed(self, error: BaseException) -> None:
        page = self.server_page
        if isinstance(error, DomainError) and error.field == "server_url":
            _show(page.url_error, t(error.code, **error.params))
            page.message.hide()
            page.url.setFocus()
        elif isinstance(error, DomainError) and error.field == "username":
            _show(page.username_error, t(error.code, **error.params))
            page.message.hide()
        else:
            _show(page.message, sync_error_text(error))
            page.password.selectAll()

    def skip(self) -> None:
        if self.current == "server":
            self._finish()

    # ------------------------------------------------------------------ ending

    def _finish(self) -> None:
        assert self.services is not None
        self.accept()
        self.completed.emit(self.services)

    def reject(self) -> None:
        """Before the account exists, quitting leaves nothing behind. After it, the key must
        be recorded first; on the server step, closing means "Later"."""
        if not self.runner.idle():
            return  # the account is being made or the server asked: wait for the answer
        if not self.admin_created:
            super().reject()
        elif self.current == "server":
            self._finish()
