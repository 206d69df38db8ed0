"""Exporting letters (PDF, DOCX) and case files, importing case files, and the override dialog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.findings import Finding, Severity
from desktop_app.errors import AppError
from desktop_app.ui.workers import start_task

if TYPE_CHECKING:
    from desktop_app.domain.case import Case

FILTERS = {
    "pdf": "PDF letter (*.pdf)",
    "docx": "Word document (*.docx)",
    "json": "Case file (*.json)",
}


class OverrideDialog(QDialog):
    """Errors still stand: the letter goes out only with a reason, which its record keeps."""

    def __init__(self, errors: list[Finding], fmt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export with errors?")
        count = len(errors)
        listed = "\n".join(f"• {f.message}" for f in errors[:8])
        if count > 8:
            listed += f"\n• … and {count - 8} more"
        intro = QLabel(
            f"This letter still has {count} error{'s' if count != 1 else ''}:\n{listed}\n\n"
            f"To export the {fmt.upper()} anyway, say why. The reason is kept with the "
            "letter's export record."
        )
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Reason for exporting with errors")
        self.reason.setPlaceholderText("For example: payer's portal requires the draft today")
        self.reason.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Export anyway")
        self.ok.setEnabled(False)
        self.reason.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.reason.toPlainText().strip()))
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.reason.setFocus()

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()


def ask_override_reason(errors: list[Finding], fmt: str, parent: QWidget | None) -> str | None:
    dialog = OverrideDialog(errors, fmt, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason_text() or None


def ask_save_path(parent: QWidget | None, title: str, suggested: Path, fmt: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), FILTERS[fmt])
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == f".{fmt}" else path.with_name(f"{path.name}.{fmt}")


def ask_open_paths(parent: QWidget | None) -> list[Path]:
    chosen, _ = QFileDialog.getOpenFileNames(parent, "Import case files", "", FILTERS["json"])
    return [Path(p) for p in chosen]


@dataclass(frozen=True, slots=True)
class ExportDone:
    path: Path
    fmt: str
    override_reason: str | None


def export_letter(
    parent: QWidget,
    store: Any,
    case_id: Any,
    case: Case,
    fmt: str,
    folder: Path,
    on_done: Callable[[ExportDone], None],
    on_failed: Callable[[BaseException], None],
    *,
    template: str | None = None,
) -> bool:
    """Ask what is needed (reason while errors stand, file name), then render off the GUI thread.

    `template` picks a letter other than the case's own (the patient explainer); its checks
    are the template's rule sets.

    Returns False when the user cancelled. The export record is written once the file is saved.
    """
    from desktop_app.services.check import check_case
    from desktop_app.services.render import suggested_file_name

    errors = [f for f in check_case(case, template).findings if f.severity is Severity.ERROR]
    reason = None
    if errors:
        reason = ask_override_reason(errors, fmt, parent)
        if reason is None:
            return False
    title = "Export letter as PDF" if fmt == "pdf" else "Export letter as Word document"
    if template:
        title = "Save the letter for the patient"
    name = suggested_file_name(case, fmt, template)  # type: ignore[arg-type]
    path = ask_save_path(parent, title, folder / name, fmt)
    if path is None:
        return False
    snapshot = case.model_copy(deep=True)

    def work() -> tuple[Any, Path]:
        from desktop_app.services.render import render_letter, write_part

        letter = render_letter(
            snapshot, fmt=fmt, template=template, override_reason=reason  # type: ignore[arg-type]
        )
        return letter, write_part(letter, path)

    def saved(result: tuple[Any, Path]) -> None:
        # The database is written on the GUI thread: the store is not shared across threads.
        # The letter gets its name only once its record is committed, so no letter goes out
        # that the records do not know.
        from desktop_app.services.render import commit_part, discard_part

        letter, part = result
        try:
            store.record_export(
                case_id, fmt=fmt, template_id=letter.template_id,
                template_version=letter.template_version, template_hash=letter.template_hash,
                file_sha256=letter.sha256, override_reason=reason,
            )
        except AppError as exc:
            discard_part(part)
            on_failed(exc)
            return
        try:
            commit_part(part, path)
        except AppError as exc:
            on_failed(exc)
            return
        on_done(ExportDone(path, fmt, reason))

    start_task(work, saved, on_failed)
    return True
