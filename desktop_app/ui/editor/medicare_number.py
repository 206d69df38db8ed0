"""The Medicare number typed once: for Original Medicare (Part B) the MBI is the member ID.

Typing it under Patient or under Payer fills the other field too, as long as the two still
agree (or the other is empty); a different member ID typed on purpose is left alone. The
letter then prints it once (templates compare the two).
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop_app.ui.editor.forms import SectionForm
from desktop_app.ui.editor.widgets import TextLine

# Medicare Advantage and Part D plans issue their own member IDs, so only Part B is linked.
LINKED_PLAN_TYPES = frozenset({"medicare_part_b"})


def _bare(text: str) -> str:
    return text.replace("-", "").replace(" ", "").upper()


def same_number(a: str, b: str) -> bool:
    return _bare(a) == _bare(b)


class MedicareNumberLink(QObject):
    """Keeps payer.member_id and patient.mbi equal while the plan is Medicare Part B."""

    def __init__(self, payer: SectionForm, patient: SectionForm) -> None:
        super().__init__(payer)
        self._payer = payer
        self._member = payer.fields["member_id"]
        self._mbi = patient.fields["mbi"]
        assert isinstance(self._member, TextLine) and isinstance(self._mbi, TextLine)
        self._last = {id(self._member): "", id(self._mbi): ""}
        self._member.textEdited.connect(lambda text: self._mirror(self._member, self._mbi, text))
        self._mbi.textEdited.connect(lambda text: self._mirror(self._mbi, self._member, text))
        payer.fields["plan_type"].edited.connect(self._plan_changed)  # type: ignore[attr-defined]

    def loaded(self) -> None:
        """A case was shown: remember what each field holds now."""
        for line in (self._member, self._mbi):
            self._last[id(line)] = line.text()  # type: ignore[attr-defined]

    def linked(self) -> bool:
        return self._payer.fields["plan_type"].value() in LINKED_PLAN_TYPES  # type: ignore[attr-defined]

    def _mirror(self, source: TextLine, target: TextLine, text: str) -> None:
        before = self._last[id(source)]
        self._last[id(source)] = text
        if not self.linked():
            return
        if not target.text().strip() or same_number(target.text(), before):
            target.setText(text)
            self._last[id(target)] = text

    def _plan_changed(self) -> None:
        if not self.linked():
            return
        member, mbi = self._member.text().strip(), self._mbi.text().strip()
        if mbi and not member:
            self._member.setText(self._mbi.text())
        elif member and not mbi:
            self._mbi.setText(self._member.text())
        self.loaded()
