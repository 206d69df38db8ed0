"""Signing and packet timings: sign a 2-page letter (goal < 1 s), build a 30-page packet (< 2 s).

Run alone: `.venv/bin/python bench/bench_signing.py`. Uses the app's own PDF exporter on the
Medicare Part B example when it renders, else a reportlab letter; certificates are generated
(fictional) in a temporary folder. Prints one line per measurement.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the app (and tests.support) from this checkout
SAMPLE = ROOT / "examples" / "medicare-part-b-preauth.json"
RUNS = 5
SIGN_GOAL_S = 1.0
PACKET_GOAL_S = 2.0


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


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """(first run, median of the next RUNS) in seconds."""
    start = time.perf_counter()
    action()
    first = time.perf_counter() - start
    runs = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return first, statistics.median(runs)


def report(label: str, first: float, median: float, goal: float) -> bool:
    verdict = "ok" if median < goal else "SLOW"
    print(
        f"{label:<34} first {first * 1000:7.0f} ms   median {median * 1000:7.0f} ms   "
        f"goal < {goal * 1000:.0f} ms   {verdict} ({median / goal:.2f}x of goal)"
    )
    return median < goal


def main() -> int:
    os.environ.setdefault("PA_LETTER_HOME", tempfile.mkdtemp(prefix="pa-letter-bench-"))
    from desktop_app.export.packet import PacketPart, build_packet
    from desktop_app.export.signing import sign_pdf, verify_pdf
    from tests.support.certs import PASSWORD, certificates
    from tests.support.pdfs import image_bytes, letter_pdf

    letter, source = two_page_letter()
    pages = len(__import__("pypdf").PdfReader(io.BytesIO(letter)).pages)
    cert = certificates().valid
    print(f"Signing a {pages}-page {source} ({len(letter) // 1024} KiB), {RUNS} runs after one")
    ok = report("sign_pdf", *timed(lambda: sign_pdf(letter, cert, PASSWORD)), SIGN_GOAL_S)
    signed = sign_pdf(letter, cert, PASSWORD)
    ok &= report("verify_pdf", *timed(lambda: verify_pdf(signed)), SIGN_GOAL_S)

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
        packet = build_packet(parts, header_text=header)
        count = len(__import__("pypdf").PdfReader(io.BytesIO(packet)).pages)
        print(f"Packet of {count} pages ({len(packet) // 1024} KiB)")
        ok &= report(
            "build_packet", *timed(lambda: build_packet(parts, header_text=header)), PACKET_GOAL_S
        )
        ok &= report(
            "build_packet + sign",
            *timed(lambda: sign_pdf(build_packet(parts, header_text=header), cert, PASSWORD)),
            PACKET_GOAL_S + SIGN_GOAL_S,
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
