"""Showing typed text verbatim in Qt places that would otherwise read it as markup (tooltips)."""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` verbatim: Qt would render a tooltip that looks like HTML."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>" if text else ""
