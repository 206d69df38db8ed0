"""A lone UTF-16 surrogate escape ("\\ud800") in a case, payer or regimen file: Python's
decoder keeps it as a string that is no text, so it is refused naming the field, never with a
line and column of text the app built itself (which point nowhere in the user's file)."""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.casefile import load_case, load_case_text
from desktop_app.domain.json_input import load_json
from desktop_app.errors import CaseFileError

pytestmark = pytest.mark.no_database

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "commercial-preauth.json"


def _text_fields(value: Any, path: str = "") -> list[str]:
    if isinstance(value, str):
        return [path]
    items = value.items() if isinstance(value, dict) else enumerate(value) \
        if isinstance(value, list) else ()
    found: list[str] = []
    for key, item in items:
        found += _text_fields(item, f"{path}.{key}" if path else str(key))
    return found


def _with_escape(path: str, escape: str) -> str:
    """The example with `escape` (a JSON \\u escape) inside the string at `path`."""
    data = json.loads(EXAMPLE.read_text("utf-8"))
    parent: Any = data
    *parents, leaf = path.split(".")
    for part in parents:
        parent = parent[int(part)] if isinstance(parent, list) else parent[part]
    key: Any = int(leaf) if isinstance(parent, list) else leaf
    parent[key] = "MARK" + parent[key]
    return json.dumps(data, indent=2).replace('"MARK', f'"{escape}', 1)


FIELDS = [p for p in _text_fields(json.loads(EXAMPLE.read_text("utf-8"))) if p != "format"]


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(FIELDS), st.sampled_from(["\\ud800", "\\udfff", "a\\ud83d", "\\ude00b"]))
def test_a_lone_surrogate_anywhere_is_refused_naming_its_field(path: str, escape: str) -> None:
    with pytest.raises(CaseFileError) as caught:
        load_case_text(_with_escape(path, escape), source="case.json")
    assert caught.value.field == path
    assert "surrogate" in caught.value.message
    assert "line 1" not in str(caught.value)


def test_a_lone_surrogate_in_a_field_name_is_refused_naming_the_object() -> None:
    with pytest.raises(CaseFileError) as caught:
        load_json('{"payer": {"na\\ud800me": "x"}}', source="case.json")
    assert caught.value.field == "payer"
    assert "a field name holds" in caught.value.message


def test_a_whole_character_written_as_a_surrogate_pair_is_kept() -> None:
    assert load_json('{"note": "\\ud83d\\ude00"}', source="case.json") == {"note": "\U0001f600"}


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('{"format": "pa-letter-case/1", "patient": {"name": "A"}, "patient": {"name": "B"}}',
         "patient"),
        ('{"format": "pa-letter-case/1", "payer": {"name": "A", "name": "B"}}', "payer.name"),
        ('{"format": "pa-letter-case/1", "evidence": [{"type": "trial", "nct": "NCT00142571",'
         ' "nct": "NCT00000000"}]}', "evidence.0.nct"),
    ],
)
def test_a_field_given_twice_is_refused_naming_it(text: str, field: str) -> None:
    """json keeps the last silently: a reviewer of the file would read the first."""
    with pytest.raises(CaseFileError) as caught:
        load_case_text(text, source="case.json")
    assert caught.value.field == field
    assert "given twice" in caught.value.message


@pytest.mark.parametrize(
    ("data", "words", "hint"),
    [
        (codecs.BOM_UTF16_LE + '{"format": 1}'.encode("utf-16-le"), "UTF-16 text, not UTF-8",
         "save it again with the encoding UTF-8"),
        ('{"format": "pa-letter-case/1", "payer": {"name": "Bäy"}}'.encode("latin-1"),
         "not UTF-8 text", "save it again with the encoding UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff", "not UTF-8 text", "is this a case file?"),
    ],
    ids=["notepad-unicode", "latin-1", "a-picture"],
)
def test_a_file_in_another_encoding_says_which_and_how_to_fix_it(
    tmp_path: Path, data: bytes, words: str, hint: str
) -> None:
    path = tmp_path / "case.json"
    path.write_bytes(data)
    with pytest.raises(CaseFileError) as caught:
        load_case(path)
    assert caught.value.message == f"the file is {words}"
    assert caught.value.hint == hint and caught.value.file == str(path)
