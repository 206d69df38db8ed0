"""Free text that lands inside the letter's fixed phrases, made to read right, and a warning
when it will still read oddly there.

The letter builds sentences such as "…, in combination with {combined with}" and
"(planned duration: {duration})". Staff type these fields as notes ("monotherapy",
"Until progression."), so the letter adapts what it safely can and the checklist says where a
value will read oddly, quoting the sentence it lands in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from desktop_app.domain.findings import Finding, Severity
from desktop_app.rules.engine import RuleContext, rule

# What staff type in "Combined with" to mean "nothing": printed as "in combination with
# monotherapy" it would tell a reviewer the opposite of what was meant.
NOT_A_DRUG = frozenset({
    "monotherapy", "mono therapy", "single agent", "single-agent", "alone", "none", "no",
    "n/a", "na", "nil", "-", "—", "not applicable", "as monotherapy", "no combination",
})
_ACRONYM = re.compile(r"^[A-Z0-9]{2,}\b")  # "AUC 5", "NCCN": capitals that must stay
_WORDY_DURATION = re.compile(r"^(planned\s+)?duration\s*[:\-]?\s*", re.IGNORECASE)


def is_not_a_drug(text: str) -> bool:
    return " ".join(text.casefold().split()).strip(" .") in NOT_A_DRUG


def combination_drugs(items: Iterable[str] | None) -> list[str]:
    """The combination partners worth naming: blanks and "monotherapy"-like notes left out."""
    return [i.strip() for i in items or [] if i.strip() and not is_not_a_drug(i)]


def in_sentence(text: str | None) -> str:
    """Free text for the middle of a sentence: "Until progression." -> "until progression".

    Only a capital at the start of an ordinary word is lowered; "AUC 5", "NCCN" and names
    such as "Herceptin" stay as typed when their second letter is a capital too, or when the
    whole first word is in capitals.
    """
    # Only the ends are tidied: spacing and line breaks inside stay as staff typed them.
    words = _WORDY_DURATION.sub("", (text or "").strip()).rstrip(" .;,\n\t")
    if len(words) > 1 and words[0].isupper() and words[1].islower() and not _ACRONYM.match(words):
        first = words.split(" ", 1)[0]
        if first.lower() in _LOWER_FIRST_WORDS:
            return words[0].lower() + words[1:]
    return words


# Words that open a duration or frequency as staff type them; anything else (a drug or trial
# name) keeps its capital.
_LOWER_FIRST_WORDS = frozenset({
    "until", "for", "up", "through", "continue", "continued", "ongoing", "indefinitely",
    "every", "each", "once", "twice", "daily", "weekly", "monthly", "days", "day", "on",
    "over", "total", "approximately", "about", "at", "as", "per", "when", "while",
    "intravenous", "intravenously", "subcutaneous", "subcutaneously", "oral", "orally",
    "intramuscular", "intrathecal", "infusion", "injection", "by",
})


@rule(
    "wording.reads_oddly",
    rule_set="core",
    checks="Free text that the letter places inside a fixed sentence reads right there.",
    source="The letter's own sentences (letters/regimen_wording.py: regimen and duration phrases)",
)
def check_wording(context: RuleContext) -> Iterator[Finding]:
    drug = context.case.drug
    for index, item in enumerate(drug.combination_with or []):
        if item.strip() and is_not_a_drug(item):
            yield Finding(
                "wording.reads_oddly", Severity.WARNING, f"drug.combination_with.{index}",
                f"“Combined with” holds “{item.strip()}”, which would read “in combination "
                f"with {item.strip()}”; the letter leaves it out. For a single-agent regimen "
                "leave “Combined with” empty.",
            )
    duration = (drug.duration or "").strip()
    if duration and _WORDY_DURATION.match(duration):
        yield Finding(
            "wording.reads_oddly", Severity.WARNING, "drug.duration",
            f"The duration prints as “(planned duration: …)”, so “{duration}” would say "
            "“duration” twice; the letter drops the repeated word. Type only the duration, "
            "e.g. “until progression or unacceptable toxicity”.",
        )
    frequency = drug.frequency.strip()
    if frequency.endswith((".", ";")):
        yield Finding(
            "wording.reads_oddly", Severity.WARNING, "drug.frequency",
            f"The frequency is printed mid-sentence (“… {frequency} for 6 cycles …”); "
            "leave off the full stop at its end.",
        )
