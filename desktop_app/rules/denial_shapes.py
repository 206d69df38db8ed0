"""The shape of a denial letter: which plan and program sent it, the appeal level it leads to,
and the criteria or policies it cites.

The standard notices have fixed titles: a Medicare Advantage plan's "Notice of Denial of
Medical Coverage (or Payment)" (CMS-10003), a Part D plan's "Notice of Denial of Medicare
Prescription Drug Coverage" (CMS-10146), a MAC's initial determination or redetermination.
"""

from __future__ import annotations

import re

from desktop_app.rules import letter_text as lt
from desktop_app.rules.letter_text import Proposed

# (pattern, plan type), most specific first.
_PLAN_TYPES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), plan_type)
    for pattern, plan_type in (
        (r"prescription\s+drug\s+coverage|coverage\s+determination|part\s+d\b", "medicare_part_d"),
        (r"medicare\s+advantage|notice\s+of\s+denial\s+of\s+medical\s+coverage"
         r"|organization\s+determination|\bmapd?\b|medicare\s+(?:hmo|ppo)", "medicare_advantage"),
        (r"medicare\s+administrative\s+contractor|initial\s+determination|medicare\s+summary"
         r"\s+notice|part\s+b\b", "medicare_part_b"),
        (r"medicaid|medi-cal|state\s+fair\s+hearing|chip\b", "medicaid"),
        (r"\berisa\b|section\s+502\(a\)|self[- ]funded|employer[- ]sponsored|plan\s+"
         r"administrator", "commercial_self_funded"),
        (r"department\s+of\s+(?:insurance|financial\s+services|managed\s+health\s+care)"
         r"|insurance\s+(?:department|commissioner|division)|division\s+of\s+insurance"
         r"|fully\s+insured", "commercial_fully_insured"),
    )
)
_PLAN_LABEL = r"(?:health\s+plan|plan\s+name|plan|insurer|payer|issued\s+by)\s*:"
_ON_BEHALF = re.compile(
    r"\b(?i:on\s+behalf\s+of)\s+(?:the\s+)?([A-Z][\w&'.-]*(?:[ ]+[A-Z][\w&'.-]*){0,6})"
)
_PLAN_WORDS = re.compile(
    r"health|plan|insurance|blue|care|medicare|medicaid|hmo|ppo|mutual|assurance|benefit"
    r"|oncology\s+(?:pathways?|solutions|management)|pathways?|rx|pharmacy",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(
    r"\d{3}|@|www\.|https?:|p\.?o\.?\s+box|suite|street|avenue|road|fax|phone|tty|page\s+\d"
    r"|notice|dear|re:|member|patient|date|important|denial|decision|determination|request",
    re.IGNORECASE,
)
_UPHELD = re.compile(
    r"(?:appeal|reconsideration|redetermination|first[- ]level\s+(?:appeal|review))"
    r"[^.]{0,80}(?:upheld|denied|not\s+overturned)|\buph[eo]ld\b|upholds?\s+(?:the|our)"
    r"|^\s*appeal\s+decision\s*$|final\s+(?:internal\s+)?adverse",
    re.IGNORECASE | re.MULTILINE,
)
# The denial decided the last internal level: what follows is external review.
_LAST_INTERNAL = re.compile(
    r"(?:review\s+of|completed|decision\s+on)\s+(?:your|the)\s+second[- ]level"
    r"|final\s+(?:internal\s+)?adverse",
    re.IGNORECASE,
)
_CRITERIA_WORDS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"\b(?:medical|clinical|pharmacy|drug|coverage|oncology|utilization|reimbursement)\s+"
        r"(?:policy|guideline|criteria|bulletin)\s*(?:number|no\.?|#|:|id)?\s*:?\s*"
        r"(?=[A-Z0-9.-]*\d)[A-Z0-9][A-Z0-9.-]{2,20}",
        r"\bpolicy\s*(?:number|no\.?|#|id)\s*:?\s*(?=[A-Z0-9.-]*\d)[A-Z0-9][A-Z0-9.-]{2,20}",
        r"\b(?:LCD|local\s+coverage\s+determination)\s*(?:ID)?\s*:?\s*L\d{5}",
        r"\b(?:NCD|national\s+coverage\s+determination)\s*(?:\d{2,3}(?:\.\d{1,2})*)",
        r"\b(?:billing\s+and\s+coding\s+)?article\s+A\d{5}",
        r"\bNCCN\b[^.;,\n]{0,100}",
        r"\b(?:regimen|pathway)\s*(?:id|code|number)\s*:?\s*[A-Z0-9-]{3,20}",
        r"\b(?:InterQual|MCG|Milliman)\b[^.;\n]{0,70}",
        r"(?m)^(?:criteria\s+used|plan\s+provisions?\s+relied\s+on|guidelines?\s+used)\s*:"
        r"\s*[^\n]{4,160}",
    )
)
_CRITERIA = (
    *_CRITERIA_WORDS,
    # Pathway names are capitalized ("Evergreen Oncology Pathways, Gastrointestinal, v3.2026").
    re.compile(r"\b(?:[A-Z][a-z]+ ){1,3}(?:Clinical )?Pathways?\b(?:, [\w.]+){0,3}"),
)
_LABEL_PREFIX = re.compile(
    r"^(?:criteria\s+used|plan\s+provisions?\s+relied\s+on|guidelines?\s+used)\s*:\s*", re.I
)
_ID = re.compile(r"[A-Z0-9][A-Z0-9.-]*\d[A-Z0-9.-]*", re.IGNORECASE)


