"""Text the PDF letter cannot show as typed: characters without a glyph, right-to-left script.

A payer reads the PDF. A character none of the bundled fonts has prints as an empty box,
Arabic or Hebrew letters come out left to right and unjoined, and an emoji sequence (a
family, a skin tone, a flag) prints as its separate pictures (knowledge/printable.py). Staff
are told before the letter goes out, on the field that holds the text. The Word file is
unaffected, so the advice names it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel

from desktop_app.domain.case import Case
from desktop_app.domain.fields import field_names
from desktop_app.domain.findings import Finding, Severity
from desktop_app.knowledge.one_letter import once_while_read
from desktop_app.knowledge.printable import PrintTroubles, character_words, print_troubles
from desktop_app.rules.engine import RuleContext, rule
from desktop_app.rules.required import field_label

SHOWN = 3  # characters quoted in a message; more only make it longer
# Text a case holds but no letter prints: where an attachment file lies on this computer.
NOT_PRINTED = re.compile(r"^attachments\.\d+\.path$")
# A tuple, not `list | tuple`: that expression builds a new union at every field walked.
_SEQUENCES = (list, tuple)


def texts(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every non-empty string in a case (or part of one) with its dotted field path."""
    found: list[tuple[str, str]] = []
    _collect(value, path, found)  # gathered first: a case's hundreds of fields, one call each
    return iter(found)


def _collect(value: object, path: str, found: list[tuple[str, str]]) -> None:
    if isinstance(value, str):
        if value:
            found.append((path, value))
    elif isinstance(value, BaseModel):
        for name in field_names(type(value)):
            _collect(getattr(value, name), f"{path}.{name}" if path else name, found)
    elif isinstance(value, _SEQUENCES):
        for index, item in enumerate(value):
            _collect(item, f"{path}.{index}", found)


def case_texts(case: Case) -> Iterator[tuple[str, str]]:
    """`texts(case)`, gathered once for all the rules of one check that read every text."""
    return iter(once_while_read("texts", case, _all_texts))


def _all_texts(case: Case) -> tuple[tuple[str, str], ...]:
    return tuple(texts(case))


@rule(
    "text.unprintable",
    "text.right_to_left",
    rule_set="core",
    source="this product: the PDF's bundled fonts (assets/fonts, knowledge/data/"
    "pdf_characters.json); Unicode bidirectional classes R and AL (UAX #9)",
    checks="Every character typed prints in the PDF as typed: no character the bundled fonts "
    "lack (it would print as a box), no Arabic or Hebrew script (set left to right, unjoined).",
)
def check_printable(context: RuleContext) -> Iterator[Finding]:
    for path, text in case_texts(context.case):
        if text.isascii() or NOT_PRINTED.match(path):
            continue
        troubles = print_troubles(text)
        if troubles:
            yield from trouble_findings(troubles, path, field_label(path), "text")


def quoted(items: tuple[str, ...]) -> str:
    """The first few of `items`, space-separated, with an ellipsis for the rest."""
    return " ".join(items[:SHOWN]) + (" …" if len(items) > SHOWN else "")


def trouble_findings(
    troubles: PrintTroubles, path: str, label: str, prefix: str, where: str = ""
) -> Iterator[Finding]:
    """The warnings `<prefix>.right_to_left` and `<prefix>.unprintable` for one field;
    `where` says where to write it another way (" in Settings" for the practice's text)."""
    if troubles.right_to_left:
        yield Finding(
            f"{prefix}.right_to_left",
            Severity.WARNING,
            path,
            f"{label} has Arabic or Hebrew letters. The PDF would print them left to right "
            f"and unjoined, so they would read wrongly: write them in Latin letters{where} "
            "(names as the payer's records spell them), or send the Word file, which sets "
            "them correctly.",
        )
    if troubles.missing:
        noun = "a character" if len(troubles.missing) == 1 else "characters"
        yield Finding(
            f"{prefix}.unprintable",
            Severity.WARNING,
            path,
            f"{label} has {noun} the PDF cannot print ({quoted(troubles.missing)}); each "
            f"would show as an empty box. Write it another way{where}, or send the Word "
            "file, which keeps it.",
        )
    if troubles.dropped:
        noun, it = (("a character", "it") if len(troubles.dropped) == 1
                    else ("characters", "them"))
        named = ", ".join(character_words(ch) for ch in troubles.dropped)
        yield Finding(
            f"{prefix}.unprintable",
            Severity.WARNING,
            path,
            f"{label} has {noun} no letter can hold ({named}, a Unicode noncharacter, often "
            f"left by a bad copy and paste): neither the PDF nor the Word file keeps {it}, so "
            f"the letters leave {it} out. Retype the value{where} without {it}.",
        )
    if troubles.sequences:
        yield Finding(
            f"{prefix}.unprintable",
            Severity.WARNING,
            path,
            f"{label} has emoji the PDF prints apart ({quoted(troubles.sequences)}): a "
            f"family, skin tone or flag shows as its separate pictures. Write it another "
            f"way{where}, or send the Word file, which keeps it.",
        )
