"""Colours for the template language: front matter, Jinja {{ }}, {% %}, {# #} and letter markup."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

# Block states carried from line to line.
NORMAL, FRONT_MATTER, COMMENT, BEFORE_FRONT = 0, 1, 2, -1

_PATTERNS = [
    # order matters: later formats paint over earlier ones
    ("markup", re.compile(r"</?[a-zA-Z][\w-]*(\s+[\w-]+=\"[^\"]*\")*\s*/?>")),
    ("string", re.compile(r"\"[^\"\n]*\"|'[^'\n]*'")),
    ("expression", re.compile(r"\{\{.*?\}\}")),
    ("statement", re.compile(r"\{%.*?%\}")),
]
_TOML_KEY = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*=")
_TOML_COMMENT = re.compile(r"#.*$")


def _format(colour: str, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(colour))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(italic)
    return fmt


FORMATS = {
    "front": _format("#6a3d9a"),
    "front_key": _format("#6a3d9a", bold=True),
    "delimiter": _format("#6a3d9a", bold=True),
    "markup": _format("#1f5fa8"),
    "string": _format("#2e7d32"),
    "expression": _format("#b35900", bold=True),
    "statement": _format("#a0004d", bold=True),
    "comment": _format("#6b6b6b", italic=True),
}


class TemplateHighlighter(QSyntaxHighlighter):
    """Highlights a `.letter` file as the admin types."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)

    def highlightBlock(self, text: str) -> None:
        previous = self.previousBlockState()
        if previous in (-1, BEFORE_FRONT) and self.currentBlock().blockNumber() == 0:
            previous = BEFORE_FRONT
        if previous == BEFORE_FRONT:
            if text.strip() == "+++":
                self.setFormat(0, len(text), FORMATS["delimiter"])
                self.setCurrentBlockState(FRONT_MATTER)
            else:
                self.setCurrentBlockState(BEFORE_FRONT if not text.strip() else NORMAL)
                self._body(text, NORMAL)
            return
        if previous == FRONT_MATTER:
            self._front_matter(text)
            return
        self._body(text, previous)

    def _front_matter(self, text: str) -> None:
        if text.strip() == "+++":
            self.setFormat(0, len(text), FORMATS["delimiter"])
            self.setCurrentBlockState(NORMAL)
            return
        self.setFormat(0, len(text), FORMATS["front"])
        key = _TOML_KEY.match(text)
        if key:
            self.setFormat(key.start(1), len(key.group(1)), FORMATS["front_key"])
        for match in _PATTERNS[1][1].finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), FORMATS["string"])
        comment = _TOML_COMMENT.search(text)
        if comment and text[: comment.start()].count('"') % 2 == 0:
            self.setFormat(comment.start(), len(text) - comment.start(), FORMATS["comment"])
        self.setCurrentBlockState(FRONT_MATTER)

    def _body(self, text: str, previous: int) -> None:
        for name, pattern in _PATTERNS:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), FORMATS[name])
        self.setCurrentBlockState(NORMAL)
        start = 0
        if previous == COMMENT:
            end = text.find("#}")
            if end < 0:
                self.setFormat(0, len(text), FORMATS["comment"])
                self.setCurrentBlockState(COMMENT)
                return
            self.setFormat(0, end + 2, FORMATS["comment"])
            start = end + 2
        while (begin := text.find("{#", start)) >= 0:
            end = text.find("#}", begin + 2)
            if end < 0:
                self.setFormat(begin, len(text) - begin, FORMATS["comment"])
                self.setCurrentBlockState(COMMENT)
                return
            self.setFormat(begin, end + 2 - begin, FORMATS["comment"])
            start = end + 2
