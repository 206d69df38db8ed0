"""What the open case does after an autosave: carry on, settle a conflict, or start a version.

Someone else's newer save (another window, another workstation) pauses autosave until the user
chooses whose text to keep; a signed, locked letter is never changed in place, only through a
new version, so the signed one stays as it was signed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from desktop_app.errors import AppError

if TYPE_CHECKING:
    from desktop_app.ui.case_page import CasePage

CONFLICT_TEXT = (
    "Someone saved this case in another window while you were editing it. "
    "Your latest changes are not saved yet."
)
LOCKED_OPEN_TEXT = "This letter is signed and locked, so it cannot change."
LOCKED_EDIT_TEXT = "This letter is signed and locked, so your change was not saved."


class SaveOutcomes(QObject):
    """Listens to the page's Autosave and answers each outcome in the page's message banner."""

    def __init__(self, page: CasePage) -> None:
        super().__init__(page)
        self.page = page
        autosave = page.autosave
        autosave.saved.connect(self._on_saved)
        autosave.conflict.connect(self._on_conflict)
        autosave.locked.connect(lambda _exc: self.offer_new_version(LOCKED_EDIT_TEXT))
        autosave.failed.connect(
            lambda text: page.banner.show_message(
                f"Not saved yet: {text}. Your typing is kept on this computer; retrying.",
                "error",
            )
        )

    def _on_saved(self, stored: Any) -> None:
        page = self.page
        page.stored = stored
        if page.banner.kind == "error":
            page.banner.dismiss()  # a retried save went through
        page.show_header()
        page.list_changed.emit()

    def _on_conflict(self, conflict: Any) -> None:
        self.page.banner.show_message(
            CONFLICT_TEXT,
            "warning",
            [("Reload theirs", lambda: self.reload_theirs(conflict.current)),
             ("Keep mine (save as a copy)", self.keep_mine_as_copy)],
            closable=False,
        )

    def reload_theirs(self, current: Any) -> None:
        from desktop_app.services.recovery import forget_typing

        page = self.page
        forget_typing(current.id)  # the user chose the other window's text over theirs
        page.autosave.stop()
        page.stored = None
        page.open(current)
        page.list_changed.emit()

    def keep_mine_as_copy(self) -> None:
        page = self.page
        mine = page.editor.case()
        try:
            copy = page.store.create_case(mine, status="draft", parent_case_id=page.stored.id)
        except AppError as exc:
            page.banner.show_message(f"The copy could not be saved: {exc}", "error")
            return
        from desktop_app.services.recovery import forget_typing

        forget_typing(page.stored.id)
        page.autosave.stop()
        page.stored = None
        page.list_changed.emit()
        page.open_requested.emit(copy.id)
        page.message.emit("Your changes were saved as a copy; the other window's version is kept.")

    def offer_kept_typing(self, stored: Any) -> bool:
        """Typing kept after a failed save (this session or one that crashed): offer it back."""
        from desktop_app.services.recovery import forget_typing, kept_typing

        kept = kept_typing(stored.id)
        if kept is None:
            return False
        if kept.case == stored.case:
            forget_typing(stored.id)  # it did reach the database after all
            return False
        when = kept.kept_at.astimezone().strftime("%Y-%m-%d %H:%M")
        newer = (" The case was saved again since then; restoring replaces that."
                 if kept.revision != stored.revision else "")
        page = self.page

        def restore() -> None:
            page.editor.set_case(kept.case)
            page.autosave.kept = True
            page.autosave.changed()
            page.flush()

        def discard() -> None:
            forget_typing(stored.id)

        page.banner.show_message(
            f"Changes typed in this case at {when} could not be saved then; they were kept "
            f"on this computer.{newer}",
            "warning", [("Restore my changes", restore), ("Discard them", discard)],
            closable=False,
        )
        return True

    def offer_new_version(self, text: str) -> None:
        self.page.banner.show_message(
            text + " Start a new version to change it; the signed one is kept.",
            "info", [("Start a new version", self.start_new_version)],
        )

    def start_new_version(self) -> None:
        """Unlock a signed case as its next version, keeping any edit typed meanwhile."""
        page = self.page
        if page.stored is None:
            return
        edits = page.editor.case() if page.autosave.pending else None
        try:
            fresh = page.store.new_version(page.stored.id)
            if edits is not None:
                fresh = page.store.save_case(fresh.id, edits, expected_revision=fresh.revision)
        except AppError as exc:
            page.banner.show_message(f"A new version could not start: {exc}", "error")
            return
        page.autosave.stop()
        page.stored = None
        page.open(fresh)
        page.list_changed.emit()
        page.message.emit("A new version is open for changes; the signed version is kept.")
