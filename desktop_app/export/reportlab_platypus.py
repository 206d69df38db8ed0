"""reportlab's platypus, imported with its web-address pattern in a form that compiles at once.

`reportlab.platypus.paragraph` compiles `uri_pat` when it is imported: case-insensitive, with
three character classes over U+00A1 to U+FFFF, for which Python's regular-expression compiler
case-folds every one of those 65,000 characters: about 48 ms in every process that writes a
PDF. The letter's text no longer goes through reportlab's Paragraph (pdf_paragraph.py), but
importing any part of reportlab.platypus runs that module, so the pattern still compiles in
every such process. `QUICK_URI_PATTERN` is the same
expression with those classes written as the sets they match once case is ignored (ASCII
letters and digits and all of U+00A1..U+FFFF: the unit tests check every code point), as
negated sets that compile in under a millisecond, and only its ASCII parts ignoring case. So
it matches exactly what reportlab's matches, with the same groups.

Every export module takes reportlab.platypus's names from here (importing any part of
reportlab.platypus runs its paragraph module). This module imports it with `re.compile`
wrapped: reportlab's pattern, recognized by its exact text and flags (URI_PATTERN below),
compiles as QUICK_URI_PATTERN; anything else compiles as before. A future reportlab whose
pattern differs gets its own, compiled as today (a unit test then says the gain is gone).

Thread safety: the import runs in this module's body, under Python's import lock, so it happens
once per process, whichever thread (the preview's worker, a batch) gets here first; another
thread compiling meanwhile gets exactly what `re.compile` would give it.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Final

# reportlab 5.1's `uri_pat` (platypus/paragraph.py), character for character, and its flags.
URI_PATTERN: Final = (
    "(^(?:[a-z0-9\\.\\-\\+]*)://)(?:\\S+(?::\\S*)?@)?(?:(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)"
    "(?:\\.(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)){3}|\\[[0-9a-f:\\.]+\\]|([a-z\xa1-\uffff0-9]"
    "(?:[a-z\xa1-\uffff0-9-]{0,61}[a-z\xa1-\uffff0-9])?(?:\\.(?!-)[a-z\xa1-\uffff0-9-]{1,63}"
    "(?<!-))*\\.(?!-)(?:[a-z\xa1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?|localhost))"
    "(?::\\d{2,5})?(?:[/?#][^\\s]*)?\\Z"
)
URI_FLAGS: Final = re.IGNORECASE

# What reportlab's classes match when case is ignored, as sets of what they do not match:
# [a-z\xa1-\uffff0-9], [a-z\xa1-\uffff0-9-] and [a-z\xa1-\uffff-] under re.IGNORECASE.
NAME_CHAR: Final = r"[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\xa0\U00010000-\U0010ffff]"
NAME_CHAR_OR_HYPHEN: Final = r"[^\x00-\x2c\x2e\x2f\x3a-\x40\x5b-\x60\x7b-\xa0\U00010000-\U0010ffff]"
LETTER_OR_HYPHEN: Final = r"[^\x00-\x2c\x2e-\x40\x5b-\x60\x7b-\xa0\U00010000-\U0010ffff]"

QUICK_URI_PATTERN: Final = (
    r"(^(?i:[a-z0-9\.\-\+]*)://)(?:\S+(?::\S*)?@)?(?:(?:25[0-5]|2[0-4]\d|[0-1]?\d?\d)"
    r"(?:\.(?:25[0-5]|2[0-4]\d|[0-1]?\d?\d)){3}|\[(?i:[0-9a-f:\.]+)\]|("
    + NAME_CHAR
    + r"(?:"
    + NAME_CHAR_OR_HYPHEN
    + r"{0,61}"
    + NAME_CHAR
    + r")?(?:\.(?!-)"
    + NAME_CHAR_OR_HYPHEN
    + r"{1,63}(?<!-))*\.(?!-)(?:"
    + LETTER_OR_HYPHEN
    + r"{2,63}|(?i:xn--[a-z0-9]{1,59}))"
    r"(?<!-)\.?|(?i:localhost)))(?::\d{2,5})?(?:[/?#][^\s]*)?\Z"
)


_real_compile: Final = re.compile


def compile_for_reportlab(pattern: Any, flags: int = 0) -> Any:
    """re.compile while reportlab's paragraph module loads: its web-address pattern quickly."""
    if type(pattern) is str and pattern == URI_PATTERN and flags == URI_FLAGS:
        return _real_compile(QUICK_URI_PATTERN)
    return _real_compile(pattern, flags)


def _import_paragraph() -> Any:  # reportlab has no type hints: its module is Any
    name = "reportlab.platypus.paragraph"
    if name in sys.modules:  # imported before us (a test, a script): nothing left to save
        return sys.modules[name]
    re.compile = compile_for_reportlab
    try:
        import reportlab.platypus.paragraph as paragraph
    finally:
        re.compile = _real_compile
    return paragraph


paragraph: Final = _import_paragraph()

# The names the exporters use, now that the paragraph module is loaded.
from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
)
from reportlab.platypus.doctemplate import LayoutError  # noqa: E402

__all__ = [
    "BaseDocTemplate",
    "Flowable",
    "Frame",
    "HRFlowable",
    "Image",
    "LayoutError",
    "PageBreak",
    "PageTemplate",
    "Spacer",
    "Table",
    "paragraph",
]
