"""Characters beyond U+FFFF (emoji, rare Han) copy out of the PDF as themselves.

reportlab 5.1 writes each entry of a subset font's ToUnicode CMap as "<%04X>": for an emoji
such as U+1F44D that is five hexadecimal digits, which a PDF reader takes as the bytes 1F 44
D0, so copying, searching or a screen reader gives "ὄ" instead of 👍. The PDF Reference
(ISO 32000-1, 9.10.3) wants the UTF-16BE code units there: <D83DDC4D>. This rewrites those
entries after reportlab has made the CMap; entries up to U+FFFF are already right and kept.
"""

from __future__ import annotations

import re
import threading
from typing import Any, Final

_WIDE_ENTRY: Final = re.compile(r"^<([0-9A-F]{2})> <([0-9A-F]{5,6})>$", re.MULTILINE)
_lock = threading.Lock()
_installed = False


def utf16_hex(code: int) -> str:
    """The code point as UTF-16BE hexadecimal: a surrogate pair above U+FFFF."""
    return chr(code).encode("utf-16-be").hex().upper()


def fix_wide_entries(cmap: str) -> str:
    return _WIDE_ENTRY.sub(lambda m: f"<{m.group(1)}> <{utf16_hex(int(m.group(2), 16))}>", cmap)


def install() -> None:
    """Wrap reportlab's CMap maker once per process (idempotent, thread-safe)."""
    global _installed
    with _lock:
        if _installed:
            return
        from reportlab.pdfbase import ttfonts

        original = ttfonts.makeToUnicodeCMap

        def make_to_unicode_cmap(fontname: Any, subset: Any) -> str:
            return fix_wide_entries(original(fontname, subset))

        ttfonts.makeToUnicodeCMap = make_to_unicode_cmap
        _installed = True
