"""`pa-letter sign` and `pa-letter verify`: a PAdES signature added, and checked."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAIL, EXIT_UNUSABLE = 0, 1, 2


def add_sign(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    sign = sub.add_parser("sign", help="add a PAdES signature with a PKCS#12 certificate")
    sign.add_argument("letter", type=Path)
    sign.add_argument("--p12", type=Path, required=True)
    sign.add_argument("--password-file", type=Path)
    sign.add_argument("-o", "--output", type=Path, required=True)
    sign.add_argument(
        "--prescriber", metavar="NAME",
        help="the prescriber who must sign (default: the one a PA Letter Studio letter names); "
             "the certificate must be theirs",
    )
    sign.set_defaults(handler=_sign)


def add_verify(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    verify = sub.add_parser("verify", help="report signer, time and integrity of a signed PDF")
    verify.add_argument("signed", type=Path)
    verify.add_argument(
        "--trust",
        type=Path,
        action="append",
        default=[],
        metavar="CERT.pem",
        help="also trust this root certificate (repeatable), besides the practice's trust store",
    )
    verify.add_argument(
        "--require-trusted",
        action="store_true",
        help="fail (exit 1) when a signer's identity is not vouched for",
    )
    verify.set_defaults(handler=_verify)


def _sign(options: argparse.Namespace) -> int:
    """Exit 0 signed, 1 refused (a certificate that is not the prescriber's among others)."""
    from desktop_app.services.command_line_signer import check_command_line_signer
    from desktop_app.services.signing import sign_prescribers_file

    check_command_line_signer(options.letter)
    password = _read_password(options.password_file)
    result, matched = sign_prescribers_file(
        options.letter, options.output, options.p12, password, prescriber=options.prescriber
    )
    if matched is None:
        print("pa-letter: note: the letter names no prescriber (it was not made by PA Letter "
              "Studio), so whose certificate this is was not checked; give --prescriber NAME "
              "to check it", file=sys.stderr)
    print(f"Signed {options.output} as {result.signer} (SHA-256 {result.sha256})")
    return EXIT_OK


def _read_password(path: Path | None) -> bytes | None:
    from desktop_app.services.certificate_passwords import read_password_file

    return None if path is None else read_password_file(path)


def _verify(options: argparse.Namespace) -> int:
    from desktop_app.services.signing import checking_only, verify_file

    checking_only()  # this process never signs nor connects: pyHanko's signers, TLS not loaded

    report = verify_file(
        options.signed, trust=options.trust, require_trusted=options.require_trusted
    )
    print(report.text())
    return EXIT_OK if report.ok else EXIT_FAIL
