"""Showing typed text verbatim in Qt places that would otherwise read it as markup (tooltips)."""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` verbatim: Qt would render a tooltip that looks like HTML."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>" if text else ""


def plain_message(text: str) -> str:
    """Message box text shown verbatim. QMessageBox reads its text as markup when the first
    line holds something shaped like a tag (Qt::mightBeRichText): a patient named "Ann <b>Lee",
    a template error quoting "<script>", a file named "<i>.letter" would print as markup, or
    lose words. Escaped inside <qt>, every character shows as typed; line ends stay."""
    return "<qt>" + html.escape(text, quote=False).replace("\n", "<br>") + "</qt>"


# UAX #9's explicit embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")
_FIRST_STRONG_ISOLATE, _POP_ISOLATE = "\u2068", "\u2069"


def isolated(text: str) -> str:
    """`text` shown beside other words, its bidi controls kept from reaching them.

    A name pasted as "Ann \u202eeoJ" would otherwise turn the rest of the header around
    ("Ann noitazirohtua-erP — Joe"). Wrapped in an isolate (UAX #9), an override ends with the
    name; the name's own closers are dropped so it cannot close the isolate early. Text
    without such controls is returned as it is. The checker reports them on the field.
    """
    if _BIDI_CONTROLS.isdisjoint(text):
        return text
    inner = text.replace(_POP_ISOLATE, "")
    opened = sum(1 for char in inner if char in _ISOLATE_OPENERS)
    return _FIRST_STRONG_ISOLATE + inner + _POP_ISOLATE * (opened + 1)
