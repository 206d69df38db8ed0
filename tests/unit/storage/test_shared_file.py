"""Another process writing to the same database file never makes this process's writes vanish.

The loss seen in long use: the window had opened the database a second time (the audit log
viewer has its own connection), and that open closed a file handle on the database. POSIX
drops every lock a process holds on a file when any of its handles to that file is closed
(sqlite.org/howtocorrupt.html §2.2), so a `pa-letter render` exiting meanwhile believed it was
the last user, folded the write-ahead log into the file and deleted it; everything the window
wrote afterwards went into the deleted log and was gone at the next start.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.domain.case import Case, Letter
from desktop_app.services import audit
from desktop_app.services.cases import open_case_store

pytestmark = pytest.mark.sqlite_only  # about one SQLite file shared by processes

OTHER_WRITER = (
    "from desktop_app.services import audit\n"
    "audit.record('letter.rendered', detail={'format': 'pdf'})\n"
)
READER = (
    "from desktop_app.services.cases import open_case_store\n"
    "store = open_case_store()\n"
    "print(','.join(s.status for s in store.list_cases()))\n"
    "store.close()\n"
)


def _run(code: str, home: Path) -> str:
    env = dict(os.environ, PA_LETTER_HOME=str(home))
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
        timeout=120,
    )
    return done.stdout.strip()


def test_writes_after_another_process_wrote_reach_the_file(pa_letter_home: Path) -> None:
    store = open_case_store()
    try:
        created = store.create_case(Case(letter=Letter(kind="preauth")))
        store.set_status(created.id, "ready_for_signature")
        audit.entries(5)  # a second connection in this process, as the audit viewer opens
        _run(OTHER_WRITER, pa_letter_home)  # `pa-letter render` records its letter and exits
        store.set_status(created.id, "draft")
        # What another process (or this app after a restart) finds in the file.
        assert _run(READER, pa_letter_home) == "draft"
        entries = _run(
            "from desktop_app.services import audit\n"
            "print(','.join(e.action for e in audit.entries(10)))\n",
            pa_letter_home,
        )
        assert entries.split(",")[0] == "case.status"
    finally:
        audit.close()
        store.close()
