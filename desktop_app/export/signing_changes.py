"""What was added to a PDF after a signature, and whether a reader would see it.

A signature counts only if everything after its revision is allowed: a later signature whose
stamp sits on blank space, or document security data (certificates, revocation data). Edited
document information (title, author, subject, keywords), added or removed pages, anything
that draws over the signed pages and a later stamp that carries an action (a script, a link,
a command that hides or shows parts of the page) are not, whatever pyHanko's difference
analysis rates them: it lets a new signature field bring anything with it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from desktop_app.export.signing_pages import Box, RenderedPage, box_is_blank, page_changes

# What signing software rewrites in the document information on every signature.
_INFO_KEYS_SIGNING_TOUCHES = frozenset({"/ModDate", "/Producer"})


@dataclass(frozen=True, slots=True)
class StampPlace:
    """Where a signature field's visible stamp is: page index and box in points."""

    page: int
    box: Box


def _field_name(widget: Any) -> str:
    parts = []
    node: Any = widget
    for _depth in range(32):  # a cyclic /Parent chain must not hang verify
        title = node.get("/T")
        if title is not None:
            parts.append(str(title))
        parent = node.get("/Parent")
        if parent is None:
            break
        node = parent.get_object()
    return ".".join(reversed(parts))


def _is_signature(widget: Any) -> bool:
    node: Any = widget
    for _depth in range(32):
        if node.get("/FT") == "/Sig":
            return True
        parent = node.get("/Parent")
        if parent is None:
            return False
        node = parent.get_object()
    return False


def _action_of(widget: Any) -> str | None:
    """The kind of action a widget or the field above it runs (`/A` on a click, `/AA` when
    shown, hovered or the page opens), or None."""
    node: Any = widget
    for _depth in range(32):
        for key in ("/A", "/AA"):
            action = node.get(key)
            if action is not None:
                kind = action.get_object().get("/S") if key == "/A" else None
                return str(kind).lstrip("/") if kind is not None else "an additional action"
        parent = node.get("/Parent")
        if parent is None:
            return None
        node = parent.get_object()
    return None


def stamp_actions(reader: Any, fields: list[str]) -> str | None:
    """Words for the first of `fields` (signature fields) whose stamp carries an action."""
    wanted = set(fields)
    for index, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            widget = ref.get_object()
            if not _is_signature(widget) or _field_name(widget) not in wanted:
                continue
            kind = _action_of(widget)
            if kind is not None:
                return (
                    f"a later signature's stamp on page {index + 1} carries an action "
                    f"({kind}) that a reader's software runs when it is clicked or shown"
                )
    return None


def stamp_places(reader: Any) -> dict[str, StampPlace]:
    """Signature field name -> where its widget is drawn (widgets with a real area only)."""
    places: dict[str, StampPlace] = {}
    for index, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            widget = ref.get_object()
            rect = widget.get("/Rect")
            if not _is_signature(widget) or rect is None or len(rect) != 4:
                continue
            x1, y1, x2, y2 = (float(v) for v in rect)
            box = (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
            if box[2] - box[0] > 0 and box[3] - box[1] > 0:
                places[_field_name(widget)] = StampPlace(index, box)
    return places


def _info(reader: Any) -> dict[str, str]:
    try:
        info = reader.trailer.get("/Info")
        info = info.get_object() if info is not None else {}
        return {str(k): str(v) for k, v in info.items()}
    except (AttributeError, TypeError, ValueError):
        return {}


def _xmp(reader: Any) -> bytes | None:
    metadata = reader.root_object.get("/Metadata")
    if metadata is None:
        return None
    try:
        return bytes(metadata.get_object().get_data())
    except (AttributeError, TypeError, ValueError):
        return b"unreadable"


_INFO_WORDS = {
    "/Title": "title",
    "/Author": "author",
    "/Subject": "subject",
    "/Keywords": "keywords",
}


def metadata_changes(before: Any, after: Any) -> str | None:
    """Words for an edit of the document information or XMP metadata, or None."""
    old, new = _info(before), _info(after)
    edited = sorted(
        key
        for key in set(old) | set(new)
        if key not in _INFO_KEYS_SIGNING_TOUCHES and old.get(key) != new.get(key)
    )
    if edited:
        words = ", ".join(_INFO_WORDS.get(key, key.lstrip("/")) for key in edited)
        return f"the document information was edited ({words})"
    if _xmp(before) != _xmp(after):
        return "the document's XMP metadata was edited"
    return None


class LaterRevisions:
    """The final file, opened once, against which each signed revision is compared."""

    def __init__(self, pdf_bytes: bytes) -> None:
        from pypdf import PdfReader

        self.data = pdf_bytes
        self.reader = PdfReader(io.BytesIO(pdf_bytes), strict=False)
        self.stamps = stamp_places(self.reader)
        self._pages: list[RenderedPage] | None = None

    def final_pages(self) -> list[RenderedPage]:
        if self._pages is None:
            from desktop_app.export.signing_pages import render_pages

            self._pages = render_pages(self.data)
        return self._pages

    def what_changed(self, revision_end: int, later_fields: list[str]) -> str | None:
        """Words for a disallowed change after the revision ending at `revision_end`, or None.

        `later_fields` are the signature fields signed after it: their stamps may be new.
        """
        from pypdf import PdfReader

        from desktop_app.export.signing_pages import render_pages

        signed_bytes = self.data[:revision_end]
        before = PdfReader(io.BytesIO(signed_bytes), strict=False)
        metadata = metadata_changes(before, self.reader)
        if metadata:
            return metadata
        action = stamp_actions(self.reader, later_fields)
        if action:
            return action
        if len(before.pages) != len(self.reader.pages):
            return (
                f"the page count changed from {len(before.pages)} to {len(self.reader.pages)}"
            )
        signed_pages, final_pages = render_pages(signed_bytes), self.final_pages()
        for number, (old, new) in enumerate(zip(signed_pages, final_pages, strict=True), 1):
            stamps = [
                self.stamps[name].box
                for name in later_fields
                if name in self.stamps and self.stamps[name].page == number - 1
            ]
            for box in stamps:
                if not box_is_blank(old, box):
                    return f"a later signature's stamp covers signed content on page {number}"
            problem = page_changes(old, new, stamps)
            if problem:
                return f"{problem} (page {number})"
        return None
