"""Reading dates, labelled values and sentences out of a letter's plain text (from a paste or
a PDF's text layer), as US payers print them."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Proposed:
    """One value read from a letter and the line it was read from, for staff to check."""

    value: object
    found_in: str


MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
# "November 14, 2026", "Nov. 14, 2026", "11/14/2026", "11-14-26", "2026-11-14", "14 November 2026"
DATE = re.compile(
    rf"\b(?:(?P<mname>{_MONTH_WORDS})\.?\s+(?P<mday>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<myear>\d{{4}})"
    rf"|(?P<us_m>\d{{1,2}})[/-](?P<us_d>\d{{1,2}})[/-](?P<us_y>\d{{4}}|\d{{2}})"
    rf"|(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})"
    rf"|(?P<dday>\d{{1,2}})\s+(?P<dname>{_MONTH_WORDS})\.?,?\s+(?P<dyear>\d{{4}}))\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])")
_ABBREVIATIONS = ("e.g.", "i.e.", "vs.", "no.", "dr.", "inc.", "st.", "u.s.", "approx.")
# An abbreviation is a word of its own: "cost." and "request." end a sentence, "St." does not.
_ENDS_IN_ABBREVIATION = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r")$", re.I
)
_TAIL = max(map(len, _ABBREVIATIONS)) + 1  # and the character before it


def normalize(text: str) -> str:
    """Plain text with ligatures undone, odd spaces made plain and words broken across lines
    by a hyphen joined again (PDF text layers do all three)."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    text = re.sub(r"[\t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]", " ", text)
    text = re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", text)
    text = re.sub(r"[‘’]", "'", text)
    text = re.sub(r"[“”]", '"', text)
    return re.sub(r"[ ]{2,}", " ", text)


def parse_date(match: re.Match[str]) -> dt.date | None:
    """The date a DATE match names, or None when it is no real date (February 30)."""
    groups = match.groupdict()
    try:
        if groups["mname"]:
            month, day, year = MONTHS[groups["mname"].lower()], groups["mday"], groups["myear"]
        elif groups["us_m"]:
            month, day, year = int(groups["us_m"]), groups["us_d"], groups["us_y"]
        elif groups["iso_y"]:
            month, day, year = int(groups["iso_m"]), groups["iso_d"], groups["iso_y"]
        else:
            month, day, year = MONTHS[groups["dname"].lower()], groups["dday"], groups["dyear"]
        full_year = int(year) + (2000 if len(year) == 2 else 0)
        return dt.date(full_year, month, int(day))
    except (ValueError, KeyError):
        return None


def dates_in(text: str) -> Iterator[tuple[dt.date, re.Match[str]]]:
    for match in DATE.finditer(text):
        day = parse_date(match)
        if day is not None:
            yield day, match


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n")]


def sentences(text: str) -> list[str]:
    """Sentences of running text; line breaks inside a paragraph are spaces."""
    flat = re.sub(r"\s*\n\s*", " ", text).strip()
    if not flat:
        return []
    pieces = _SENTENCE_END.split(flat)
    # Pieces that follow an abbreviation are gathered and joined once, and only the last few
    # characters are looked at: a text of "No. No. No. …" (200,000 characters) once made
    # each step copy and lower-case the whole sentence so far, and took seconds.
    merged: list[list[str]] = []
    tail = ""  # the last characters of the sentence being gathered
    for piece in pieces:
        if merged and _ENDS_IN_ABBREVIATION.search(tail):
            merged[-1].append(piece)
            tail = (tail + " " + piece)[-_TAIL:]
        else:
            merged.append([piece])
            tail = piece[-_TAIL:]
    joined = (" ".join(group).strip() for group in merged)
    return [sentence for sentence in joined if sentence]


def labelled_value(
    text: str, labels: str, value: str, *, line_start: bool = False
) -> tuple[str, str] | None:
    """The first `label: value` (or `label value`) in the text: (value, the line it is on)."""
    head = "^" if line_start else r"\b"
    pattern = re.compile(
        rf"{head}(?:{labels})\s*(?:#|no\.?|number|num\.?|id)?\s*[:#]?\s*({value})", re.I
    )
    for line in lines(text):
        match = pattern.search(line)
        if match:
            return match.group(1).strip(), line
    return None


def snippet(text: str, start: int, end: int, width: int = 60) -> str:
    """The words around a match, on one line, for staff to check a proposal against."""
    left = text.rfind("\n", 0, start)
    right = text.find("\n", end)
    line = text[left + 1 : right if right != -1 else len(text)].strip()
    return line if len(line) <= 2 * width + (end - start) else text[start:end].strip()
