"""Labels newer than the catalog's: an openFDA drug-label file beside the catalog entries.

openFDA's drug label endpoint (https://open.fda.gov/apis/drug/label/) returns, and its bulk
download holds, `{"results": [...]}` with one record per label version: `set_id`,
`effective_time` (YYYYMMDD), `openfda.generic_name` and `indications_and_usage` (a list of
text). A record is newer than an entry when its effective month is after the month the entry's
`label.revised` names (labels print only "Revised: M/YYYY"). Nothing here edits the catalog:
it says what changed, and a person updates the drug file after reading the label.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from desktop_app.errors import LabelFileError
from desktop_app.knowledge.drug_label_model import DrugEntry, Indication

MIN_WORDS = 6  # shorter pieces are headings ("1.1 Melanoma"), not indication wording
SAME = 0.8  # share of its words a text must have in the other to count as the same wording


@dataclass(frozen=True, slots=True)
class OpenFdaLabel:
    index: int  # position in results[]
    set_id: str
    effective: dt.date
    generic_names: tuple[str, ...]
    indications: str


@dataclass(frozen=True, slots=True)
class LabelUpdate:
    drug: DrugEntry
    label: OpenFdaLabel
    matched_by: str  # "set id" or "generic name"
    no_longer_in_label: tuple[Indication, ...]  # catalog wording the new text lacks
    not_in_catalog: tuple[str, ...]  # new text no catalog indication quotes


def read_openfda(raw: bytes, file: str) -> tuple[list[OpenFdaLabel], list[str]]:
    """The label records in an openFDA file, and one note per record that had to be skipped.

    LabelFileError (naming the file) when the file is not openFDA's shape at all.
    """
    try:
        payload = json.loads(raw)
    except UnicodeDecodeError:
        raise LabelFileError("not a JSON file (it is not UTF-8 text)", file=file) from None
    except json.JSONDecodeError as exc:
        # The decoder's words and place; some of its messages end in "at" already.
        where = f"{exc.msg.removesuffix(' at')} at line {exc.lineno}, column {exc.colno}"
        raise LabelFileError(f"not a JSON file ({where})", file=file) from None
    except (ValueError, RecursionError):
        # Python's own limits: an integer over 4,300 digits, nesting about 1,000 deep.
        raise LabelFileError("not a file openFDA writes: a number is thousands of digits long "
                             "or lists are nested a thousand deep", file=file) from None
    results = payload.get("results") if isinstance(payload, dict) else None
    if not isinstance(results, list):
        raise LabelFileError(
            "not an openFDA drug-label file: it has no results list",
            file=file,
            field="results",
            hint="download it from open.fda.gov, drug label endpoint",
        )
    labels: list[OpenFdaLabel] = []
    skipped: list[str] = []
    for index, record in enumerate(results):
        label = _record(index, record)
        if isinstance(label, str):
            skipped.append(f"results.{index}: {label}")
        else:
            labels.append(label)
    return labels, skipped


def _record(index: int, record: object) -> OpenFdaLabel | str:
    if not isinstance(record, dict):
        return "not a label record"
    set_id = record.get("set_id")
    if not isinstance(set_id, str) or not set_id.strip():
        return "no set_id"
    effective = _date(record.get("effective_time"))
    if effective is None:
        return "effective_time is not a date YYYYMMDD"
    openfda = record.get("openfda")
    names = openfda.get("generic_name") if isinstance(openfda, dict) else None
    generic = tuple(n for n in names if isinstance(n, str)) if isinstance(names, list) else ()
    text = record.get("indications_and_usage")
    parts = [t for t in text if isinstance(t, str)] if isinstance(text, list) else []
    return OpenFdaLabel(index, set_id.strip().lower(), effective, generic, " ".join(parts))


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{8}", value):
        return None
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def newer_labels(drugs: Iterable[DrugEntry], labels: Sequence[OpenFdaLabel]) -> list[LabelUpdate]:
    """Each catalog drug whose label in the file is newer than its entry, with what changed."""
    by_setid: dict[str, list[OpenFdaLabel]] = {}
    by_name: dict[str, list[OpenFdaLabel]] = {}
    for label in labels:
        by_setid.setdefault(label.set_id, []).append(label)
        for name in label.generic_names:
            by_name.setdefault(_words(name), []).append(label)
    updates = []
    for drug in drugs:
        refs = [drug.label, *(p.label for p in drug.products if p.label)]
        setids = {ref.setid for ref in refs if ref.setid}
        found = [lab for s in setids for lab in by_setid.get(s, [])]
        matched_by = "set id"
        if not found:
            names = {_words(drug.generic_name), *(_words(p.proper_name) for p in drug.products)}
            found = [lab for n in names for lab in by_name.get(n, [])]
            matched_by = "generic name"
        if not found:
            continue
        newest = max(found, key=lambda lab: lab.effective)
        if (newest.effective.year, newest.effective.month) <= (
            drug.label.revised.year,
            drug.label.revised.month,
        ):
            continue
        gone, new = indication_changes(drug.indications, newest.indications)
        updates.append(LabelUpdate(drug, newest, matched_by, gone, new))
    return updates


def indication_changes(
    indications: Sequence[Indication], text: str
) -> tuple[tuple[Indication, ...], tuple[str, ...]]:
    """(catalog indications whose words the text no longer has, text pieces no entry quotes).

    Compared by the share of a text's words found, in order, in runs of two words or more, so
    an entry that leaves out "patients with" or a parenthesis is still the same wording; a
    piece of the label is quoted when an entry's words are in it or its words in the entries.
    """
    whole = _words(text).split()
    gone = tuple(i for i in indications if _share(_words(i.label_text).split(), whole) < SAME)
    quoted: list[str] = []
    for indication in indications:
        quoted += [*_words(indication.label_text).split(), "|"]  # "|": no run spans two
    new = []
    for piece in _segments(text):
        words = _words(piece).split()
        if len(words) < MIN_WORDS or piece.endswith(":"):
            continue  # a heading, or a lead-in such as "KEYTRUDA is ... indicated:"
        covers = any(_share(_words(i.label_text).split(), words) >= SAME for i in indications)
        if not covers and _share(words, quoted) < SAME:
            new.append(piece)
    return gone, tuple(dict.fromkeys(new))


def _share(part: list[str], whole: list[str]) -> float:
    if not part:
        return 1.0
    blocks = SequenceMatcher(None, part, whole, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks if b.size >= 2) / len(part)


def _segments(text: str) -> list[str]:
    """Bullets, numbered subsections and sentences of a label's section 1."""
    pieces = re.split(r"\s*(?:•|\u2022|\s\d{1,2}\.\d{1,2}\s|(?<=[.;])\s+(?=[A-Z]))\s*", text)
    return [" ".join(p.split()) for p in pieces if p and p.strip()]


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.casefold()).split())
