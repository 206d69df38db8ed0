"""Reading a denial letter: proposed values for staff to confirm, never saved as they stand.

Rule-based and offline: labelled values (reference, plan), dates, the reasons section split
into the reasons it states, each given the category its wording suggests
(knowledge/data/denial_answers.json), the criteria it cites and the deadline it states. Every
proposal carries the line it was read from, so staff check it against the letter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from desktop_app import limits
from desktop_app.knowledge.denial_answers import category_patterns
from desktop_app.rules import letter_text as lt
from desktop_app.rules.denial_shapes import criteria_cited, plan_and_level
from desktop_app.rules.letter_text import Proposed

__all__ = ["DenialProposal", "Proposed", "ProposedReason", "category_of", "read_denial"]

# Where a letter's reasons start: "Reason for denial:", "Why did we deny …", "Rationale:".
_REASON_HEADING = re.compile(
    r"^(?:the\s+)?(?:specific\s+)?(?:reasons?(?:\(s\))?|rationale|basis|explanation|why\s+(?:did\s+)?we"
    r"|determination\s+rationale|clinical\s+rationale|denial\s+reasons?|decision)"
    r"(?:\s+(?:for|of)\s+(?:the|this|our)?\s*(?:denial|decision|determination|adverse"
    r"\s+determination|non-?certification))?(?:\s+[a-z ]{0,30})?\s*[:?]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# What ends the reasons: the next heading of the usual notice sections.
_SECTION_END = re.compile(
    r"^(?:what\s+(?:if|you|to)|your\s+(?:right|appeal|options)|how\s+to|if\s+you\s+"
    r"(?:disagree|have|want|think)|appeal\s+rights|important|next\s+steps|who\s+(?:may|can)"
    r"|you\s+(?:have|may)\s+the\s+right|to\s+(?:appeal|request)|criteria\s+used|sincerely"
    r"|cc:|enclosures?|the\s+following\s+(?:policy|criteria)|reviewer|external\s+review"
    r"|this\s+(?:decision|determination)\s+was\s+made|plan\s+provisions?|policy\s*:"
    r"|(?:pathway|policy|guideline)\s+(?:version|used|relied)|what\s+we\s+decided)",
    re.IGNORECASE,
)
# Sentences of appeal-rights boilerplate: they name categories ("experimental treatment")
# without stating a reason for this denial.
_BOILERPLATE = re.compile(
    r"free\s+of\s+charge|you\s+(?:have|may\s+have)\s+the\s+right|upon\s+request|on\s+request"
    r"|if\s+you\s+(?:disagree|think|want|have\s+questions)|ask\s+for\s+an?\s+(?:appeal|review)"
    r"|request\s+an?\s+(?:appeal|reconsideration|redetermination|external)|call\s+us"
    r"|tty|civil\s+action|this\s+notice|within\s+\d+\s+(?:calendar\s+)?days",
    re.IGNORECASE,
)
_ITEM_START = re.compile(r"^(?:\(?\d{1,2}[.)]|\(?[a-h][.)]|[•●▪\-*–])\s+")
_REFERENCE_LABELS = (
    r"reference|ref\.?|case|authori[sz]ation|auth\.?|claim|request|appeal|tracking|"
    r"determination|pa|prior\s+authori[sz]ation|review|episode|notice"
)
_REFERENCE_VALUE = r"(?=[A-Z0-9./-]*\d)[A-Z0-9][A-Z0-9./-]{3,30}"
_NOTICE_DATE_LABELS = re.compile(
    r"(?:date\s+of\s+(?:this\s+)?(?:notice|letter|denial|decision|determination)|notice\s+date"
    r"|decision\s+date|determination\s+date|denial\s+date|letter\s+date|date\s+(?:issued|mailed"
    r"|sent)|^date\s*:|^dated?\b)",
    re.IGNORECASE,
)
_NOT_NOTICE_DATE = re.compile(
    r"birth|dob|d\.o\.b|service|received|submitted|requested|effective|start|admi|period"
    r"|through|from|valid|expir|version|revised|updated|deadline|by\b|no later",
    re.IGNORECASE,
)
_DEADLINE_BY = re.compile(
    r"(?:no\s+later\s+than|must\s+(?:be\s+)?(?:received|submitted|filed)\s+(?:by|on\s+or\s+"
    r"before)|(?:appeal|request)\s+(?:by|before)|deadline(?:\s+to\s+appeal)?\s*(?:is|:)|on\s+or"
    r"\s+before)\s*",
    re.IGNORECASE,
)
_DEADLINE_WITHIN = re.compile(
    r"(?:within|have)\s+(?P<n>\d{1,3})\s+(?:calendar\s+)?days\s+(?:of|from|after)\s+(?:the\s+date\s+(?:of|on)"
    r"\s+(?:this|the)\s+(?:notice|letter|denial|determination)|(?:the\s+)?(?:date\s+of\s+)?"
    r"(?:this|the)\s+(?:notice|letter|denial|determination)(?:\s+date)?)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ProposedReason:
    category: str
    text: str  # the payer's words, as printed


@dataclass(frozen=True, slots=True)
class DenialProposal:
    """What the letter seems to say; each value is for staff to confirm or correct."""

    denial_date: Proposed | None = None
    reference_number: Proposed | None = None
    plan_name: Proposed | None = None
    plan_type: Proposed | None = None
    level: Proposed | None = None
    reasons: tuple[ProposedReason, ...] = ()
    criteria: tuple[str, ...] = ()
    stated_deadline: Proposed | None = None
    notes: tuple[str, ...] = field(default=())  # what could not be read, in words


def read_denial(raw_text: str) -> DenialProposal:
    """Propose the denial's values from its text. Never raises for odd text."""
    # The intake refuses a longer text (limits.py); this keeps the reader bounded for any caller.
    text = lt.normalize(raw_text)[: limits.DENIAL_LETTER_CHARS]
    if not text.strip():
        return DenialProposal(notes=("The denial letter has no text to read.",))
    notice_date = _notice_date(text)
    plan_name, plan_type, level = plan_and_level(text)
    reasons = _reasons(text)
    deadline = _stated_deadline(text, notice_date.value if notice_date else None)
    notes = []
    if notice_date is None:
        notes.append("No date of the notice was found: enter it from the letter.")
    if not reasons:
        notes.append("No stated reason was found: copy the reasons from the letter.")
    if deadline is None:
        notes += [n for n in (_receipt_deadline_note(text),) if n]
    notes += [n for n in (_peer_to_peer_note(text),) if n]
    return DenialProposal(
        denial_date=notice_date,
        reference_number=_reference(text),
        plan_name=plan_name,
        plan_type=plan_type,
        level=level,
        reasons=tuple(reasons),
        criteria=tuple(criteria_cited(text)),
        stated_deadline=deadline,
        notes=tuple(notes),
    )


