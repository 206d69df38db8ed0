"""Property tests: random JSON and random mutations of the examples load as a case or are
refused in words, never a traceback, never slowly, never quoting what the file holds.

Inputs that once failed are kept in tests/corpus/cases (tests/e2e/test_cli_hostile.py runs
them through the command line as well).
"""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.case import Case
from desktop_app.domain.casefile import load_case, load_case_text
from desktop_app.errors import CaseFileError
from tests.support.hang import HANG_SECONDS

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
CORPUS = sorted((ROOT / "tests" / "corpus" / "cases").glob("*.json"))
PATIENT, PRESCRIBER = "Quincy Fuzz-Patient", "Dr Ottoline Fuzz-Prescriber"
FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
    st.text(max_size=30), st.sampled_from([PATIENT, "2026-02-30", "0001-01-01", "\u202e"]),
)
_json = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                 max_size=4),
    max_leaves=20,
)


def _outcome(text: str) -> Case | CaseFileError:
    started = time.monotonic()
    try:
        result: Case | CaseFileError = load_case_text(text, source="fuzzed.json")
    except CaseFileError as error:
        assert str(error).startswith("fuzzed.json")
        assert PATIENT not in str(error) and PRESCRIBER not in str(error)
        result = error
    assert time.monotonic() - started < HANG_SECONDS
    return result


@FUZZ
@given(_json)
def test_any_json_is_a_case_or_a_clear_refusal(value: Any) -> None:
    _outcome(json.dumps(value))


@FUZZ
@given(st.text(max_size=200))
def test_any_text_is_a_case_or_a_clear_refusal(text: str) -> None:
    _outcome(text)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


@st.composite
def mutated_examples(draw: st.DrawFn) -> str:
    data = json.loads(draw(st.sampled_from(EXAMPLES)).read_text("utf-8"))
    data["patient"]["name"], data["prescriber"]["name"] = PATIENT, PRESCRIBER
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(data)[1:]))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "deepen", "repeat", "huge"]))
        leaf = path[-1]
        if action == "replace":
            parent[leaf] = draw(_json)
        elif action == "delete":
            del parent[leaf]
        elif action == "deepen":
            parent[leaf] = json.loads("[" * 40 + "1" + "]" * 40)
        elif action == "repeat":
            parent[leaf] = [copy.deepcopy(parent[leaf])] * draw(st.integers(0, 300))
        else:
            parent[leaf] = "x" * draw(st.sampled_from([301, 20_001, 100_000]))
    return json.dumps(data, ensure_ascii=draw(st.booleans()))


@FUZZ
@given(mutated_examples())
def test_any_mutation_of_an_example_is_a_case_or_a_clear_refusal(text: str) -> None:
    _outcome(text)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_the_case_corpus_loads_or_is_refused_in_words(path: Path) -> None:
    started = time.monotonic()
    try:
        load_case(path)
    except CaseFileError as error:
        assert str(error).startswith(str(path))
        assert "Corpus-Patient" not in str(error) and "Corpus-Prescriber" not in str(error)
    assert time.monotonic() - started < HANG_SECONDS
