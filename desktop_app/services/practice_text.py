"""The practice's text as Settings checks it: what it refuses, what it warns about.

The letterhead and the prescriber directory print on every letter. A control character or a
direction override would corrupt the Word file or reorder the letterhead, so Settings refuses
it, naming the field and the character by its code (never showing it: it is invisible, or it
would turn the message around). Characters the PDF prints as boxes, right-to-left script and
emoji sequences are the practice's choice (its Word letters keep them): Settings warns on the
field, and each letter's checklist warns again (rules/practice_text.py).
"""

from __future__ import annotations

from desktop_app.domain.findings import Severity
from desktop_app.domain.practice import MULTILINE_TEXT, PracticeSettings, printed_texts
from desktop_app.knowledge.printable import character_words, unsafe_characters
from desktop_app.rules.practice_text import practice_text_findings, setting_words, unsafe_words
from desktop_app.services.settings import SettingsProblem

__all__ = ["field_notes", "shown_text", "text_problems", "text_warnings", "without_unsafe"]

# Directory fields the Settings table does not show, so staff cannot retype them there.
_NOT_SHOWN = ("tax_id", "specialty", "phone", "fax", "email")


def text_problems(settings: PracticeSettings) -> list[SettingsProblem]:
    """A problem for each printed field holding a character no letter may carry."""
    problems = []
    for path, text in printed_texts(settings):
        unsafe = unsafe_characters(text, line_breaks=path in MULTILINE_TEXT)
        if unsafe:
            retype = ("remove the prescriber and add them again: the table does not show it"
                      if path.rsplit(".", 1)[-1] in _NOT_SHOWN and path.startswith("prescribers")
                      else "retype the field: the characters are invisible")
            problems.append(SettingsProblem(
                path, f"{_capital(setting_words(path))} holds {unsafe_words(unsafe)}; {retype}"))
    return problems


def text_warnings(settings: PracticeSettings) -> list[SettingsProblem]:
    """A warning for each printed field the PDF cannot print as typed (it may still be saved)."""
    warnings = []
    for path, text in printed_texts(settings):
        label = _capital(setting_words(path))
        for finding in practice_text_findings(path, text, label, where=""):
            if finding.severity is Severity.WARNING:
                warnings.append(SettingsProblem(path, finding.message))
    return warnings


def field_notes(settings: PracticeSettings) -> dict[str, list[str]]:
    """What Settings shows beside each field as it is typed: refusals first, then warnings."""
    notes: dict[str, list[str]] = {}
    for problem in [*text_problems(settings), *text_warnings(settings)]:
        notes.setdefault(problem.field, []).append(problem.message)
    return notes


def shown_text(text: str) -> str:
    """`text` safe to show in a message: each character it may not carry named by its code."""
    unsafe = set(unsafe_characters(text))
    if not unsafe:
        return text
    return "".join(f"[{character_words(ch)}]" if ch in unsafe else ch for ch in text)


def without_unsafe(text: str) -> str:
    """`text` without the characters Settings refuses (for copying a case's text into it)."""
    unsafe = set(unsafe_characters(text))
    return "".join(ch for ch in text if ch not in unsafe) if unsafe else text


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]
