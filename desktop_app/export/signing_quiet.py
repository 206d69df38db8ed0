"""Silences pyHanko's loggers while it works; its findings reach the user in words instead.

Validating a signature without a trust root makes pyHanko log a full traceback (TECH.md,
"pyHanko 0.38"): noise in a terminal, and a log line that would carry the signer's name.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator

_LOGGERS = ("pyhanko", "pyhanko_certvalidator")
_lock = threading.Lock()
_depth = 0
_saved: dict[str, int] = {}


@contextlib.contextmanager
def quiet_pyhanko() -> Iterator[None]:
    """Mute pyHanko's loggers for the duration; nests and is safe across worker threads."""
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
