"""Settings > Evidence: whether citations may be looked up online (off by default)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget


def lookup_tab(allowed: bool) -> tuple[QWidget, QCheckBox]:
    """The tab and its switch; the dialog reads the switch when it saves."""
    page = QWidget()
    layout = QVBoxLayout(page)
    switch = QCheckBox("Look &up citations online from a PMID, DOI or NCT number", page)
    switch.setChecked(allowed)
    layout.addWidget(switch)
    note = QLabel(
        "When this is on and the computer is online, a PMID, DOI or NCT number typed or "
        "pasted alone in the Evidence section is looked up at PubMed (NCBI), Crossref or "
        "ClinicalTrials.gov. Only the identifier is sent, never patient data; answers are "
        "kept on this computer. Off, citations are imported from files or typed.", page)
    note.setWordWrap(True)
    note.setTextFormat(Qt.TextFormat.PlainText)
    layout.addWidget(note)
    layout.addStretch(1)
    return page, switch
