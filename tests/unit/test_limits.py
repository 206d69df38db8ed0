"""Every file the app reads is read no further than its cap, and the message says the cap."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from desktop_app import limits
from desktop_app.errors import AppError, CaseFileError
from tests.support.hang import HANG_SECONDS


def test_an_endless_device_is_refused_at_the_cap_at_once() -> None:
    started = time.monotonic()
    with pytest.raises(CaseFileError) as caught:
        limits.read_bounded(Path("/dev/zero"), limits.CASE_FILE_BYTES, what="a case file",
                            error=CaseFileError)
    assert time.monotonic() - started < HANG_SECONDS
    assert str(caught.value) == "/dev/zero: the file is too large to be a case file (over 5 MB)"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_pipe_with_no_writer_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "case.json"
    os.mkfifo(fifo)
    started = time.monotonic()
    assert limits.read_bounded(fifo, 100, what="a case file") == b""
    assert time.monotonic() - started < HANG_SECONDS


def test_a_file_at_the_cap_is_read_and_one_byte_more_is_not(tmp_path: Path) -> None:
    path = tmp_path / "x.letter"
    path.write_bytes(b"a" * 2048)
    assert len(limits.read_bounded(path, 2048, what="a letter template")) == 2048
    path.write_bytes(b"a" * 2049)
    with pytest.raises(AppError, match=r"too large to be a letter template \(over 2 kB\)"):
        limits.read_bounded(path, 2048, what="a letter template")


def test_an_unreadable_file_is_named_with_the_reason(tmp_path: Path) -> None:
    with pytest.raises(AppError) as caught:
        limits.read_bounded(tmp_path, 10, what="a certificate file")
    assert str(caught.value) == f"{tmp_path}: cannot read a certificate file (Is a directory)"
    with pytest.raises(AppError, match=r"The file cannot be read \(No such file"):
        limits.read_bounded(tmp_path / "gone.pdf", 10, what="a signed PDF",
                            unreadable="The file cannot be read ({reason})")


@pytest.mark.parametrize(
    ("size", "words"),
    [(5 * 1024 * 1024, "5 MB"), (64 * 1024, "64 kB"), (1, "1 byte"), (1500, "1500 bytes")],
)
def test_caps_are_said_in_plain_units(size: int, words: str) -> None:
    assert limits.size_words(size) == words
