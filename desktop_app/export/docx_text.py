"""Runs into Word runs: text stays data, "\\n" becomes a line break, CJK gets its font."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop_app.export import docx_xml
from desktop_app.export.base import clean_text, has_east_asian
from desktop_app.letters.document import Run


def add_runs(paragraph: Any, runs: Sequence[Run], *, bold: bool = False) -> None:
    """Append runs; python-docx escapes XML and turns "\\n" and tab into w:br and w:tab."""
    for run in runs:
        text = clean_text(run.text)
        if not text:
            continue
        added = paragraph.add_run(text)
        # Set only what is on: assigning None still adds an empty run-properties element.
        if run.bold or bold:
            added.bold = True
        if run.italic:
            added.italic = True
        if run.underline:
            added.underline = True
        if has_east_asian(text):
            docx_xml.set_east_asian_font(added._r)


def add_text(paragraph: Any, text: str, *, bold: bool = False) -> None:
    add_runs(paragraph, [Run(text, bold=bold)])