def category_of(text: str) -> str:
    """The category whose phrase appears earliest in `text`; `other` when none does."""
    lowered = text.lower()
    best: tuple[int, str] | None = None
    for category, pattern in category_patterns():
        match = pattern.search(lowered)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), category)
    return best[1] if best else "other"


def _notice_date(text: str) -> Proposed | None:
    for line in lt.lines(text):
        if _NOTICE_DATE_LABELS.search(line) and not _NOT_NOTICE_DATE.search(line):
            found = next(lt.dates_in(line), None)
            if found:
                return Proposed(found[0], line)
    # A letter's own date is the first date of its top lines that names nothing else.
    for line in lt.lines(text)[:25]:
        if _NOT_NOTICE_DATE.search(line):
            continue
        found = next(lt.dates_in(line), None)
        if found:
            return Proposed(found[0], line)
    return None


def _reference(text: str) -> Proposed | None:
    found = lt.labelled_value(text, _REFERENCE_LABELS, _REFERENCE_VALUE)
    if found is not None and not re.search(r"\d", found[0]):
        found = None
    if found is None:
        return None
    value, line = found
    return Proposed(value.rstrip(".-/"), line)


def _reason_block(text: str) -> str | None:
    """The text under the letter's reasons heading, up to the next section."""
    all_lines = lt.lines(text)
    for index, line in enumerate(all_lines):
        match = _REASON_HEADING.match(line)
        if not match or len(line) > 160 or (line.endswith(".") and ":" not in line):
            continue
        block = [match.group("rest")] if match.group("rest") else []
        rest = all_lines[index + 1 :]
        for position, following in enumerate(rest):
            if _SECTION_END.match(following) or (not following and _ends_here(rest, position)):
                break
            block.append(following)
        body = "\n".join(block).strip()
        if body:
            return body
    return None