def plan_name(text: str) -> tuple[str, str] | None:
    """(name, line): a `Plan:` label, else the first letterhead line that reads like one."""
    behalf = _ON_BEHALF.search(text)
    if behalf and _PLAN_WORDS.search(behalf.group(1)):
        return behalf.group(1).strip(" .,"), lt.snippet(text, behalf.start(), behalf.end())
    found = lt.labelled_value(text, _PLAN_LABEL, r"[A-Z][^\n]{2,80}", line_start=True)
    if found and _PLAN_WORDS.search(found[0]) and not _NOT_A_NAME.search(found[0]):
        return found[0].strip(" .,"), found[1]
    for line in lt.lines(text)[:12]:
        if 3 < len(line) <= 70 and _PLAN_WORDS.search(line) and not _NOT_A_NAME.search(line):
            return line.strip(" .,"), line
    return None


def plan_type(text: str) -> tuple[str, str] | None:
    for pattern, kind in _PLAN_TYPES:
        match = pattern.search(text)
        if match:
            return kind, lt.snippet(text, match.start(), match.end())
    return None


def next_level(text: str, kind: str | None) -> tuple[str, str] | None:
    """The appeal level this denial leads to: the first, unless the denial decided an appeal."""
    upheld = _UPHELD.search(text)
    where = lt.snippet(text, upheld.start(), upheld.end()) if upheld else ""
    if kind in ("medicare_part_b", "medicare_part_d"):
        if upheld or re.search(r"redetermination\s+(?:decision|notice)|unfavorable\s+"
                               r"redetermination", text, re.I):
            return "reconsideration", where or "redetermination decision"
        return "redetermination", "an initial or coverage determination"
    if kind == "medicare_advantage":
        return "reconsideration", "an organization determination"
    if upheld:
        if _LAST_INTERNAL.search(text):
            return "external", where
        return "second", where
    return "first", "a first denial"


def plan_and_level(text: str) -> tuple[Proposed | None, Proposed | None, Proposed | None]:
    name = plan_name(text)
    kind = plan_type(text)
    level = next_level(text, kind[0] if kind else None)
    return (
        Proposed(name[0], name[1]) if name else None,
        Proposed(kind[0], kind[1]) if kind else None,
        Proposed(level[0], level[1]) if level else None,
    )


def criteria_cited(text: str) -> list[str]:
    """Policy numbers, LCDs and articles, NCCN mentions and pathways, each once, in order."""
    found: list[tuple[int, str]] = []
    flat = re.sub(r"\s*\n\s*", " ", text)
    for pattern in _CRITERIA:
        # Labelled lines are found line by line; the rest in the text with lines joined.
        source = text if pattern.flags & re.MULTILINE else flat
        for match in pattern.finditer(source):
            value = match.group(0).strip(" ,:;()")
            if len(value) >= 4:
                found.append((flat.find(value[:20]), value))
    kept: list[str] = []
    for _start, value in sorted(found):
        value = _LABEL_PREFIX.sub("", _whole_words(value, flat))
        same = [k for k in kept if _same_criterion(value, k)]
        if not same:
            kept.append(value)
        elif len(same) == 1 and same[0].lower() in value.lower():
            kept[kept.index(same[0])] = value  # the fuller mention of the same criterion
    return kept[:10]


def _whole_words(value: str, text: str) -> str:
    """A capture cut inside a word is cut back to the word before it."""
    at = text.find(value)
    if at != -1 and at + len(value) < len(text) and text[at + len(value)].isalnum():
        value = value.rsplit(" ", 1)[0] if " " in value else value
    return value.strip(" ,:;(")


def _same_criterion(one: str, other: str) -> bool:
    if one.lower() in other.lower() or other.lower() in one.lower():
        return True
    ids = {m.group(0).upper() for m in _ID.finditer(one) if re.search(r"[A-Z]", m.group(0), re.I)}
    return bool(ids & {m.group(0).upper() for m in _ID.finditer(other)})
