"""Libraries' loggers muted while they work, and given back as they were.

Some libraries log what they find in a damaged input (pypdf, pyHanko, bibtexparser): noise in
a terminal, and lines that could carry a signer's or a patient's name (no patient data in
logs: README, privacy). The app reports those findings to its users in words instead. A logger
is muted only while the work runs: muting it for the rest of the process once hid a repaired
attachment that a later packet had to note.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_depth: dict[str, int] = {}  # how many quiet_loggers blocks hold each logger muted
_saved: dict[str, int] = {}  # its level from before the first of them


@contextlib.contextmanager
def quiet_loggers(*names: str) -> Iterator[None]:
    """Mute these loggers meanwhile; nests, and is safe across threads."""
    with _lock:
        for name in names:
            if _depth.get(name, 0) == 0:
                logger = logging.getLogger(name)
                _saved[name] = logger.level
                logger.setLevel(logging.CRITICAL + 1)
            _depth[name] = _depth.get(name, 0) + 1
    try:
        yield
    finally:
        with _lock:
            for name in names:
                _depth[name] -= 1
                if _depth[name] == 0:
                    del _depth[name]
                    logging.getLogger(name).setLevel(_saved.pop(name, logging.NOTSET))
