"""How the app reads a text file it is handed: a denial letter, a citation export.

Staff bring text from wherever it was saved: UTF-8 with or without a byte order mark
(Notepad, Excel), UTF-16 (Notepad's "Unicode", Word's "Unicode Text"), or the Windows ANSI
code page (EndNote, older payer portals). Each reads as the words it holds; a file with NUL
bytes and no UTF-16 mark is binary (an image, a Word file), not text.
"""

from __future__ import annotations

import codecs

# A binary file shows a NUL within its first few kB; text never holds one.
_SNIFFED_BYTES = 4096


def decode_text_file(raw: bytes) -> str | None:
    """The text in `raw`, or None when it is not a text file."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            return None
        return None if "\x00" in text else text  # FF FE 00 00 starts UTF-32, or a binary
    if b"\x00" in raw[:_SNIFFED_BYTES]:
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # cp1252 maps all but five bytes; those few become U+FFFD rather than a refusal.
        return raw.decode("cp1252", errors="replace")
