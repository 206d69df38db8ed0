"""Keep PySide6 6.12 from crashing the app on Python 3.11: make None immortal, as 3.12 does.

Measured here (PySide6/shiboken6 6.12.0 abi3 wheels, CPython 3.11.7): every call of a Qt method
that returns void (`setText`, `show`, `processEvents`...) drops one reference to None without
taking one. None starts with about 40,000 references, and a staff session loses about 50 per
keystroke and 200 per opened case, so within an hour CPython aborts with
"Fatal Python error: none_dealloc". From Python 3.12 None is immortal (PEP 683) and the missing
reference does no harm; on 3.11 we give None a reference count no session can use up.
"""

from __future__ import annotations

import ctypes
import sys

# 2**40 references: at 200 lost per opened case, a lifetime of use never reaches zero.
_HEADROOM = 1 << 40


def make_none_immortal() -> bool:
    """Give None a huge reference count on CPython before 3.12; True when it was needed."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    # ob_refcnt is the first field of every object in a release build of CPython 3.11.
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value >= _HEADROOM:
        return False
    count.value += _HEADROOM
    return True
