"""Hostile files given to `pa-letter` as a process, found by a sweep of every reader: each is
refused in one line naming the file, with the spec's exit code, no traceback and nothing of
the file's secrets or patient data on stderr."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from tests.support.certs import PASSWORD, certificates
from tests.support.pdfs import letter_pdf

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE, APPEAL = EXAMPLES / "commercial-preauth.json", EXAMPLES / "commercial-appeal.json"


def test_a_password_file_with_nul_bytes_is_refused_without_echoing_the_password(
    pa_letter: Any, tmp_path: Path
) -> None:
    letter, password = tmp_path / "letter.pdf", tmp_path / "password.txt"
    letter.write_bytes(letter_pdf(1))
    password.write_bytes(b"correct horse\x00battery\n")
    result = pa_letter("sign", letter, "--p12", certificates().valid, "--password-file",
                       password, "-o", tmp_path / "signed.pdf")
    assert result.code == 1
    assert "Traceback" not in result.err and "Panic" not in result.err
    assert "horse" not in result.err and "[99, 111" not in result.err
    assert result.err.strip().splitlines() == [
        f"pa-letter: {certificates().valid}: The certificate password holds a NUL byte, which "
        "no password can hold (the password file must hold the password as plain text, on "
        "one line)"
    ]
    assert not (tmp_path / "signed.pdf").exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\x8f\x02 random bytes \xff" * 300, "The file to sign is not a PDF"),
        (letter_pdf(1)[:900], "The PDF is damaged and cannot be signed"),
        (letter_pdf(1).replace(b"\n", b"\r\n"), "The PDF is damaged and cannot be signed"),
    ],
    ids=["garbage", "truncated", "line-ends-changed"],
)
def test_a_letter_to_sign_that_is_not_a_good_pdf_is_named_in_one_line(
    pa_letter: Any, tmp_path: Path, content: bytes, words: str
) -> None:
    letter, password = tmp_path / "letter.pdf", tmp_path / "password.txt"
    letter.write_bytes(content)
    password.write_bytes(PASSWORD + b"\n")
    result = pa_letter("sign", letter, "--p12", certificates().valid, "--password-file",
                       password, "-o", tmp_path / "signed.pdf")
    assert result.code == 1
    # pypdf's own log lines ("invalid pdf header", "EOF marker not found") once came first.
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"pa-letter: {letter}: {words}")
    assert not (tmp_path / "signed.pdf").exists()


SPOOF = "Ann\u202enosj.exe"  # a terminal shows "Annexe.json": the override reverses the rest


@pytest.mark.parametrize(
    ("command", "suffix"),
    [(("check",), ".json"), (("batch",), ".json"), (("templates", "validate"), ".letter"),
     (("backup", "restore"), ".sqlite3"), (("evidence", "import"), ".ris")],
)
def test_a_file_name_with_a_direction_override_is_named_escaped(
    pa_letter: Any, tmp_path: Path, command: tuple[str, ...], suffix: str
) -> None:
    source = tmp_path / f"{SPOOF}{suffix}"
    source.write_bytes(b"")
    extra = ("-o", tmp_path / "out") if command == ("batch",) else ()
    result = pa_letter(*command, source, *extra)
    assert result.code != 0
    said = result.out + result.err
    assert "\u202e" not in said
    assert "Ann\\u202enosj.exe" in said


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize(
    ("command", "name"),
    [(("render", EXAMPLE), "letter.pdf"), (("deadlines", APPEAL, "--format", "ics"), "due.ics")],
    ids=["render", "deadlines"],
)
def test_an_output_that_is_a_pipe_or_device_is_left_as_it_is(
    pa_letter: Any, tmp_path: Path, command: tuple[Any, ...], name: str
) -> None:
    # Run as root, `-o /dev/full` once replaced the device with a regular file.
    target = tmp_path / name
    os.mkfifo(target)
    result = pa_letter(*command, "-o", target)
    assert result.code == 1
    assert result.err.strip() == (
        f"pa-letter: {target}: cannot write the file (it is a device or a pipe, not a file)")
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no .part- file left either


def test_a_nul_byte_in_a_name_is_a_finding_not_a_silently_different_letter(
    pa_letter: Any, tmp_path: Path
) -> None:
    case = json.loads(EXAMPLE.read_text("utf-8"))
    case["patient"]["name"] = "Priya\u0000Ramanathan"  # the letter would print "PriyaRamanathan"
    source = tmp_path / "case.json"
    source.write_text(json.dumps(case), "utf-8")
    result = pa_letter("check", source, "--format", "json")
    assert result.code == 1
    found = [f for f in json.loads(result.out)["findings"] if f["field"] == "patient.name"]
    assert [f["code"] for f in found] == ["text.hidden_characters"]
    assert "U+0000 control character" in found[0]["message"]
    assert "Priya" not in found[0]["message"]
    refused = pa_letter("render", source, "-o", tmp_path / "letter.pdf")
    assert refused.code == 1 and not (tmp_path / "letter.pdf").exists()


@pytest.mark.parametrize("kind", ["folder", "endless"])
def test_a_trust_file_that_cannot_be_read_exits_2_like_a_pdf_that_cannot(
    pa_letter: Any, tmp_path: Path, kind: str
) -> None:
    from desktop_app.export.signing import sign_pdf
    from tests.support.certs import practice_authority

    signed = tmp_path / "signed.pdf"
    signed.write_bytes(sign_pdf(letter_pdf(1), practice_authority().physician, PASSWORD))
    root = tmp_path / "root.pem"
    if kind == "folder":
        root.mkdir()
    else:
        root.symlink_to("/dev/zero")
    result = pa_letter("verify", signed, "--trust", root)
    assert result.code == 2  # "2 a file that cannot be read"; it was 1, "altered or unsigned"
    assert result.err.startswith(f"pa-letter: {root}: The trusted certificate file ")
    assert len(result.err.strip().splitlines()) == 1
