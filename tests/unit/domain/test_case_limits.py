"""Case files past what JSON or the case model can hold are unusable input, naming the field.

Each of these once ended in a traceback (RecursionError, ValueError) or was accepted silently
(NaN printed as "$NaN"). The limits never reject a real case: every example and the largest
case the format allows load.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated, Any

import pytest
from pydantic import BaseModel

from desktop_app.domain.bounds import NAME_CHARS, NARRATIVE_CHARS, MaxLength, limit_of
from desktop_app.domain.case import Case
from desktop_app.domain.case_parties import Patient
from desktop_app.domain.case_treatment import Diagnosis
from desktop_app.domain.casefile import case_json_schema, load_case_text, parse_case
from desktop_app.errors import CaseFileError
from tests.support.hang import HANG_SECONDS
from tests.support.worst_case import worst_case_data

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "medicare-part-b-preauth.json"


def _example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text("utf-8"))
    return data


def _refused(text: str) -> CaseFileError:
    started = time.monotonic()
    with pytest.raises(CaseFileError) as caught:
        load_case_text(text, source="hostile.json")
    assert time.monotonic() - started < HANG_SECONDS
    assert str(caught.value).startswith("hostile.json")
    return caught.value


@pytest.mark.parametrize("depth", [17, 1_000, 100_000])
def test_deep_nesting_is_refused_naming_where(depth: int) -> None:
    data = _example()
    text = json.dumps(data).replace('"biomarkers": [', '"biomarkers": [' + "[" * depth, 1)
    text = text.replace("]", "]" * depth, 1)
    error = _refused(text)
    assert "more than 16 levels deep" in error.message
    assert error.field is not None and error.field.startswith("diagnosis.biomarkers")


@pytest.mark.parametrize("text", ["[" * 5000, "{\"a\":" * 5000, '"' + "[" * 50 + "x"])
def test_unclosed_or_odd_nesting_never_reaches_the_parser(text: str) -> None:
    error = _refused(text)
    assert "levels deep" in error.message or "not valid JSON" in error.message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"format": "pa-letter-case/1", "patient": {"name": "Ann', "Unterminated string starting "
         "at line 1, column 52"),
        ('{"format": "pa-letter\x00"}', "Invalid control character at line 1, column 22"),
        ("", "Expecting value at line 1, column 1"),
    ],
)
def test_broken_json_is_said_once_in_words_with_its_line_and_column(
    text: str, words: str
) -> None:
    error = _refused(text)
    assert error.message == f"not valid JSON ({words})"
    assert "Ann" not in str(error)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("9" * 5000, "5,000 characters long"),
        ("1." + "5" * 100, "characters long"),
        ("NaN", "NaN is not a number"),
        ("Infinity", "Infinity is not a number"),
        ("-Infinity", "Infinity is not a number"),
        ("1e999", "reads as Infinity"),
    ],
)
def test_numbers_no_case_can_hold_are_refused_naming_the_field(raw: str, words: str) -> None:
    text = json.dumps(_example()).replace('"cycles": 6', f'"cycles": {raw}')
    if '"cycles"' not in json.dumps(_example()):
        pytest.skip("the example has no cycles")
    error = _refused(text)
    assert words in error.message
    assert error.field == "drug.cycles"


def test_nan_amount_from_decoded_data_is_refused_too() -> None:
    data = _example()
    data["denial"] = {"date": "2026-11-01", "amount_in_controversy": float("nan")}
    with pytest.raises(CaseFileError, match="not a number") as caught:
        parse_case(data)
    assert caught.value.field == "denial.amount_in_controversy"


@pytest.mark.parametrize(
    ("section", "field", "limit"),
    [
        ("patient", "name", NAME_CHARS),
        ("off_label", "rationale", NARRATIVE_CHARS),
        ("payer", "member_id", 300),
    ],
)
def test_text_over_its_limit_is_refused_naming_field_and_limit(
    section: str, field: str, limit: int
) -> None:
    data = _example()
    data[section][field] = "x" * (limit + 1)
    with pytest.raises(CaseFileError) as caught:
        parse_case(data, source="long.json")
    assert caught.value.field == f"{section}.{field}"
    assert f"at most {limit:,}" in caught.value.message
    assert "x" * 20 not in str(caught.value)  # the value itself is never echoed
    data[section][field] = "x" * limit
    parse_case(data)


def test_a_list_over_its_limit_is_refused() -> None:
    data = _example()
    data["evidence"] = data["evidence"][:1] * 201
    with pytest.raises(CaseFileError, match="201 items; a case holds at most 200") as caught:
        parse_case(data)
    assert caught.value.field == "evidence"


def test_every_example_and_the_largest_allowed_case_load(examples_dir: Path) -> None:
    for path in sorted(examples_dir.glob("*.json")):
        load_case_text(path.read_text("utf-8"), source=path.name)
    for kind in ("preauth", "appeal"):
        case = parse_case(worst_case_data(kind))
        assert len(case.evidence) == 200
        assert len(case.off_label.rationale) == NARRATIVE_CHARS


def test_a_case_the_app_saved_opens_again_whatever_its_length() -> None:
    data = _example()
    data["off_label"]["rationale"] = "pasted note " * 5000
    data["denial"] = {"date": "2026-11-01", "amount_in_controversy": float("inf")}
    case = parse_case(data, lenient=True)
    assert len(case.off_label.rationale) == 60_000


def test_the_schema_states_the_limits() -> None:
    schema = case_json_schema()
    patient = schema["$defs"]["Patient"]["properties"]
    assert patient["name"]["maxLength"] == NAME_CHARS
    assert schema["properties"]["evidence"]["maxItems"] == 200
    biomarkers = schema["$defs"]["Diagnosis"]["properties"]["biomarkers"]["anyOf"][0]
    assert biomarkers["maxItems"] == 50 and biomarkers["items"]["maxLength"] == 300
    assert limit_of(Patient, "name") == NAME_CHARS
    assert limit_of(Diagnosis, "biomarkers") == 50
    assert limit_of(Case, "format") is None


def test_every_text_and_list_of_the_model_has_a_limit() -> None:
    def sections(model: type[Any]) -> list[type[Any]]:
        found = [model]
        for info in model.model_fields.values():
            for inner in _models_in(info.annotation):
                found += sections(inner)
        return found

    unbounded = []
    for section in set(sections(Case)):
        for name, info in section.model_fields.items():
            annotation = str(info.annotation)
            bounded_otherwise = "Literal" in annotation or "pattern=" in annotation
            text_or_list = "str" in annotation or "list" in annotation
            if text_or_list and not bounded_otherwise and limit_of(section, name) is None:
                unbounded.append(f"{section.__name__}.{name}")
    assert unbounded == []


def _models_in(annotation: Any) -> list[type[Any]]:
    from pydantic import BaseModel

    found: list[type[Any]] = []
    stack = [annotation]
    while stack:
        item = stack.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            found.append(item)
        stack.extend(getattr(item, "__args__", ()) or ())
        stack.extend(getattr(item, "__metadata__", ()) or ())
        origin = getattr(item, "__origin__", None)
        if origin is not None:
            stack.append(origin)
    return found


def test_each_model_s_field_limit_is_its_own() -> None:
    # limit_of keeps its answers by model and field: same-named fields of other models, or a
    # model defined later, are read from their own definitions.
    class Short(BaseModel):
        note: Annotated[str, MaxLength(5)] = ""

    class Long(BaseModel):
        note: Annotated[str, MaxLength(500)] | None = None
        plain: str = ""

    assert [limit_of(Short, "note"), limit_of(Long, "note"), limit_of(Short, "note")] == [5, 500, 5]
    assert limit_of(Long, "plain") is None and limit_of(Long, "absent") is None
