"""Settings > Database: where this desk keeps its cases, and a Test connection with a verdict.

A solo office keeps the SQLite file in the data folder. A practice of several desks points
each desk at one PostgreSQL database: server, port, database, user, TLS mode here; the
password goes to the OS keyring (never the settings file), or, on a computer without one, the
tab says where to keep it instead. The desk switches databases when the app starts again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.desk_connection import (
    TLS_MODES,
    ConnectionVerdict,
    SharedDatabase,
    keep_password,
    local_database_file,
    password_note,
    test_connection,
)
from desktop_app.ui.workers import start_task

TLS_WORDS = {
    "disable": "Off (never on a network with patient data)",
    "allow": "Only if the server insists",
    "prefer": "If the server offers it",
    "require": "Required (encrypted)",
    "verify-ca": "Required, server certificate checked",
    "verify-full": "Required, certificate and server name checked",
}


class DatabaseSettingsTab(QWidget):
    """Reads and writes `settings.database`; the password only through `save_password()`."""

    def __init__(self, current: SharedDatabase | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        local_file = local_database_file()
        self.setObjectName("databaseTab")
        self.local = QRadioButton(f"On this computer only ({local_file})")
        self.shared = QRadioButton("On the practice's shared database server (PostgreSQL)")
        self.host = QLineEdit(objectName="dbHost", placeholderText="db.clinic.lan")
        self.port = QSpinBox(objectName="dbPort", minimum=1, maximum=65535, value=5432)
        self.database = QLineEdit("pa_letter", objectName="dbName")
        self.user = QLineEdit(objectName="dbUser")
        self.password = QLineEdit(objectName="dbPassword", echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("unchanged" if current else "")
        self.tls = QComboBox(objectName="dbTls")
        for mode in TLS_MODES:
            self.tls.addItem(TLS_WORDS[mode], mode)
        self.note = QLabel(password_note(), wordWrap=True)
        self.test_button = QPushButton("&Test connection")
        self.test_button.clicked.connect(self.run_test)
        self.verdict = QLabel(wordWrap=True, objectName="dbVerdict")
        self.verdict.setAccessibleName("Connection test result")
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)  # server words are text, not markup
        self._fill(current)
        self._layout()
        self.local.toggled.connect(self._enable)
        self._enable()

    def _fill(self, current: SharedDatabase | None) -> None:
        (self.shared if current else self.local).setChecked(True)
        chosen = current or SharedDatabase(host="", user="")
        self.host.setText(chosen.host)
        self.port.setValue(chosen.port)
        self.database.setText(chosen.database)
        self.user.setText(chosen.user)
        self.tls.setCurrentIndex(max(0, TLS_MODES.index(chosen.tls_mode)
                                     if chosen.tls_mode in TLS_MODES else 3))

    def _layout(self) -> None:
        form = QFormLayout()
        for label, widget in (("&Server:", self.host), ("P&ort:", self.port),
                              ("&Database:", self.database), ("&User:", self.user),
                              ("Pass&word:", self.password), ("T&LS:", self.tls)):
            form.addRow(label, widget)
            widget.setAccessibleName("Database " + label.replace("&", "").rstrip(":").lower())
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.verdict, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Where this desk keeps its cases, templates and audit log:"))
        layout.addWidget(self.local)
        layout.addWidget(self.shared)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addLayout(test_row)
        layout.addWidget(QLabel(
            "Prepare a new server once with `pa-letter db init --url …`. A change here takes "
            "effect when the app starts again.", wordWrap=True))
        layout.addStretch(1)

    def _enable(self) -> None:
        on = self.shared.isChecked()
        for widget in (self.host, self.port, self.database, self.user, self.password, self.tls,
                       self.test_button):
            widget.setEnabled(on)

    def chosen(self) -> SharedDatabase | None:
        """The connection as typed, or None for the SQLite file on this computer."""
        if not self.shared.isChecked():
            return None
        return SharedDatabase(host=self.host.text().strip(), port=self.port.value(),
                              database=self.database.text().strip(),
                              user=self.user.text().strip(), tls_mode=str(self.tls.currentData()))

    def problems(self) -> list[str]:
        conf = self.chosen()
        if conf is None:
            return []
        missing = [name for name, value in (("server", conf.host), ("database", conf.database),
                                            ("user", conf.user)) if not value]
        return [f"Database: the {name} is missing" for name in missing]

    def apply_to(self, settings: Any) -> Any:
        return settings.model_copy(update={"database": self.chosen()})

    def save_password(self) -> str | None:
        """After the settings are saved: keep a typed password; returns what happened."""
        conf = self.chosen()
        if conf is None or not self.password.text():
            return None
        return keep_password(conf, self.password.text())

    def run_test(self) -> None:
        problems = self.problems()
        if problems:
            self.show_verdict(ConnectionVerdict(False, "; ".join(problems) + "."))
            return
        conf, password = self.chosen(), self.password.text() or None
        assert conf is not None
        self.test_button.setEnabled(False)
        self.verdict.setText("Connecting…")
        start_task(lambda: test_connection(conf, password), self.show_verdict,
                   lambda exc: self.show_verdict(ConnectionVerdict(False, str(exc))), owner=self)

    def show_verdict(self, verdict: ConnectionVerdict) -> None:
        self.test_button.setEnabled(self.shared.isChecked())
        mark = "✔" if verdict.ok else "✘"
        color = "#1b6e20" if verdict.ok else "#9b1c1c"
        self.verdict.setStyleSheet(f"color: {color};")
        self.verdict.setText(f"{mark} {verdict.message}")
