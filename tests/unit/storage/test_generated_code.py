"""The table of generated code kept between runs (storage/generated_code.py).

Tested on the module's functions with its state swapped for the test's own, so that this
test process's `dataclasses` and `typing` are left as Python made them.
"""

from __future__ import annotations

import marshal
import stat
from pathlib import Path

import pytest

from desktop_app.storage import generated_code

SOURCE = "def __create_fn__():\n def __init__(self, a):\n  self.a = a\n return __init__"


@pytest.fixture
def table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / generated_code.file_name()
    monkeypatch.setattr(generated_code, "_table", {})
    monkeypatch.setattr(generated_code, "_added", 0)
    monkeypatch.setattr(generated_code, "_where", where)
    return where


def test_the_same_text_is_compiled_once(table: Path) -> None:
    first = generated_code.compiled(SOURCE, "exec")
    assert generated_code.compiled(SOURCE, "exec") is first
    assert generated_code.entries() == 1
    # The same text compiled for another mode is another entry.
    assert generated_code.compiled("int | None", "eval") is not first
    assert generated_code.entries() == 2


def test_the_table_is_written_private_and_read_back(
    table: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generated_code, "REWRITE_AFTER", 1)
    code = generated_code.compiled(SOURCE, "exec")
    generated_code.save()
    assert stat.S_IMODE(table.stat().st_mode) == 0o600
    again = generated_code._read(table)
    assert list(again) == [("exec", SOURCE)]
    namespace: dict[str, object] = {}
    exec(again[("exec", SOURCE)], {}, namespace)  # the code read back runs as compiled
    assert namespace["__create_fn__"]().__name__ == "__init__"  # type: ignore[operator]
    assert again[("exec", SOURCE)].co_code == code.co_code


def test_nothing_is_written_when_nothing_was_added(table: Path) -> None:
    generated_code.save()
    assert not table.exists()


def test_a_run_that_added_only_a_few_entries_leaves_the_table_as_it_was(table: Path) -> None:
    # Such as the one or two expressions a few modules build in a new order in each process.
    for n in range(generated_code.REWRITE_AFTER - 1):
        generated_code.compiled(f"{n} * 2", "eval")
    generated_code.save()
    assert not table.exists()
    generated_code.compiled("-1", "eval")
    generated_code.save()
    assert len(generated_code._read(table)) == generated_code.REWRITE_AFTER


@pytest.mark.parametrize(
    "content",
    [b"", b"not marshal at all \x00\xff", marshal.dumps([1, 2, 3]),
     marshal.dumps({"not a pair": 1}), marshal.dumps({("exec", "x"): "not code"}),
     marshal.dumps({("exec", 1): compile("1", "<string>", "eval")})],
    ids=["empty", "garbage", "a list", "a bad key", "not code", "a number for text"],
)
def test_a_damaged_or_foreign_table_is_ignored(table: Path, content: bytes) -> None:
    table.write_bytes(content)
    assert generated_code._read(table) == {}


def test_a_missing_table_is_no_error(table: Path) -> None:
    assert generated_code._read(table) == {}


def test_the_table_stops_growing_at_its_bound(
    table: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generated_code, "MOST_ENTRIES", 2)
    for n in range(5):
        assert eval(generated_code.compiled(f"{n} + 1", "eval")) == n + 1
    assert generated_code.entries() == 2


def test_the_file_name_names_this_python() -> None:
    import sys

    name = generated_code.file_name()
    assert sys.implementation.cache_tag in name
    assert f"{sys.hexversion:x}" in name


def test_each_command_has_a_table_of_its_own_named_for_it() -> None:
    names = {generated_code.file_name(command) for command in ("verify", "render", None)}
    assert len(names) == 3
    assert generated_code.file_name("verify").endswith("-verify.marshal")
    for odd in ("../verify", "Verify", "two words", "x" * 17):
        with pytest.raises(ValueError):
            generated_code.file_name(odd)
    assert generated_code.file_name("") == generated_code.file_name()  # the one for any start
