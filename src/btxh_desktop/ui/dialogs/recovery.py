"""The recovery key, shown once: write it down or print it, then confirm.

It opens everything (docs/security.md, "The recovery key"), so it is never stored by the
program: this dialog is the only time it can be read. It cannot be dismissed before the
administrator confirms having recorded it.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.ui.dialogs.login_kit import fit_to_contents, monospace, role_label
from btxh_desktop.ui.widgets.form_kit import error_label, heading


class RecoveryKeyDialog(QDialog):
    def __init__(
        self,
        recovery_key: str,
        username: str,
        data_folder: str = "",
        parent: QWidget | None = None,
        *,
        renewed: bool = False,
    ) -> None:
        super().__init__(parent)
        self.recovery_key = recovery_key
        self.username = username
        self.data_folder = data_folder
        self.setWindowTitle(self.tr("Recovery key — write it down now"))
        self.print_dialog: QPrintDialog | None = None
        self.file_dialog: QFileDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Your recovery key")))
        intro = QLabel(
            self.tr("The old recovery key no longer works. Record this new one:")
            if renewed
            else self.tr(
                "The administrator's account is ready and the data is encrypted. "
                "Record this recovery key:"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.key_label = QLabel(recovery_key)
        self.key_label.setObjectName("recovery_key")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setWordWrap(True)  # breaks after a dash at the largest text sizes
        self.key_label.setStyleSheet(
            "QLabel#recovery_key { background: #fff8e1; border: 2px dashed #b58100;"
            " padding: 14px; color: #1a1a1a; }"
        )
        monospace(self.key_label, 5)
        layout.addWidget(self.key_label)
        points = QLabel(
            self.tr(
                "• It is shown only this once: the program does not keep it.\n"
                "• It sets a new password when the administrator's is forgotten, and restores "
                "damaged data.\n"
                "• Whoever holds it can open all the data: keep the paper in a sealed envelope, "
                "locked away from this PC (the office safe).\n"
                "• If every password and this key are lost, nobody can open the data."
            )
        )
        points.setWordWrap(True)
        layout.addWidget(points)

        row = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self.choose_printer)
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.pdf_button.clicked.connect(self.choose_pdf)
        for button in (self.print_button, self.pdf_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.pdf_note = QLabel(
            self.tr("A PDF is for printing: print it, then delete the file from this PC.")
        )
        self.pdf_note.setWordWrap(True)
        layout.addWidget(self.pdf_note)
        self.message = error_label()
        layout.addWidget(self.message)
        layout.addStretch(1)

        self.confirm = QCheckBox(self.tr("I have written down (or printed) the recovery key"))
        layout.addWidget(self.confirm)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.continue_button = QPushButton(self.tr("Continue"))
        self.continue_button.setEnabled(False)
        self.continue_button.clicked.connect(self.accept)
        self.confirm.toggled.connect(self.continue_button.setEnabled)
        bottom.addWidget(self.continue_button)
        layout.addLayout(bottom)
        fit_to_contents(self, 680, slack_lines=1)

    # ------------------------------------------------------------------ no way past it

    def reject(self) -> None:
        """Esc and the window's close button do nothing until the key is recorded."""
        if self.confirm.isChecked():
            super().accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm.isChecked():
            super().closeEvent(event)
        else:
            event.ignore()

    # ------------------------------------------------------------------ printing

    def document(self) -> QTextDocument:
        when = dt.datetime.now().strftime("%d/%m/%Y %H:%M")
        made = self.tr("Made on {when} for the administrator {user}.").format(
            when=when, user=self.username
        )
        folder = self.tr("Data folder: {folder}").format(folder=self.data_folder)
        keep = self.tr(
            "Keep this paper sealed and locked away from the PC. "
            "Whoever holds it can open all the data."
        )
        title = self.tr("BTXH Desktop — recovery key")
        body = (
            f"<h2>{html.escape(title)}</h2>"
            f"<p>{html.escape(made)}</p>"
            "<p style='font-size:20pt; font-family:monospace; font-weight:bold'>"
            f"{html.escape(self.recovery_key)}</p>"
            f"<p>{html.escape(folder)}</p><p>{html.escape(keep)}</p>"
        )
        document = QTextDocument()
        document.setHtml(body)
        return document

    def print_to(self, printer: QPrinter) -> None:
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        self.document().print_(printer)

    def save_pdf(self, path: Path) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        self.print_to(printer)
        role_label(self.message, "notice")
        self.message.setText(
            self.tr("Saved {name}. Print it, then delete the file.").format(name=path.name)
        )
        self.message.show()

    def choose_printer(self) -> QPrintDialog:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.accepted.connect(lambda: self.print_to(printer))
        self.print_dialog = dialog
        dialog.open()
        return dialog

    def choose_pdf(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Save the recovery key as PDF"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile("ma-khoi-phuc.pdf")
        dialog.fileSelected.connect(lambda name: self.save_pdf(Path(name)))
        self.file_dialog = dialog
        dialog.open()
        return dialog
