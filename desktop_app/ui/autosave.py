"""Autosave: every edit restarts a short timer that saves the open case; there is no Save button.

A save names the revision it started from, so a save from another window is detected
(EditConflict) instead of silently overwritten; saving then pauses until the user chooses.
A save that fails is never reported as done: the failure is shown, the typing stays in the
form and in a recovery file (services/recovery.py), and the save is retried.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.errors import AppError

if TYPE_CHECKING:
    from desktop_app.domain.case import Case

# Under a second, so closing the app or a crash right after typing loses nothing noticeable.
AUTOSAVE_DELAY_MS = 600
RETRY_DELAY_MS = 3000


class Autosave(QObject):
    """Saves `case_source()` into the open stored case a moment after the last edit."""

    saved = Signal(object)  # StoredCase
    conflict = Signal(object)  # EditConflict (with .current)
    locked = Signal(object)  # CaseLocked
    failed = Signal(str)  # any other AppError, in words

    def __init__(self, store: Any, case_source: Callable[[], Case],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.case_source = case_source
        self.stored: Any = None
        self.pending = False
        self.paused = False
        self.kept = False  # a recovery file holds typing that is not saved yet
        self.timer = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)

    @property
    def case_id(self) -> Any:
        return None if self.stored is None else self.stored.id

    def start(self, stored: Any) -> None:
        """Follow this stored case from now on (after open, reload or a new version)."""
        self.timer.stop()
        self.stored = stored
        self.pending = False
        self.paused = False

    def stop(self) -> None:
        self.timer.stop()
        self.stored = None
        self.pending = False

    def changed(self) -> None:
        if self.stored is None:
            return
        self.pending = True
        if not self.paused:
            self.timer.start()

    def flush(self) -> bool:
        """Save now if an edit is waiting. True when nothing is left unsaved."""
        self.timer.stop()
        if not self.pending or self.stored is None:
            return True
        # Only with an edit to save: quitting with nothing open never loads the database layer.
        from desktop_app.services.cases import CaseLocked, EditConflict

        if self.paused:
            self.keep_on_disk()  # waiting for the user's choice; a crash meanwhile loses nothing
            return False
        try:
            result = self.store.save_case(
                self.stored.id, self.case_source(), expected_revision=self.stored.revision
            )
        except EditConflict as exc:
            self.paused = True
            self.conflict.emit(exc)
            return False
        except CaseLocked as exc:
            self.paused = True
            self.locked.emit(exc)
            return False
        except AppError as exc:
            # Busy or unreachable database: keep the edit on disk too, and try again shortly.
            self.keep_on_disk()
            self.timer.start(RETRY_DELAY_MS)
            self.failed.emit(str(exc))
            return False
        self.pending = False
        self.timer.setInterval(AUTOSAVE_DELAY_MS)
        self.stored = result
        self._forget_kept(result.id)
        self.saved.emit(result)
        return True

    def keep_on_disk(self) -> None:
        from desktop_app.services.recovery import keep_typing

        try:
            case = self.case_source()
        except Exception:  # noqa: BLE001 - the form itself is kept in memory regardless
            return
        self.kept = keep_typing(self.stored.id, case, self.stored.revision) is not None

    def _forget_kept(self, case_id: Any) -> None:
        if self.kept:
            from desktop_app.services.recovery import forget_typing

            forget_typing(case_id)
            self.kept = False
