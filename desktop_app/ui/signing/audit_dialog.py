"""The audit log viewer: who signed, exported and verified what (hashes only), and a chain check."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import audit
from desktop_app.services.audit_listing import EntryChoice, export_csv
from desktop_app.services.signature_workflow import verify_signed_file
from desktop_app.ui.plain_text import plain_message
from desktop_app.ui.signing.common import ProblemLine, problem_words
from desktop_app.ui.status import status_label

COLUMNS = ("When", "User", "Action", "Case", "Details")
ACTION_WORDS = {
    "letter.signed": "Letter signed",
    "letter.exported": "Letter exported",
    "letter.rendered": "Letter rendered",
    "packet.exported": "Packet saved",
    "signature.verified": "Signature checked",
    "case.version_locked": "Version locked",
    "case.version_started": "New version started",
    "case.status": "Status changed",
    "case.created": "Case created",
    "case.saved": "Case saved",
    "case.duplicated": "Case duplicated",
    "case.deleted": "Case moved to the bin",
    "case.undeleted": "Case restored",
    "case.appeal_started": "Appeal started",
    "cases.imported": "Cases imported",
    "case.sealed": "Case fingerprinted (upgrade)",
    "audit.rekeyed": "Audit log re-keyed (upgrade)",
    "database.restored": "Database restored from a backup",
    "practice.settings_saved": "Practice settings saved",
    "payer_directory.saved": "Payer directory saved",
    "practice_regimens.saved": "Practice regimens saved",
    "label_confirmation.saved": "Drug label confirmed for the practice",
    "label_confirmation.removed": "Practice label confirmation removed",
    "audit.exported": "Audit log exported",
}
SHOWN = 500


# What each detail key means, in the words the log shows (services/cases.py,
# case_versions.py, letter_history.py, packet.py and signature_workflow.py write them). A key
# not listed is shown as "key: value".
DETAIL_LABELS = {
    "revision": "revision",
    "version": "version",
    "count": "cases",
    "pages": "pages",
    "parts": "parts",
    "result": "result",
    "status": "status",
    "source": "copied from case",
    "parent": "from case",
    "legacy_entries": "entries re-keyed",
    "backup": "backup",
    "replaced_kept": "replaced database kept as",
    "rows": "rows now",
    "added": "added",
    "updated": "updated",
    "skipped": "lines skipped",
}
# How a practice list changed (services/shared_lists.py writes "change").
CHANGE_WORDS = {"edited": "edited in the window", "csv_import": "imported from a CSV file",
                "from_case": "filled in from a case", "saved": "one saved from a case",
                "removed": "one removed", "moved_in": "moved into the practice's database"}
# True/False details: the words when true, and when false (None: say nothing).
FLAG_WORDS: dict[str, tuple[str, str | None]] = {
    "override": ("override reason given", None),
    "from_example": ("from the example cases", None),
    "signed": ("digitally signed", None),
    "whole_file": ("signature covers the whole file", "signature does NOT cover the whole file"),
    "legacy_intact": ("the earlier log was intact", "the earlier log was ALREADY BROKEN"),
    "sealed": ("fingerprint recorded at upgrade", None),
    "batch": ("in a batch", None),
}


def detail_words(detail: Mapping[str, object]) -> str:
    """One entry's details in plain words; hashes cut to 12 characters (enough to compare by eye
    with a file's SHA-256), case ids to the 8 the Case column shows."""
    parts: list[str] = []
    if "before" in detail or "after" in detail:
        parts.append(f"{_status(detail.get('before'))} → {_status(detail.get('after'))}")
    if detail.get("format"):
        parts.append(str(detail["format"]).upper())
    if detail.get("template"):
        version = detail.get("template_version")
        parts.append(f"template {detail['template']}" + (f" v{version}" if version else ""))
    # The row fingerprint is for the integrity check, not for reading.
    handled = {"before", "after", "format", "template", "template_version", "state_sha256"}
    for key, value in detail.items():
        if key in handled or value is None or value == "":
            continue
        if key in FLAG_WORDS:
            words = FLAG_WORDS[key][0] if value else FLAG_WORDS[key][1]
            if words:
                parts.append(words)
        elif key.endswith("sha256") or key.endswith("hash"):
            parts.append(f"SHA-256 {str(value)[:12]}…")
        elif key in ("source", "parent"):
            parts.append(f"{DETAIL_LABELS[key]} {str(value)[:8]}")
        elif key == "status":
            parts.append(f"status {_status(value)}")
        elif key == "change":
            parts.append(CHANGE_WORDS.get(str(value), str(value)))
        else:
            parts.append(f"{DETAIL_LABELS.get(key, key.replace('_', ' '))} {value}")
    return "; ".join(parts)


