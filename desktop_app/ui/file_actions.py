"""File menu work: import and export case files, export letters, and the settings dialog."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox

from desktop_app.errors import AppError, CaseFileError
from desktop_app.ui import export_flow

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow


def import_case_files(window: MainWindow, paths: list[Path] | None = None) -> int:
    """Add each chosen case file as a new draft; unusable files are listed with file and field."""
    from desktop_app.services.casefiles import import_case_file

    chosen = paths if paths is not None else export_flow.ask_open_paths(window)
    if not chosen:
        return 0
    added: list[Any] = []
    problems: list[str] = []
    for path in chosen:
        try:
            added.append(window.store.create_case(import_case_file(path)))
        except CaseFileError as exc:
            problems.append(str(exc))
        except AppError as exc:
            problems.append(f"{path.name}: {exc}")
    if added:
        window.load_cases()
        window.open_case(added[-1].id)
        noun = "case" if len(added) == 1 else "cases"
        window.statusBar().showMessage(f"Imported {len(added)} {noun}.", 8000)
    if problems:
        QMessageBox.warning(
            window, "Some files could not be imported",
            "These files were not imported:\n\n• " + "\n• ".join(problems)
            + "\n\nFix the named field in the file and import it again.",
        )
    return len(added)


def export_case_file(window: MainWindow) -> Path | None:
    """Save the open case as a format-1 case file (spec/case-format.md)."""
    from desktop_app.services.casefiles import export_case_file as write_case_file
    from desktop_app.services.casefiles import suggested_case_file_name

    if window.page.stored is None or not window.page.flush():
        return None
    case = window.page.current_case()
    name = suggested_case_file_name(case)
    path = export_flow.ask_save_path(window, "Export case file", window.export_folder / name,
                                     "json")
    if path is None:
        return None
    try:
        write_case_file(case, path)
    except AppError as exc:
        window.show_error("The case file could not be saved", exc)
        return None
    window.export_folder = path.parent
    window.statusBar().showMessage(f"Case file saved: {path.name}", 8000)
    return path


def export_letter_as(window: MainWindow, fmt: str, template: str | None = None) -> bool:
    """Export the open case's letter (or the letter `template` names, e.g. the patient
    explainer); asks for an override reason while errors stand."""
    page = window.page
    if page.stored is None:
        return False
    if not page.flush():
        window.statusBar().showMessage("Resolve the message above the case first.", 8000)
        return False

    def done(result: export_flow.ExportDone) -> None:
        window.export_folder = result.path.parent
        note = " (with an override reason, recorded)" if result.override_reason else ""
        what = "Letter for the patient" if template else "Letter"
        window.statusBar().showMessage(f"{what} saved: {result.path}{note}", 10000)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, AppError):
            window.show_error("The letter could not be exported", exc)
        else:
            raise exc

    return export_flow.export_letter(
        window, window.store, page.stored.id, page.current_case(), fmt, window.export_folder,
        done, failed, template=template,
    )


def open_settings(window: MainWindow, focus: str | None = None) -> bool:
    """Show the settings dialog (at the field `focus` names, such as "letterhead.fax", when
    a finding about it was clicked); True when the user saved."""
    from desktop_app.ui.settings_dialog import SettingsDialog

    try:
        dialog = SettingsDialog(window, store=window.store)
    except AppError as exc:
        window.show_error("Settings could not be read", exc)
        return False
    if focus is not None:
        dialog.focus_setting(focus)
    saved = bool(dialog.exec())
    if saved:
        # The prescriber picker lists the directory as it was read; show the saved one.
        if window.page.editor is not None:
            window.page.editor.refresh_directory()
        window.show_folder_notes()
        said = "Settings saved." if dialog.practice_editable else (
            "This desk's database connection was saved; it is used from the next start.")
        window.statusBar().showMessage(said, 8000)
    return saved
