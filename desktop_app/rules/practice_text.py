"""The practice's own text in a letter: its letterhead and the signing prescriber's entry.

An admin types the letterhead and the prescriber directory once in Settings, and they print
on every letter, so they are checked as a case's text is (rules/printable.py): characters
the PDF prints as boxes, right-to-left script, emoji sequences. Settings refuses characters
that would corrupt a letter or reorder it (control characters, direction overrides), but a
settings file edited by hand or a shared database row written by an older version can still
hold them: the letter then names the field, and the stored value is left as it is.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import replace

from desktop_app.domain.case import Case
from desktop_app.domain.findings import Finding, Severity
from desktop_app.domain.identifiers import npi_digits
from desktop_app.domain.practice import (
    MULTILINE_TEXT,
    SIGNATURE_TEXT,
    PracticeSettings,
    letterhead_texts,
    prescriber_texts,
)
from desktop_app.knowledge.printable import character_words, print_troubles, unsafe_characters
from desktop_app.rules.engine import RuleContext, rule
from desktop_app.rules.printable import SHOWN, trouble_findings

# Settings fields named in words, as the Settings dialog labels them.
FIELD_WORDS = {
    "name": "name", "address": "address", "phone": "phone", "fax": "fax", "email": "email",
    "credentials": "credentials", "npi": "NPI", "tax_id": "tax ID", "specialty": "specialty",
}


def setting_words(path: str) -> str:
    """'letterhead.name' is 'the practice name'; 'prescribers.1.npi' is 'prescriber row 2's
    NPI' (the row, never the name: the name may be the text at fault)."""
    parts = path.split(".")
    if parts[0] == "letterhead":
        leaf = FIELD_WORDS.get(parts[-1], parts[-1])
        return f"the practice {leaf}" if leaf in ("name", "address") else f"the practice's {leaf}"
    if parts[0] == "prescribers" and len(parts) == 3 and parts[1].isdigit():
        return f"prescriber row {int(parts[1]) + 1}'s {FIELD_WORDS.get(parts[2], parts[2])}"
    return path


def unsafe_words(characters: list[str]) -> str:
    """What the characters are and what they would do, each named by its code, never shown."""
    named = ", ".join(character_words(ch) for ch in characters[:SHOWN])
    named += " …" if len(characters) > SHOWN else ""
    reorders = any(not _is_control(ch) for ch in characters)
    controls = any(_is_control(ch) for ch in characters)
    effects = [w for w, present in (
        ("a direction control reorders the words around it", reorders),
        ("a control character cannot be carried by the letter and is left out", controls),
    ) if present]
    return f"{named} ({'; '.join(effects)})"


def _is_control(ch: str) -> bool:
    # The direction controls unsafe_characters finds are format characters (Cf); the rest
    # are controls, surrogates and the two non-characters XML forbids.
    return unicodedata.category(ch) != "Cf"


def letter_practice_texts(settings: PracticeSettings, case: Case) -> Iterator[tuple[str, str]]:
    """(path, text) of the settings this case's letter prints: the letterhead (when it names
    the practice) and the signature lines of the directory entry with the case's NPI."""
    if settings.letterhead.is_set:
        yield from letterhead_texts(settings.letterhead)
    npi = npi_digits(case.prescriber.npi)
    for index, person in enumerate(settings.prescribers):
        if npi and npi_digits(person.npi) == npi:
            yield from prescriber_texts(index, person, SIGNATURE_TEXT)


def practice_text_findings(
    path: str, text: str, label: str | None = None, where: str = " in Settings"
) -> Iterator[Finding]:
    """The findings for one settings field; the finding's field is `settings.<path>`.
    `label` names the field (a letter's checklist says "In Settings, ..."), `where` says
    where to write it another way."""
    if not text or (text.isascii() and text.isprintable()):
        return
    field = f"settings.{path}"
    label = label or f"In Settings, {setting_words(path)}"
    unsafe = unsafe_characters(text, line_breaks=path in MULTILINE_TEXT)
    if unsafe:
        yield Finding(
            "practice.unsafe_characters",
            Severity.ERROR,
            field,
            f"{label} holds {unsafe_words(unsafe)}, so the letter would not print what "
            "Settings shows. An admin retypes the field in Settings (the characters are "
            "invisible); until then the letter needs an override reason.",
        )
    # The noncharacters no letter holds are among the unsafe characters said above.
    troubles = replace(print_troubles(text), dropped=())
    if troubles:
        yield from trouble_findings(troubles, field, label, "practice", where)


@rule(
    "practice.unsafe_characters",
    "practice.unprintable",
    "practice.right_to_left",
    rule_set="core",
    source="this product: the PDF's bundled fonts (knowledge/data/pdf_characters.json); "
    "XML 1.0 section 2.2 (Char), https://www.w3.org/TR/xml/#charsets; Unicode bidirectional "
    "controls (UAX #9, knowledge/data/hidden_characters.json)",
    checks="The practice's letterhead and the signing prescriber's directory entry print as "
    "typed in Settings: no control character or direction override, no character the PDF "
    "fonts lack, no Arabic or Hebrew script, no emoji sequence.",
)
def check_practice_text(context: RuleContext) -> Iterator[Finding]:
    if context.practice is None:
        return
    for path, text in letter_practice_texts(context.practice, context.case):
        yield from practice_text_findings(path, text)