def _status(value: object) -> str:
    return status_label(str(value)) if value else "none"


class AuditLogDialog(QDialog):
    """The newest entries of the hash-chained log; "Check integrity" runs verify_chain."""

    def __init__(self, parent: QWidget | None = None, case_id: str | None = None) -> None:
        super().__init__(parent)
        self.case_id = case_id
        self.setWindowTitle("Audit log" + (" for this case" if case_id else ""))
        self.resize(980, 520)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Audit log entries")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.integrity = QLabel("")
        self.integrity.setAccessibleName("Integrity result")
        self.integrity.setWordWrap(True)
        self.integrity.setTextFormat(Qt.TextFormat.PlainText)  # a file name is data
        self.problem = ProblemLine()
        self.check_button = QPushButton("Check integrity")
        self.verify_button = QPushButton("Check a signed PDF…")
        self.export_button = QPushButton("Export to CSV…")
        self.export_button.setToolTip("Save every entry shown here and older ones as a CSV "
                                      "file (times in UTC), for an audit or a records request")
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addWidget(self.verify_button)
        row.addWidget(self.export_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.integrity)
        layout.addWidget(self.problem)
        layout.addLayout(row)
        self.check_button.clicked.connect(self.check_integrity)
        self.verify_button.clicked.connect(self.choose_and_verify)
        self.export_button.clicked.connect(lambda: self.export())
        self.reload()

    def reload(self) -> None:
        try:
            entries = audit.entries(SHOWN, case_id=self.case_id)
        except Exception as exc:  # noqa: BLE001 - shown in words
            self.problem.say(problem_words(exc))
            return
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            values = (
                entry.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                entry.user,
                ACTION_WORDS.get(entry.action, entry.action),
                (entry.case_id or "")[:8],
                detail_words(entry.detail),
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))

    def check_integrity(self) -> bool:
        try:
            report = audit.verify_chain()
        except Exception as exc:  # noqa: BLE001 - shown in words
            self.integrity.setText(problem_words(exc))
            return False
        colour = "#006400" if report.ok else "#a00000"
        self.integrity.setStyleSheet(f"color: {colour};")
        self.integrity.setText(report.message)
        return report.ok

    def verify(self, path: Path) -> str:
        """Check a signed PDF, record the check, and say the result; the table shows it too."""
        try:
            message = verify_signed_file(path, self.case_id).message
        except Exception as exc:  # noqa: BLE001 - shown in words
            message = problem_words(exc)
        self.reload()
        return message

    def choose_and_verify(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Check a signed PDF", "", "PDF (*.pdf)")
        if chosen:
            QMessageBox.information(self, "Signature check",
                                    plain_message(self.verify(Path(chosen))))


    def export(self, target: Path | None = None) -> int | None:
        """Save the whole log (or this case's) as CSV; how many entries, None if not saved."""
        if target is None:
            name, _filter = QFileDialog.getSaveFileName(
                self, "Export the audit log", "pa-letter-audit-log.csv", "CSV (*.csv)")
            if not name:
                return None
            target = Path(name)
        try:
            count = export_csv(target, EntryChoice(case_id=self.case_id))
        except Exception as exc:  # noqa: BLE001 - shown in words
            self.problem.say(problem_words(exc))
            return None
        self.integrity.setStyleSheet("")
        self.integrity.setText(f"Saved {count} entries to {target.name} (times in UTC).")
        self.reload()  # the export is itself an entry
        return count


def open_audit_log(parent: QWidget | None = None, case_id: str | None = None) -> AuditLogDialog:
    """Entry point: show the audit log (all cases, or one); non-modal."""
    dialog = AuditLogDialog(parent, case_id)
    dialog.show()
    return dialog
