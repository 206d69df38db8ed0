"""What damaged or hostile files make pyHanko, pypdf and Pillow raise, so each becomes words.

Parsers of untrusted PDFs fail in many ways besides their own error classes: a truncated
stream is a zlib.error, a wrong object type trips an internal assert, a mangled number is a
ValueError. The callers turn any of these into an AppError that names the file.
"""

from __future__ import annotations

import struct
import zlib

DAMAGED_FILE_ERRORS: tuple[type[BaseException], ...] = (
    ValueError,
    LookupError,
    TypeError,
    AttributeError,
    ArithmeticError,
    AssertionError,
    RuntimeError,  # includes RecursionError (cyclic page trees) and NotImplementedError
    EOFError,
    OSError,
    zlib.error,
    struct.error,
)
