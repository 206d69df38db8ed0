"""The full start (the day's first, with its backup) shows the window without reading every
case on the GUI thread: the deadlines notice decodes each case, seconds with a practice's
10,000 imported ones, and is read on a pool thread as on the quick start."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from desktop_app.services import audit
from desktop_app.services.cases import open_case_store
from desktop_app.storage.paths import EXAMPLES_MARKER
from tests.e2e.probes import APP_PROBE_TAIL, run_probe
from tests.unit.storage.sample import sample_case

# Counts the stored cases decoded, and on which thread, until the process leaves.
PROBE = textwrap.dedent(
    """
    import os, sys, threading
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["PA_LETTER_EXIT_WHEN_READY"] = "1"
    from desktop_app.storage import quick_list

    on_gui = []
    original = quick_list.decode_case_data

    def counting(*args):
        on_gui.append(threading.current_thread() is threading.main_thread())
        return original(*args)

    quick_list.decode_case_data = counting

    def report():
        print("decoded on the GUI thread:", sum(on_gui), file=sys.stderr)
    """
) + APP_PROBE_TAIL


def test_the_day_s_first_start_decodes_no_case_on_the_gui_thread(pa_letter_home: Path) -> None:
    with open_case_store() as store:
        for number in range(12):
            store.create_case(sample_case(f"Walter Sousa {number}"))
    audit.close()
    (pa_letter_home / EXAMPLES_MARKER).write_bytes(b"examples offered\n")
    assert not (pa_letter_home / "backups").exists()  # today's backup is due: the full start
    done = run_probe(PROBE, home=pa_letter_home)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "12 cases listed" in done.stdout
    assert any(p.name.endswith("-daily.sqlite3") for p in (pa_letter_home / "backups").iterdir())
    found = re.search(r"decoded on the GUI thread: (\d+)", done.stderr)
    assert found is not None, done.stderr[-2000:]
    assert found[1] == "0"
