"""Goal 1, batch: a 50-letter PDF batch against a warm LibreOffice converting the same 50 DOCX.

An office that already has 50 Word letters runs one LibreOffice process over all of them,
with a profile LibreOffice already made: that is the baseline, per letter (whole process
divided by 50), against `pa-letter batch` with its default job count, per letter the same way.
Goal: ours at least 6x faster per letter.

In process, one letter as a batch makes it (case to PDF bytes: check, template, layout; the
batch's templates and settings read once, as `pa-letter batch` reads them) against the
reportlab floor: the same letter's text as plain paragraphs in the same fonts, one per line.
The floor is reportlab's own Paragraph, run in this process: the speed-ups the product installs
process-wide in reportlab's canvas, fonts and PDF writing (export/pdf_deflate.py,
pdf_glyph_codes.py, pdf_font_subsets.py, pdf_number_arrays.py) serve the floor as well as the
letter. Nothing of the product changes Paragraph itself any more (the letter no longer uses it,
export/pdf_paragraph.py); until December 2026 the product's patches to Paragraph's line breaking
sped the floor up too, so floors measured before then are lower. Goal: at most 1.2x the floor.
The PDF writing alone (layout of the rendered letter) is printed beside it, and so is the
floor on reportlab as shipped, with none of the product's changes (bench/stock_floor.py, in a
process of its own), for reference. Run alone:
`.venv/bin/python bench/bench_batch.py`.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import (
    CORES,
    SAMPLE,
    bench_env,
    copies,
    libreoffice_convert,
    pa_letter,
    run_timed,
    save_results,
    side_by_side,
    soffice,
    timed_call,
    verdict,
)

LETTERS = 50
RUNS = 3
IN_PROCESS_RUNS = 61  # one letter is about 10 ms: many runs cost little and steady the median
IN_PROCESS_WARM = 5  # the first letters import reportlab and fill the word caches
BATCH_GOAL = 6.0
FLOOR_GOAL = 1.2


def floor_pdf(document: object) -> bytes:
    """The reportlab floor: the letter's text, one plain paragraph a line, in the body font."""
    import io
    from xml.sax.saxutils import escape

    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from desktop_app.export import pdf_styles as look

    style = look.styles()["body"]
    text = document.plain_text()  # type: ignore[attr-defined]
    story = [Paragraph(escape(line), style) for line in text.splitlines() if line.strip()]
    stream = io.BytesIO()
    SimpleDocTemplate(
        stream, pagesize=(look.PAGE_WIDTH, look.PAGE_HEIGHT), leftMargin=look.MARGIN,
        rightMargin=look.MARGIN, topMargin=look.MARGIN, bottomMargin=look.MARGIN,
    ).build(story)
    return stream.getvalue()


def in_process() -> dict[str, float]:
    from desktop_app.domain.casefile import load_case
    from desktop_app.letters.render import render_document
    from desktop_app.letters.templates import template_for_kind
    from desktop_app.services.batch import BatchSetup
    from desktop_app.services.render import export_document

    case = load_case(SAMPLE)
    setup = BatchSetup.read()  # once per batch, as the batch does
    document = render_document(case, template_for_kind("preauth"))
    ours, floor = side_by_side(
        timed_call(lambda: setup.render(case, "pdf")),
        timed_call(lambda: floor_pdf(document)),
        IN_PROCESS_RUNS,
        warm=IN_PROCESS_WARM,
    )
    writing, floor_again = side_by_side(
        timed_call(lambda: export_document(document, "pdf", case)),
        timed_call(lambda: floor_pdf(document)),
        IN_PROCESS_RUNS,
        warm=IN_PROCESS_WARM,
    )
    return {"letter_in_process_ms": ours * 1000, "reportlab_floor_ms": floor * 1000,
            "pdf_writing_ms": writing * 1000, "pdf_writing_floor_ms": floor_again * 1000}


def stock_floor_ms() -> float | None:
    """The floor on reportlab as shipped, in a process of its own (bench/stock_floor.py)."""
    import subprocess

    script = Path(__file__).resolve().parent / "stock_floor.py"
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    try:
        return float(done.stdout.strip())
    except ValueError:
        print(f"stock_floor.py failed: {done.stderr.strip()[-300:]}")
        return None


