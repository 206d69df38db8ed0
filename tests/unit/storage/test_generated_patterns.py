"""Regular expressions from the kept table behave exactly as freshly compiled ones."""

from __future__ import annotations

import re
from re import _compiler  # type: ignore[attr-defined]
from typing import Any

import pytest

from desktop_app.storage import generated_patterns

pytestmark = pytest.mark.skipif(
    not hasattr(_compiler, "_code"), reason="the 3.11 expression compiler's steps"
)

CASES: list[tuple[str | bytes, int, list[str | bytes]]] = [
    (r"(?P<code>[A-Z]\d{2})\.?(?P<rest>\w{0,4})", 0, ["C50.911", "c50", "Z99.89", ""]),
    (r"straße|STRASSE", re.IGNORECASE, ["Straße", "strasse", "STRAßE"]),
    (r"^\s*(\d+)\s*mg(?:/m2)?$", re.MULTILINE, ["75 mg/m2\n10 mg", "mg"]),
    (r"(a)|(b)(?P<x>c)?", 0, ["a", "bc", "b", "z"]),
    (rb"[\x00-\x1f]+", 0, [b"a\x01\x02b", b"plain"]),
    (r"(?x) \d+  # digits\n | [a-z]+", 0, ["abc 12", "--"]),
    (r"[^\x00-\x2f\x3a-\x40]{2,}", re.ASCII, ["héllo wörld", "ok"]),
]


def _compare(fresh: Any, kept: Any, texts: list[Any]) -> None:
    assert (kept.pattern, kept.flags, kept.groups, kept.groupindex) == (
        fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex)
    for text in texts:
        assert [m.span() for m in kept.finditer(text)] == [m.span() for m in fresh.finditer(text)]
        first_kept, first_fresh = kept.search(text), fresh.search(text)
        assert (first_kept and first_kept.groupdict()) == (first_fresh and first_fresh.groupdict())
        mark = "#" if isinstance(text, str) else b"#"
        assert kept.sub(mark, text) == fresh.sub(mark, text)


@pytest.fixture
def table(monkeypatch: pytest.MonkeyPatch) -> dict[tuple[Any, ...], Any]:
    kept: dict[tuple[Any, ...], Any] = {}
    monkeypatch.setattr(_compiler, "compile", _compiler.compile)  # put back after the test
    monkeypatch.setattr(generated_patterns, "_while_importing", lambda: True)
    generated_patterns.install(kept, lambda: True)
    return kept


@pytest.mark.parametrize(("pattern", "flags", "texts"), CASES)
def test_a_kept_expression_matches_as_a_fresh_one(
    table: dict[tuple[Any, ...], Any], pattern: str | bytes, flags: int, texts: list[Any]
) -> None:
    fresh = re.compile(pattern, flags)  # from re's own cache or compiled before the hook
    made = _compiler.compile(pattern, flags)  # compiled, and kept
    assert ("re", pattern, flags) in table
    from_table = _compiler.compile(pattern, flags)  # given to the engine from the table
    for kept in (made, from_table):
        _compare(fresh, kept, texts)


def test_a_damaged_entry_is_compiled_anew(table: dict[tuple[Any, ...], Any]) -> None:
    pattern = r"(\d+) days"
    table[("re", pattern, 0)] = (0, [999999, 1, 2], 0, {}, (None,))  # not engine code
    kept = _compiler.compile(pattern, 0)
    assert kept.match("14 days").group(1) == "14"
    assert table[("re", pattern, 0)][1] != [999999, 1, 2]


def test_an_expression_built_at_run_time_is_never_kept(
    table: dict[tuple[Any, ...], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generated_patterns, "_while_importing", lambda: False)
    built_from_a_case = re.escape("Jane Q. Example")
    assert _compiler.compile(built_from_a_case, 0).search("for Jane Q. Example today")
    assert not table


def test_only_a_module_body_counts_as_importing() -> None:
    assert not generated_patterns._while_importing()
