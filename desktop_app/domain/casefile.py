"""Reading and writing case files; every failure is one line naming the file and the field."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop_app import limits
from desktop_app.domain.bounds import LENIENT
from desktop_app.domain.case import FORMAT_ID, MANDATORY_FIELDS, Case
from desktop_app.domain.json_input import load_json
from desktop_app.errors import CaseFileError

_FORMAT_SHAPE = re.compile(r"[a-z][a-z0-9-]{0,30}/\d{1,4}")  # "pa-letter-case/1"


def parse_case(data: Any, *, source: str = "case", lenient: bool = False) -> Case:
    """Build a Case from decoded JSON, or raise CaseFileError naming the first bad field.

    `lenient` (for cases the app stored itself) skips the length and NaN limits, so what a
    user saved always opens again; the checker then reports what is over a limit.
    """
    if not isinstance(data, dict):
        raise CaseFileError("a case file must hold a JSON object", file=source)
    fmt = data.get("format")
    if fmt != FORMAT_ID:
        # Only a value shaped like a format id is quoted ('pa-letter-case/2'): the field may
        # hold anything, a patient's name included, and errors never quote what a case holds.
        shown = "missing" if fmt is None else (
            repr(fmt) if isinstance(fmt, str) and _FORMAT_SHAPE.fullmatch(fmt) else "not valid"
        )
        raise CaseFileError(
            f"format is {shown}; this version reads '{FORMAT_ID}'", file=source, field="format"
        )
    try:
        return _validate(data, lenient)
    except ValidationError as exc:
        raise _explain(exc, source) from None
    except (ValueError, RecursionError):
        # json.dumps of data nested past Python's limits: no case is shaped like that.
        raise CaseFileError("the case data is not shaped like a case", file=source) from None


def parse_with_new_parts(data: Any, parts: tuple[str, ...], *, source: str = "case") -> Case:
    """A stored case with new top-level `parts` put in it: those held to the limits, the rest
    read leniently, so a field saved over its limit elsewhere never blocks a new record."""
    if isinstance(data, dict):
        parse_case({"format": FORMAT_ID, **{p: data[p] for p in parts if p in data}},
                   source=source)
    return parse_case(data, source=source, lenient=True)


def _validate(data: dict[str, Any], lenient: bool) -> Case:
    # Round-trip through JSON validation so dates arrive as strings, as in a file.
    return Case.model_validate_json(json.dumps(data), context={LENIENT: lenient})


def _explain(exc: ValidationError, source: str) -> CaseFileError:
    err = exc.errors()[0]
    loc = [str(p) for p in err["loc"] if not _is_union_tag(p)]
    field = ".".join(loc) or None
    kind = err["type"]
    if kind == "extra_forbidden":
        message = "unknown field (check its spelling; see `pa-letter schema`)"
    elif kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        message = f"not an allowed value; expected {expected}"
    elif kind == "union_tag_invalid":
        message = "evidence type must be compendium, article, trial or guideline"
    elif kind == "union_tag_not_found":
        message = "evidence item needs a 'type' (compendium, article, trial or guideline)"
    else:
        message = err["msg"][0].lower() + err["msg"][1:]
    more = len(exc.errors()) - 1
    if more:
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    return CaseFileError(message, file=source, field=field)


def _is_union_tag(part: object) -> bool:
    return isinstance(part, str) and part in ("compendium", "article", "trial", "guideline")


def load_case_text(text: str, *, source: str = "case") -> Case:
    """The case in a case file's text; CaseFileError naming the file and field otherwise."""
    if len(text) > limits.CASE_FILE_BYTES:
        raise CaseFileError(
            f"the text is too large to be a case file (over "
            f"{limits.size_words(limits.CASE_FILE_BYTES)})",
            file=source,
        )
    return parse_case(load_json(text, source=source), source=source)


def load_case(path: Path) -> Case:
    """Load a case file. Raises CaseFileError for anything that makes it unusable."""
    raw = limits.read_bounded(
        path, limits.CASE_FILE_BYTES, what="a case file", error=CaseFileError
    )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Notepad's "Unicode" and Word's "Unicode Text" are UTF-16: say which, and the way out.
        utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        raise CaseFileError("the file is UTF-16 text, not UTF-8" if utf16
                            else "the file is not UTF-8 text", file=str(path),
                            hint="save it again with the encoding UTF-8"
                            if utf16 or b"\x00" not in raw[:4096]
                            else "is this a case file?") from None
    return load_case_text(text, source=str(path))


def case_to_dict(case: Case) -> dict[str, Any]:
    """The case as format-1 JSON data, leaving out empty optional fields."""
    data: dict[str, Any] = case.model_dump(mode="json", exclude_none=True)
    return data


def dump_case(case: Case) -> str:
    return json.dumps(case_to_dict(case), indent=2, ensure_ascii=False) + "\n"


def case_json_schema() -> dict[str, Any]:
    """JSON Schema of format 1, generated from the model, with mandatory fields marked."""
    schema: dict[str, Any] = Case.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "PA Letter Studio case file, format 1"
    schema.setdefault("required", [])
    schema["required"] = ["format", *schema["required"]]
    defs = schema.get("$defs", {})
    section_of = {
        "letter": "Letter",
        "payer": "Payer",
        "patient": "Patient",
        "prescriber": "Prescriber",
        "diagnosis": "Diagnosis",
        "drug": "Drug",
        "off_label": "OffLabel",
        "denial": "Denial",
        "prior_therapies[]": "PriorTherapy",
        "attachments[]": "Attachment",
        "denial.reasons[]": "DenialReason",
        "call_log[]": "CallLogEntry",
        "approval": "Approval",
        "evidence[compendium]": "CompendiumEvidence",
        "evidence[article]": "ArticleEvidence",
        "evidence[trial]": "TrialEvidence",
        "evidence[guideline]": "GuidelineEvidence",
        "drug.dose": "Dose",
    }
    for path in MANDATORY_FIELDS:
        head, _, leaf = path.rpartition(".")
        target = schema if not head else defs.get(section_of.get(head, ""), None)
        if target is None:
            continue
        req = target.setdefault("required", [])
        if leaf not in req:
            req.append(leaf)
    for name in ("CompendiumEvidence", "ArticleEvidence", "TrialEvidence", "GuidelineEvidence"):
        if name in defs:
            defs[name].setdefault("required", [])
            if "type" not in defs[name]["required"]:
                defs[name]["required"].insert(0, "type")
    defs["Drug"].setdefault("required", []).append("dose")
    for section in (
        "letter",
        "payer",
        "patient",
        "prescriber",
        "diagnosis",
        "drug",
        "off_label",
        "evidence",
    ):
        if section not in schema["required"]:
            schema["required"].append(section)
    return schema
