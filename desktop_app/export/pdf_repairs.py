"""pypdf's notes on a damaged attachment PDF, kept out of the app's log but one plain line.

A scanned attachment is often slightly damaged (a wrong cross-reference offset, a truncated
tail); pypdf repairs it and logs each repair with snippets of the file, which may hold a
patient's name (no patient data in logs: README, privacy). While a packet is assembled its
notes are caught; afterwards one line, naming no file, says that a repair happened.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator

REPAIRED = "an attachment PDF had damage that was repaired while the packet was assembled"

log = logging.getLogger("desktop_app.export.packet")

_lock = threading.Lock()
_depth = 0
_seen = False
_saved: tuple[int, bool] = (logging.NOTSET, True)


class _Caught(logging.Handler):
    """Notes that pypdf said something, and keeps none of it."""

    def emit(self, record: logging.LogRecord) -> None:
        global _seen
        _seen = True


_CAUGHT = _Caught(logging.WARNING)


@contextlib.contextmanager
def attachment_repairs_noted() -> Iterator[None]:
    """Catch pypdf's warnings meanwhile, then log one PHI-free line if there were any; nests."""
    global _depth, _seen, _saved
    pypdf_log = logging.getLogger("pypdf")  # its modules log as pypdf._reader and so on
    with _lock:
        if _depth == 0:
            _saved = (pypdf_log.level, pypdf_log.propagate)
            _seen = False
            pypdf_log.setLevel(logging.WARNING)
            pypdf_log.propagate = False  # to the app's handlers nothing, to ours everything
            pypdf_log.addHandler(_CAUGHT)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            seen = False
            if _depth == 0:
                pypdf_log.removeHandler(_CAUGHT)
                pypdf_log.setLevel(_saved[0])
                pypdf_log.propagate = _saved[1]
                seen, _seen = _seen, False
        if seen:
            log.warning(REPAIRED)
