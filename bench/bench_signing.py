"""Goal 4, signing and verifying; and the packet timings (a 30-page packet, goal < 2 s).

Signing, in process: a letter signed with a certificate already opened (goal: within 50 ms),
and with the PKCS#12 file opened for it (printed). Verifying, as a whole process:
`pa-letter verify` against poppler's `pdfsig` on the same file, measured side by side (goal:
within 2x pdfsig's time plus 100 ms). Certificates are generated (fictional) in a temporary
folder. Run alone: `.venv/bin/python bench/bench_signing.py`.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the app (and tests.support) from this checkout
sys.path.insert(0, str(ROOT / "bench"))
from common import (  # noqa: E402  (bench scripts run as plain files)
    bench_env,
    median_of,
    pa_letter,
    run_timed,
    save_results,
    side_by_side,
    verdict,
)

SAMPLE = ROOT / "examples" / "medicare-part-b-preauth.json"
RUNS = 7
SIGN_GOAL_S = 0.050
VERIFY_SLACK_S = 0.100
PACKET_GOAL_S = 2.0
# pyHanko's documented way to check a PDF's signature (its "Validation" page), with no trust
# roots: the bare minimum a Python verify imports and does, without the command's own checks.
BARE_PYHANKO_VERIFY = """\
import logging
import sys
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

logging.disable(logging.WARNING)  # pyHanko logs a self-signed certificate with a traceback
with open(sys.argv[1], "rb") as document:
    signature = PdfFileReader(document).embedded_signatures[0]
    print(validate_pdf_signature(signature, ValidationContext(trust_roots=[])).bottom_line)
"""


def two_page_letter() -> tuple[bytes, str]:
    """The example case rendered by the app, or a plain reportlab letter if that fails."""
    try:
        from desktop_app.domain.casefile import load_case
        from desktop_app.services.render import render_letter

        data = render_letter(load_case(SAMPLE), fmt="pdf", override_reason="benchmark").data
        return data, "app-rendered letter"
    except Exception as exc:  # noqa: BLE001 - a benchmark falls back rather than stops
        print(f"  (app renderer unavailable: {type(exc).__name__}; using a reportlab letter)")
    from tests.support.pdfs import letter_pdf

    return letter_pdf(2), "reportlab letter"


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    return median_of(action, runs) * 1000


def signing(letter: bytes, results: dict[str, object]) -> bytes:
    from desktop_app.export.signing import sign_pdf
    from desktop_app.export.signing_certs import load_signing_certificate
    from tests.support.certs import PASSWORD, certificates

    p12 = certificates().valid
    opened = load_signing_certificate(p12, PASSWORD)
    with_opened = median_ms(lambda: sign_pdf(letter, opened))
    with_file = median_ms(lambda: sign_pdf(letter, p12, PASSWORD))
    opening = median_ms(lambda: load_signing_certificate(p12, PASSWORD))
    results.update(sign_opened_ms=with_opened, sign_from_file_ms=with_file,
                   open_certificate_ms=opening)
    print(f"sign, certificate already opened (as the sign dialog has it): {with_opened:.1f} ms"
          f" ({verdict(with_opened <= SIGN_GOAL_S * 1000)} the "
          f"{SIGN_GOAL_S * 1000:.0f} ms goal)")
    print(f"sign, opening the PKCS#12 file for it: {with_file:.1f} ms (opening alone: "
          f"{opening:.1f} ms, most of it the RSA key's own consistency check)")
    return sign_pdf(letter, opened)


def verifying(signed: bytes, results: dict[str, object]) -> None:
    from desktop_app.export.signing import verify_pdf

    in_process = median_ms(lambda: verify_pdf(signed))
    results["verify_in_process_ms"] = in_process
    print(f"verify in process: {in_process:.1f} ms")
    pdfsig = shutil.which("pdfsig")
    with tempfile.TemporaryDirectory(prefix="pa-bench-verify-") as tmp:
        path = Path(tmp) / "signed.pdf"
        path.write_bytes(signed)
        env = bench_env(Path(tmp) / "home")
        command = [*pa_letter(), "verify", str(path)]
        run_timed(command, env, check=False)
        if pdfsig is None:
            print("pdfsig not installed (poppler-utils): no verify baseline")
            return
        ours, theirs = side_by_side(
            lambda: run_timed(command, env, check=False),
            lambda: run_timed([pdfsig, str(path)], check=False),
            RUNS,
        )
        # For reference (no goal): the same file checked by pyHanko used as its documentation
        # shows, in a bare script. What a verify must import is pyHanko's; this shows what the
        # command adds to it (or saves: export/signing_imports.py).
        script = Path(tmp) / "bare_pyhanko_verify.py"
        script.write_text(BARE_PYHANKO_VERIFY)
        again, bare = side_by_side(
            lambda: run_timed(command, env, check=False),
            lambda: run_timed([sys.executable, str(script), str(path)], env, check=False),
            RUNS,
        )
    allowed = 2 * theirs + VERIFY_SLACK_S
    results.update(verify_whole_process_s=ours, pdfsig_s=theirs, ratio_verify=ours / allowed,
                   verify_bare_pyhanko_s=bare)
    print(f"pa-letter verify, whole process: {ours * 1000:.0f} ms; pdfsig: {theirs * 1000:.0f} ms;"
          f" allowed 2x + 100 ms = {allowed * 1000:.0f} ms")
    print(f"  for reference: pyHanko's own validate_pdf_signature in a bare script "
          f"{bare * 1000:.0f} ms, against {again * 1000:.0f} ms for pa-letter verify measured "
          f"beside it ({again / bare:.2f}x)")
    print(f"GOAL 4 verify: {ours / allowed:.2f} of the allowance "
          f"({verdict(ours <= allowed)} the goal)")


def packets(letter: bytes, pages: int, results: dict[str, object]) -> None:
    from desktop_app.export.packet import PacketPart, build_packet
    from tests.support.pdfs import image_bytes, letter_pdf

    with tempfile.TemporaryDirectory() as folder:
        attachment = Path(folder) / "records.pdf"
        attachment.write_bytes(letter_pdf(30 - 1 - pages - 2, label="Records"))
        scan = Path(folder) / "scan.png"
        scan.write_bytes(image_bytes("PNG", (1700, 2200)))
        photo = Path(folder) / "photo.jpg"
        photo.write_bytes(image_bytes("JPEG", (2200, 1700)))
        parts = [
            PacketPart.from_pdf("Fax cover", letter_pdf(1, label="Cover")),
            PacketPart.from_pdf("Letter", letter),
            PacketPart.from_file("Medical records", attachment),
            PacketPart.from_file("Scan", scan),
            PacketPart.from_file("Photo", photo),
        ]
        header = "Member ID ZZ0000001"
        built = median_ms(lambda: build_packet(parts, header_text=header), 3)
    results["packet_ms"] = built
    print(f"build a 30-page packet: {built:.0f} ms "
          f"({verdict(built < PACKET_GOAL_S * 1000)} the {PACKET_GOAL_S:g} s goal)")


def main() -> int:
    os.environ.setdefault("PA_LETTER_HOME", tempfile.mkdtemp(prefix="pa-letter-bench-"))
    letter, source = two_page_letter()
    pages = len(__import__("pypdf").PdfReader(io.BytesIO(letter)).pages)
    print(f"Signing a {pages}-page {source} ({len(letter) // 1024} KiB), median of {RUNS}")
    results: dict[str, object] = {}
    signed = signing(letter, results)
    verifying(signed, results)
    packets(letter, pages, results)
    save_results(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
