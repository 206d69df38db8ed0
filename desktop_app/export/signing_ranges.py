"""Words for a signature whose digest matches but that still does not hold: its timestamp
token was made for other data, its /ByteRange leaves part of the file out, or it certified
the letter and what came after broke the permissions it gave.

A PAdES signature covers the file from its first byte to the end of its revision, all but the
hex string that holds the signature itself (ISO 32000-1 section 12.8.1). pyHanko rates any other
byte range "unclear" coverage; the bytes outside it are not signed, so whatever they say may
have been changed, and the report says how much was left out rather than "bytes added".
"""

from __future__ import annotations

from typing import Any

from desktop_app.export.signing_errors import DAMAGED_FILE_ERRORS


def left_out_words(embedded: Any) -> str:
    """Why a signature with a digest that matches still does not cover what it should."""
    try:
        ranges = [int(v) for v in embedded.byte_range]
        own = len(embedded.pkcs7_content) * 2 + 2  # hex digits, and the < > around them
    except DAMAGED_FILE_ERRORS:
        ranges, own = [], 0
    if len(ranges) != 4 or ranges[0] != 0:
        return ("its byte range does not run from the file's first byte in two parts around "
                "the signature, so part of the file is not signed")
    hole = ranges[2] - ranges[1]
    if hole < own:
        return "its byte ranges overlap the signature's own value, so they do not say what it signs"
    left_out = hole - own
    return (f"its byte range leaves {left_out} byte{'s' if left_out != 1 else ''} of the file "
            "unsigned besides the signature's own value, so what they say may have been changed")


def why_not_intact(status: Any, embedded: Any) -> str | None:
    """For a signature whose own digest and signature pyHanko found sound, or None."""
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    stamp = getattr(status, "timestamp_validity", None)
    if stamp is not None and not (stamp.intact and stamp.valid):
        return ("the signed bytes are unchanged, but its timestamp token does not hold "
                "(it was made for other data, or its own signature is broken)")
    if status.coverage == SignatureCoverageLevel.UNCLEAR:
        return left_out_words(embedded)
    return None


# How many earlier %%EOF markers a damaged file's signed part is looked for behind: a letter
# has a few revisions, and each try reads the file again.
MAX_EARLIER_ENDS = 4


def earlier_ends(data: bytes) -> list[int]:
    """Where the file could have ended before bytes were appended: after each %%EOF and its
    one line end, but the last, latest first."""
    ends: list[int] = []
    at = data.rfind(b"%%EOF")
    while at > 0 and len(ends) < MAX_EARLIER_ENDS + 1:
        end = at + len(b"%%EOF")
        if data[end : end + 2] == b"\r\n":
            end += 2
        elif data[end : end + 1] in (b"\n", b"\r"):
            end += 1
        ends.append(end)
        at = data.rfind(b"%%EOF", 0, at)
    return [end for end in ends if end < len(data.rstrip())][:MAX_EARLIER_ENDS]


# A certifying signature's DocMDP permissions (ISO 32000-1 section 12.8.2.2), in words.
_DOCMDP_WORDS = {1: "no changes at all", 2: "only filling in forms and signing",
                 3: "only filling in forms, signing and annotations"}


def certified_words(embedded: Any, status: Any) -> str | None:
    """When a certifying signature's permissions were broken by what came after it."""
    level = getattr(embedded, "docmdp_level", None)
    if level is None or getattr(status, "docmdp_ok", None) is not False:
        return None
    allowed = _DOCMDP_WORDS.get(int(level.value), "fewer changes")
    return f"it certified the letter allowing {allowed}, and a later revision changed more"
