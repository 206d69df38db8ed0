"""Silences the PDF libraries' loggers while they work; their findings reach users in words.

Validating a signature without a trust root makes pyHanko log a full traceback (pyHanko
0.38), and pypdf logs snippets of damaged files: noise in a terminal, and log lines
that could carry a signer's name or a patient's (no patient data in logs: README, privacy).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from desktop_app.quiet_logs import quiet_loggers

_LOGGERS = ("pyhanko", "pyhanko_certvalidator", "pypdf")


@contextlib.contextmanager
def quiet_pdf_libraries() -> Iterator[None]:
    """Mute pyHanko's and pypdf's loggers meanwhile; nests, and is safe across threads."""
    with quiet_loggers(*_LOGGERS):
        yield
