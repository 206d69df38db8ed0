"""The error and warning counts on the section titles: "Evidence (2 errors, 1 warning)".

Separate from section_list.py, which paints and sizes the list and knows no case sections:
this puts one round of findings on each section's title, in words for tooltips and screen
readers, with the worst one's icon (blank when clean, so the titles stay lined up).
"""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle

from desktop_app.ui.editor import labels as L
from desktop_app.ui.editor.mark_style import ICON_FOR_SEVERITY
from desktop_app.ui.editor.section_list import COUNTS_ROLE, SectionList
from desktop_app.ui.plain_text import plain_tooltip


def show_counts(nav: SectionList, counts: dict[str, dict[str, int]], style: QStyle,
                blank_icon: QIcon) -> None:
    """Each section's errors and warnings on its title; a section not in `counts` is clean."""
    for row, info in enumerate(L.SECTIONS):
        tally = counts.get(info.key, {})
        words = [_plural(tally.get(sev, 0), sev) for sev in ("error", "warning")]
        words = [w for w in words if w]
        item = nav.item(row)
        item.setText(f"{info.title} ({', '.join(words)})" if words else info.title)
        item.setData(COUNTS_ROLE, (tally.get("error", 0), tally.get("warning", 0)))
        worst = "error" if tally.get("error") else ("warning" if words else "")
        item.setIcon(style.standardIcon(ICON_FOR_SEVERITY[worst]) if worst else blank_icon)
        item.setToolTip(plain_tooltip(f"{item.text()} (Alt+{info.mnemonic})"))
    nav.fit_to_contents()


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}" if count else ""
