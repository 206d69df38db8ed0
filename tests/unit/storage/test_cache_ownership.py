"""What the cache folder keeps is read only when this user alone could have written it.

The cache holds code the app runs (the generated-code table, compiled letter templates) and
entries it trusts (parsed fonts). A folder another user owns, or a file someone else may
write, is passed over: the work is done afresh, and only costs time. Another owner is
simulated by reporting another user id for this process (chown needs root); a file others may
write is made with chmod.
"""

from __future__ import annotations

import marshal
import os
import stat
import threading
from pathlib import Path

import pytest

from desktop_app.errors import StorageError
from desktop_app.limits import open_for_reading
from desktop_app.storage import generated_code
from desktop_app.storage.font_cache import FontShelf
from desktop_app.storage.paths import cache_home, is_own_private_file, own_private_folder

pytestmark = pytest.mark.no_database

SOURCE = "def __create_fn__():\n def __init__(self, a):\n  self.a = a\n return __init__"
PLANTED = (
    "def __create_fn__():\n def __init__(self, a):\n  raise SystemExit('planted')\n"
    " return __init__"
)


def another_user(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, every file this test made belongs to 'someone else'."""
    me = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: me + 1)


def test_a_folder_of_this_users_own_is_made_private_and_used(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)  # as a umask of 0 leaves it: open to all, but this user's
    assert own_private_folder(folder) == folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_folder_another_user_owns_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    another_user(monkeypatch)
    with pytest.raises(StorageError, match="not this user's own private folder") as caught:
        own_private_folder(folder)
    assert caught.value.file == str(folder)


def test_a_folder_others_may_still_write_in_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    folder.chmod(0o773)

    def cannot_change(self: Path, mode: int) -> None:
        raise PermissionError(1, "Operation not permitted")  # as for another user's folder

    monkeypatch.setattr(Path, "chmod", cannot_change)
    with pytest.raises(StorageError, match="others may write in it"):
        own_private_folder(folder)


def test_the_cache_folder_itself_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PA_LETTER_CACHE", str(tmp_path / "shared-cache"))
    assert cache_home() == tmp_path / "shared-cache"
    another_user(monkeypatch)
    with pytest.raises(StorageError):
        cache_home()


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o666])
def test_a_file_others_may_write_is_not_ones_own(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "entry"
    path.write_bytes(b"x")
    path.chmod(0o600)
    with path.open("rb") as stream:
        assert is_own_private_file(stream)
    path.chmod(mode)
    with path.open("rb") as stream:
        assert not is_own_private_file(stream)


def test_only_a_regular_file_is_a_file_of_ones_own(tmp_path: Path) -> None:
    fifo = tmp_path / "entry"
    os.mkfifo(fifo, 0o600)
    with open_for_reading(fifo) as stream:  # opened without waiting for a writer
        assert not is_own_private_file(stream)


def _plant_table(where: Path, mode: int) -> None:
    """A generated-code table whose entry for SOURCE runs other code."""
    where.write_bytes(marshal.dumps({("exec", SOURCE): compile(PLANTED, "<string>", "exec")}))
    where.chmod(mode)


def test_the_generated_code_table_is_read_when_it_is_this_users_alone(tmp_path: Path) -> None:
    # The same planted table, read: this is what the check below keeps from running.
    where = tmp_path / generated_code.file_name()
    _plant_table(where, 0o600)
    assert list(generated_code._read(where)) == [("exec", SOURCE)]


@pytest.mark.parametrize("mode", [0o620, 0o666])
def test_a_generated_code_table_others_may_write_is_never_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int
) -> None:
    where = tmp_path / generated_code.file_name()
    _plant_table(where, mode)
    monkeypatch.setattr(generated_code, "_table", {})
    monkeypatch.setattr(generated_code, "_added", 0)
    assert generated_code._read(where) == {}
    generated_code._table.update(generated_code._read(where))
    namespace: dict[str, object] = {}
    exec(generated_code.compiled(SOURCE, "exec"), {}, namespace)
    made = namespace["__create_fn__"]()  # type: ignore[operator]
    made(type("Plain", (), {})(), 1)  # the app's own code: no SystemExit


def test_a_generated_code_table_of_another_owner_is_never_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = tmp_path / generated_code.file_name()
    _plant_table(where, 0o600)
    another_user(monkeypatch)
    assert generated_code._read(where) == {}


def test_a_fifo_in_place_of_the_table_is_no_hang(tmp_path: Path) -> None:
    where = tmp_path / generated_code.file_name()
    os.mkfifo(where, 0o600)
    answer: list[object] = []
    reader = threading.Thread(
        target=lambda: answer.append(generated_code._read(where)), daemon=True
    )
    reader.start()
    reader.join(timeout=5)
    assert answer == [{}]


def test_a_font_entry_others_may_write_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PA_LETTER_CACHE", str(tmp_path / "cache"))
    shelf = FontShelf()
    shelf.keep("PALetterSans", b"entry")
    assert shelf.read("PALetterSans") == b"entry"
    entry = tmp_path / "cache" / "fonts" / "PALetterSans.font"
    entry.chmod(0o666)
    assert shelf.read("PALetterSans") is None
    shelf.keep("PALetterSans", b"fresh")  # read afresh from the font, and kept as this user's
    assert shelf.read("PALetterSans") == b"fresh"
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_font_entries_in_another_users_folder_are_misses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PA_LETTER_CACHE", str(tmp_path / "cache"))
    FontShelf().keep("PALetterSans", b"entry")
    another_user(monkeypatch)
    assert FontShelf().read("PALetterSans") is None