def _ends_here(rest: list[str], blank: int) -> bool:
    """A blank line ends the reasons unless the next text is another item or a reason."""
    after = next((line for line in rest[blank + 1 :] if line), "")
    if _ITEM_START.match(after):
        return False
    return category_of(after) == "other" or bool(_BOILERPLATE.search(after))


def _items(block: str) -> list[str]:
    """Numbered or bulleted items, each one piece; other paragraphs split into sentences."""
    raw = block.split("\n")
    if not any(_ITEM_START.match(line) for line in raw):
        return lt.sentences(block)
    pieces: list[str] = []
    current: list[str] = []
    in_item = False
    for line in [*raw, ""]:
        if _ITEM_START.match(line) or not line:
            if current:
                joined = " ".join(current)
                pieces.extend([joined] if in_item else lt.sentences(joined))
            current = [_ITEM_START.sub("", line)] if line else []
            in_item = bool(line)
        else:
            current.append(line)
    return [piece.strip() for piece in pieces if piece.strip()]


def _without_boilerplate(piece: str) -> str:
    kept = [s for s in lt.sentences(piece) if not _BOILERPLATE.search(s)]
    return " ".join(kept)


def _reasons(text: str) -> list[ProposedReason]:
    block = _reason_block(text)
    pieces = _items(block) if block else lt.sentences(text)
    reasons: list[ProposedReason] = []
    for raw_piece in pieces:
        piece = _without_boilerplate(raw_piece)
        if len(piece) < 12:
            continue
        category = category_of(piece)
        if category == "other" and block is None:
            continue  # outside a reasons section only a recognized reason counts
        if reasons and category in ("other", reasons[-1].category):
            # A sentence naming no other category explains or goes on with the reason before.
            last = reasons[-1]
            reasons[-1] = ProposedReason(last.category, f"{last.text} {piece}")
            continue
        reasons.append(ProposedReason(category, piece))
    return reasons[:12]


def _stated_deadline(text: str, notice_date: object) -> Proposed | None:
    for sentence in lt.sentences(text):
        by = _DEADLINE_BY.search(sentence)
        if by:
            found = next(lt.dates_in(sentence[by.end() :]), None)
            if found:
                return Proposed(found[0], sentence)
    if not isinstance(notice_date, dt.date):
        return None
    for sentence in lt.sentences(text):
        for within in _DEADLINE_WITHIN.finditer(sentence):
            if _about_an_appeal(sentence, within.start(), within.end()):
                days = int(within.group("n"))
                return Proposed(notice_date + dt.timedelta(days=days), sentence)
    return None


def _about_an_appeal(sentence: str, start: int, end: int) -> bool:
    """The words nearest a 'within N days' name an appeal, not a peer-to-peer call."""
    before = sentence[max(0, start - 90) : start].lower()
    after = sentence[end : end + 40].lower()
    words = re.findall(r"peer|appeal|reconsideration|redetermination|review", before)
    if words:
        return bool(words[-1] != "peer")
    return bool(re.search(r"appeal|reconsideration|redetermination", after))


def _receipt_deadline_note(text: str) -> str | None:
    """A deadline counted from receipt cannot be dated from the letter alone."""
    match = re.search(
        r"(\d{1,3})\s+(?:calendar\s+)?days\s+(?:from|of|after)\s+(?:the\s+date\s+you\s+)?"
        r"(?:receiv(?:e|ing)|receipt)",
        text,
        re.IGNORECASE,
    )
    if match is None:
        return None
    return (
        f"The letter gives {match.group(1)} days from receipt to appeal; the deadline the app "
        "computes by the plan's rule is shown in the checks."
    )


def _peer_to_peer_note(text: str) -> str | None:
    match = re.search(
        r"peer[- ]to[- ]peer[^.]{0,60}?within\s+(\d{1,3})\s+(?:business\s+|calendar\s+)?days",
        text,
        re.IGNORECASE,
    )
    if match is None:
        return None
    return f"The letter allows a peer-to-peer request within {match.group(1)} days: call soon."
