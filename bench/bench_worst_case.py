"""The largest case the format allows, rendered: goal under 5 s per letter, PDF and DOCX.

Every list is full and every text at its limit (tests/support/worst_case.py: 200 evidence
items, 20,000-character narratives; about 760,000 characters of letter). Printed as seconds
and as a ratio to the Medicare Part B example measured in the same run, so a busy machine
shows as a slow baseline rather than as a slow product. Run alone:
`.venv/bin/python bench/bench_worst_case.py`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the app (and tests.support) from this checkout
sys.path.insert(0, str(ROOT / "bench"))
from common import median_of, save_results  # noqa: E402  (bench scripts run as plain files)

SAMPLE = ROOT / "examples" / "medicare-part-b-preauth.json"
GOAL_S = 5.0
RUNS = 3


def median_seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    return median_of(action, runs)  # the first run warms imports, fonts, compiled templates


def main() -> int:
    os.environ.setdefault("PA_LETTER_HOME", tempfile.mkdtemp(prefix="pa-bench-worst-"))
    from desktop_app.domain.casefile import load_case, parse_case
    from desktop_app.services.render import render_letter
    from tests.support.worst_case import worst_case_data

    sample = load_case(SAMPLE)
    verdicts = []
    slowest = 0.0
    for fmt in ("pdf", "docx"):
        baseline = median_seconds(
            lambda fmt=fmt: render_letter(sample, fmt=fmt, override_reason="benchmark"), 7
        )
        for kind in ("preauth", "appeal"):
            worst = parse_case(worst_case_data(kind))
            seconds = median_seconds(
                lambda worst=worst, fmt=fmt: render_letter(
                    worst, fmt=fmt, override_reason="benchmark"
                )
            )
            ok = seconds < GOAL_S
            verdicts.append(ok)
            slowest = max(slowest, seconds)
            print(
                f"worst-case {kind:<7} {fmt:<4}: {seconds:6.2f} s   "
                f"({seconds / baseline:5.0f}x the example's {baseline * 1000:.0f} ms)   "
                f"goal < {GOAL_S:g} s   {'ok' if ok else 'SLOW'}"
            )
    save_results({"worst_case_slowest_s": slowest, "worst_case_goal_s": GOAL_S})
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
