"""Silences the PDF libraries' loggers while they work; their findings reach users in words.

Validating a signature without a trust root makes pyHanko log a full traceback (TECH.md,
"pyHanko 0.38"), and pypdf logs snippets of damaged files: noise in a terminal, and log lines
that could carry a signer's name or a patient's (no patient data in logs: DESIGN.md, PHI).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator

_LOGGERS = ("pyhanko", "pyhanko_certvalidator", "pypdf")
_lock = threading.Lock()
_depth = 0
_saved: dict[str, int] = {}


@contextlib.contextmanager
def quiet_pdf_libraries() -> Iterator[None]:
    """Mute pyHanko's and pypdf's loggers meanwhile; nests, and is safe across threads."""
    global _depth
    with _lock:
        if _depth == 0:
            for name in _LOGGERS:
                logger = logging.getLogger(name)
                _saved[name] = logger.level
                logger.setLevel(logging.CRITICAL + 1)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                for name in _LOGGERS:
                    logging.getLogger(name).setLevel(_saved.pop(name, logging.NOTSET))
