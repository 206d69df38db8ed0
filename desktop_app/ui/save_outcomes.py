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
        self.conflict_dialog: Any = None
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
        # Not modal: staff can still read the case and the other desk's fields before choosing.
        self.page.banner.show_message(
            CONFLICT_TEXT + self._fields_they_changed(conflict.current),
            "warning",
            [("Compare and merge…", lambda: self.compare_and_merge(conflict.current)),
             ("Reload theirs", lambda: self.reload_theirs(conflict.current)),
             ("Keep mine (save as a copy)", self.keep_mine_as_copy)],
            closable=False,
        )

    def _fields_they_changed(self, theirs: Any) -> str:
        from desktop_app.services.edit_conflicts import field_changes
        from desktop_app.ui.conflict_dialog import field_label

        if self.page.autosave.stored is None:
            return ""
        changes = field_changes(self.page.autosave.stored.case, self.page.editor.case(),
                                theirs.case)
        named = [field_label(c) for c in changes if c.changed_by != "mine"]
        if not named:
            return ""
        shown = ", ".join(named[:4]) + (f" and {len(named) - 4} more" if len(named) > 4 else "")
        return f" Changed there: {shown}."

    def compare_and_merge(self, theirs: Any) -> None:
        """Show what each desk changed; the person's choice is saved over their version."""
        from desktop_app.ui.conflict_dialog import ConflictDialog

        page = self.page
        if page.stored is None or page.autosave.stored is None:
            return
        base, mine = page.autosave.stored.case, page.editor.case()
        dialog = ConflictDialog(base, mine, theirs.case, parent=page)
        self.conflict_dialog = dialog
        dialog.finished.connect(lambda _code: self._answered(dialog, base, mine, theirs))
        dialog.open()

    def _answered(self, dialog: Any, base: Any, mine: Any, theirs: Any) -> None:
        """Apply the answer, then let the closed dialog go: a hidden dialog kept as the page's
        child would hold the keyboard focus Qt last gave it, and each conflict of a long day
        would keep another one."""
        try:
            self._resolved(dialog.outcome, dialog.choices, base, mine, theirs)
        finally:
            dialog.deleteLater()

    def _resolved(self, outcome: str, choices: dict[str, str], base: Any, mine: Any,
                  theirs: Any) -> None:
        """Apply Keep mine / Take theirs / Merge; a closed dialog leaves the banner up."""
        from desktop_app.services import edit_conflicts as ec

        page = self.page
        self.conflict_dialog = None
        if not outcome or page.stored is None:
            return
        kept = None
        if outcome == "take_theirs":
            kept = ec.keep_my_version(theirs.id, mine)
            self.reload_theirs(theirs)
            self._say_kept("The other desk's version is open", kept)
            return
        if outcome == "keep_mine":
            result, kept = mine, ec.keep_my_version(theirs.id, theirs.case, "their")
        else:
            merge = ec.merge_cases(base, mine, theirs.case, choices)  # type: ignore[arg-type]
            result = merge.case
            if merge.left_out:
                kept = ec.keep_my_version(theirs.id, mine)
        try:
            saved = page.store.save_case(theirs.id, result, expected_revision=theirs.revision)
        except AppError as exc:
            # A third desk saved meanwhile (EditConflict) or the server is away: the typing
            # stays in the form and the banner offers the choice again.
            page.autosave.paused = True
            page.banner.show_message(f"The merge was not saved: {exc}", "error",
                                     [("Compare again…", lambda: self.compare_and_merge(
                                         page.store.get_case(theirs.id)))], closable=False)
            return
        page.banner.dismiss()
        page.autosave.stop()
        page.stored = None
        page.open(saved)
        page.list_changed.emit()
        self._say_kept("Saved: your changes and the other desk's are combined" if
                       outcome == "merge" else "Saved your version", kept)

    def _say_kept(self, done: str, kept: Any) -> None:
        where = f"; the version left out is kept in {kept}" if kept is not None else ""
        self.page.message.emit(done + where + ".")

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