def batch_seconds(cases: Path, out: Path, env: dict[str, str], jobs: int | None) -> float:
    command = [*pa_letter(), "batch", str(cases), "-o", str(out)]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    return run_timed(command, env)


def main() -> int:
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="pa-bench-batch-") as tmp:
        work = Path(tmp)
        env = bench_env(work / "home")
        os.environ["PA_LETTER_HOME"] = str(work / "home")
        cases = work / "cases"
        copies(SAMPLE, cases, LETTERS)
        one = work / "one"
        copies(SAMPLE, one, 1)
        batch_seconds(cases, work / "warm", env, None)  # the data folder and caches exist
        runs = [batch_seconds(cases, work / f"out-{i}", env, None) for i in range(RUNS)]
        ours = statistics.median(runs) / LETTERS
        one_job = statistics.median(
            batch_seconds(cases, work / f"one-job-{i}", env, 1) for i in range(RUNS)
        ) / LETTERS
        fixed = statistics.median(batch_seconds(one, work / f"fix-{i}", env, None)
                                  for i in range(RUNS))
        results.update(batch_default_ms_per_letter=ours * 1000,
                       batch_one_job_ms_per_letter=one_job * 1000,
                       batch_of_one_s=fixed)
        print(f"pa-letter batch, {LETTERS} letters, default jobs ({CORES} cores here): "
              f"{ours * 1000:.1f} ms per letter (whole process / {LETTERS}); --jobs 1: "
              f"{one_job * 1000:.1f} ms; a batch of one letter: {fixed:.2f} s")
        if soffice():
            docx = work / "docx"
            run_timed([*pa_letter(), "batch", str(cases), "-o", str(docx), "--format", "docx",
                       "--jobs", str(CORES)], env)
            letters = sorted(docx.glob("*.docx"))
            profile = work / "lo-profile"
            libreoffice_convert(profile, letters[:1], work / "lo-warm")  # the profile exists
            lo = statistics.median(
                libreoffice_convert(profile, letters, work / f"lo-{i}") for i in range(RUNS)
            ) / len(letters)
            ratio = lo / ours
            results.update(libreoffice_warm_ms_per_letter=lo * 1000, ratio_batch=ratio)
            print(f"LibreOffice, one warm process over the same {len(letters)} DOCX: "
                  f"{lo * 1000:.1f} ms per letter")
            print(f"GOAL 1 batch: ours is {ratio:.1f}x faster per letter "
                  f"({verdict(ratio >= BATCH_GOAL)} the {BATCH_GOAL:g}x goal)")
        else:
            print("LibreOffice not installed: no batch baseline (make bench installs it)")
        measured = in_process()
        results.update(measured)
        floor_ratio = measured["letter_in_process_ms"] / measured["reportlab_floor_ms"]
        results["ratio_floor"] = floor_ratio
        print("one letter in process as a batch makes it, case to PDF bytes: "
              f"{measured['letter_in_process_ms']:.1f} ms; reportlab floor "
              "(same text, plain paragraphs, same fonts): "
              f"{measured['reportlab_floor_ms']:.1f} ms")
        results["ratio_pdf_writing"] = measured["pdf_writing_ms"] / measured["pdf_writing_floor_ms"]
        print(f"PDF writing alone (the rendered letter laid out): {measured['pdf_writing_ms']:.1f}"
              f" ms, {results['ratio_pdf_writing']:.2f}x the floor (no goal of its own)")
        stock = stock_floor_ms()
        if stock is not None:
            results["reportlab_stock_floor_ms"] = stock
            print(f"the floor on reportlab as shipped, none of the product's changes (a process"
                  f" of its own, not interleaved): {stock:.1f} ms; ours is "
                  f"{measured['letter_in_process_ms'] / stock:.2f}x that (no goal)")
        print(f"GOAL 1 floor: ours is {floor_ratio:.2f}x the floor "
              f"({verdict(floor_ratio <= FLOOR_GOAL)} the {FLOOR_GOAL:g}x goal)")
    save_results(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
