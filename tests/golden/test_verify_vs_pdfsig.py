"""Each attack's verdict, ours beside poppler's `pdfsig`, against a checked-in expectation.

pdfsig checks each signature's bytes and certificate but not what later revisions draw; so
where it says a signature is valid yet does not cover the whole document, we must say either
ALTERED (a disallowed change) or that what follows is only another signature on blank space.
The expectation file holds both tools' words per signature, so a change in either shows.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from desktop_app.export.signing import TrustAnchors, sign_pdf, verify_pdf
from tests.support import attacks
from tests.support.certs import PASSWORD, certificates, make_pkcs12, practice_authority
from tests.support.pdfs import letter_pdf

PDFSIG = shutil.which("pdfsig")
EXPECTED = Path(__file__).parent / "expected" / "verify_vs_pdfsig.json"


@cache
def first() -> bytes:
    return sign_pdf(letter_pdf(2), certificates().valid, PASSWORD)


def _impostor() -> bytes:
    path = make_pkcs12(
        certificates().folder / "golden-impostor.p12",
        name="Dr. Sarah Chen, MD (Chief of Oncology)",
    )
    return attacks.pyhanko_sign(letter_pdf(1), path)


def _timestamped() -> bytes:
    from pyhanko.sign.timestamps import HTTPTimeStamper

    from tests.support.tsa import timestamp_server

    with timestamp_server() as (url, _received):
        physician, stamper = practice_authority().physician, HTTPTimeStamper(url)
        return sign_pdf(letter_pdf(1), physician, PASSWORD, timestamper=stamper)


ATTACKS: dict[str, Callable[[], bytes]] = {
    "plain": first,
    "second signature on blank space": lambda: sign_pdf(first(), certificates().accented, PASSWORD),
    "shadow stamp": lambda: attacks.shadow_stamp(first(), certificates().accented),
    "annotation overlay": lambda: attacks.annotation_overlay(first()),
    "page replacement": lambda: attacks.page_replacement(first()),
    "metadata edit and re-sign": lambda: sign_pdf(
        attacks.metadata_edit(first()), certificates().accented, PASSWORD
    ),
    "expired certificate": lambda: attacks.pyhanko_sign(letter_pdf(1), certificates().expired),
    "not-yet-valid certificate": lambda: attacks.pyhanko_sign(
        letter_pdf(1), certificates().not_yet_valid
    ),
    "self-signed impostor": _impostor,
    "chain to the practice CA": lambda: sign_pdf(
        letter_pdf(1), practice_authority().physician, PASSWORD
    ),
    "timestamped by the local server": _timestamped,
}


def pdfsig_words(path: Path) -> list[dict[str, str]]:
    """Per signature: pdfsig's signature and certificate verdicts, and whether it is total."""
    assert PDFSIG is not None
    run = subprocess.run([PDFSIG, str(path)], capture_output=True, text=True, check=False)
    found: list[dict[str, str]] = []
    for line in run.stdout.splitlines():
        line = line.strip()
        if line.startswith("Signature #"):
            found.append({"covers": "part of the document"})
        elif found and line.startswith("- Signature Validation:"):
            found[-1]["signature"] = line.split(":", 1)[1].strip()
        elif found and line.startswith("- Certificate Validation:"):
            found[-1]["certificate"] = line.split(":", 1)[1].strip()
        elif found and line == "- Total document signed":
            found[-1]["covers"] = "total document"
    return found


def our_words(data: bytes) -> dict[str, object]:
    anchors = TrustAnchors(roots=(practice_authority().root_der,))
    report = verify_pdf(data, anchors)
    return {
        "verdict": report.message.split(":", 1)[0],
        "exit": 0 if report.ok else 1,
        "signatures": [
            {
                "integrity": check.integrity_words().split(":", 1)[0],
                "identity": check.identity.words.split(":", 1)[0],
                "certificate": check.validity.words.split(" (", 1)[0].split(" on ", 1)[0],
                "timestamp": "RFC 3161" in check.time_words,
            }
            for check in report.signatures
        ],
    }


def verdicts(tmp_path: Path) -> dict[str, object]:
    table: dict[str, object] = {}
    for name, build in ATTACKS.items():
        data = build()
        path = tmp_path / "attack.pdf"
        path.write_bytes(data)
        table[name] = {"pdfsig": pdfsig_words(path), "ours": our_words(data)}
    return table


@pytest.mark.skipif(PDFSIG is None, reason="poppler's pdfsig is not installed")
def test_each_attack_matches_the_expected_verdicts_of_both_tools(tmp_path: Path) -> None:
    table = verdicts(tmp_path)
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert table == expected


@pytest.mark.skipif(PDFSIG is None, reason="poppler's pdfsig is not installed")
def test_where_pdfsig_sees_a_partial_signature_we_say_why(tmp_path: Path) -> None:
    for name, row in verdicts(tmp_path).items():
        assert isinstance(row, dict)
        ours = row["ours"]
        for theirs, mine in zip(row["pdfsig"], ours["signatures"], strict=True):  # type: ignore[index]
            if theirs["signature"] != "Signature is Valid.":
                assert mine["integrity"] == "ALTERED", name
            if theirs["covers"] == "part of the document" and mine["integrity"] == "intact":
                assert name == "second signature on blank space", name
            if theirs["certificate"] == "Certificate has Expired":
                assert mine["certificate"] != "valid when it signed", name
                assert ours["exit"] == 1, name  # type: ignore[index]
            if theirs["certificate"] == "Certificate issuer is unknown.":
                assert mine["identity"] != "vouched for" or name in {
                    "chain to the practice CA",
                    "timestamped by the local server",
                }, name
