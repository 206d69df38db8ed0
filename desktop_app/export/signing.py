"""PAdES signatures on letter PDFs with the physician's PKCS#12 certificate (pyHanko).

The signature is an incremental update: the letter's bytes stay as they were and a visible
stamp on the last page names the signer and the time. `verify_pdf` lives in signing_verify.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from typing import Any

from desktop_app.errors import SigningError
from desktop_app.export.signing_certs import SigningCertificate, load_signing_certificate
from desktop_app.export.signing_errors import DAMAGED_FILE_ERRORS
from desktop_app.export.signing_quiet import quiet_pdf_libraries
from desktop_app.export.signing_signer import reserved_bytes, signer_for
from desktop_app.export.signing_verify import TrustAnchors, VerifyReport, verify_pdf

__all__ = [
    "DEFAULT_REASON",
    "SigningCertificate",
    "TrustAnchors",
    "VerifyReport",
    "default_signature_box",
    "sign_pdf",
    "verify_pdf",
]

DEFAULT_REASON = "Letter of medical necessity"
FIELD_NAME = "PhysicianSignature"
PAGE_LETTER = (0.0, 0.0, 612.0, 792.0)  # US Letter, the size every letter is made in
Box = tuple[float, float, float, float]

# Where the stamp goes on the last page, in points from its lower-left corner: left-aligned
# with the text, as wide as the text, and clear of the centred "Page n of N" footer
# (export/pdf_styles.py: 1-inch margins, footer baseline 0.55 inch). It rises from the bottom
# margin to the first blank space big enough, so it never sits on text or another stamp.
STAMP_LEFT, STAMP_BOTTOM, STAMP_MARGIN_RIGHT = 72.0, 49.0, 72.0
STAMP_FONT_SIZE, STAMP_LEADING = 8, 9
STAMP_BORDER = 1
STAMP_PAD = 4  # points between the border and the text on the left and right
COURIER_ADVANCE = 0.6  # Courier's every glyph is 600/1000 em wide
COURIER_DESCENT = 2  # points below the last baseline for descenders (p, y, comma) at 8 points
MAX_NAME_CHARS = 120
TIME_MARK = "\x00time\x00"  # stands for pyHanko's %(ts)s until the lines are escaped


def stamp_lines(signer_name: str, reason: str, width: float) -> list[str]:
    """The stamp's text as lines that fit `width` points in 8-point Courier (unescaped)."""
    usable = width - 2 * (STAMP_BORDER + STAMP_PAD)
    room = max(10, int(usable / (COURIER_ADVANCE * STAMP_FONT_SIZE)))
    name = " ".join(stamp_safe_chars(signer_name).split())[:MAX_NAME_CHARS] or "the signer"
    lines = _wrap(f"Digitally signed by {name}", room)
    when = TIME_MARK  # pyHanko fills in the signing time, 20 characters
    tail = f"{when} - {stamp_safe_chars(reason)}"
    if len(tail) - len(when) + 20 > room:
        lines.extend([when, *_wrap(stamp_safe_chars(reason), room)])
    else:
        lines.append(tail)
    return lines


def _wrap(text: str, room: int) -> list[str]:
    """Greedy word wrap; a word longer than a line is cut where the line ends."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > room:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:room])
            word = word[room:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= room:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def stamp_height(line_count: int) -> float:
    """The box height that holds `line_count` lines with their descenders inside the border."""
    return line_count * STAMP_LEADING + _margin_top() + _margin_bottom()


def _margin_top() -> int:
    return STAMP_BORDER  # the leading above the first baseline already clears Courier's caps


def _margin_bottom() -> int:
    return STAMP_BORDER + 1 + COURIER_DESCENT


def default_signature_box(
    page_box: tuple[float, float, float, float], line_count: int = 2
) -> tuple[float, float, float, float]:
    """The stamp's (x1, y1, x2, y2) at the bottom of a page whose media box is `page_box`."""
    left, bottom, right = page_box[0], page_box[1], page_box[2]
    return (
        left + STAMP_LEFT,
        bottom + STAMP_BOTTOM,
        right - STAMP_MARGIN_RIGHT,
        bottom + STAMP_BOTTOM + stamp_height(line_count),
    )


def stamp_safe(text: str) -> str:
    """`stamp_safe_chars`, with "%" doubled for pyHanko's %-formatting of the stamp text."""
    return stamp_safe_chars(text).replace("%", "%%")


def stamp_safe_chars(text: str) -> str:
    """Text the stamp's standard font can print: accents kept where Latin-1 has them.

    The stamp uses PDF's built-in Courier (WinAnsi only); other characters would print as
    garbage, so they lose their accents or become "?". The certificate keeps the real name.
    """
    out = []
    for ch in text:
        if 0x20 <= ord(ch) < 0x7F or 0xA0 <= ord(ch) <= 0xFF:
            out.append(ch)
            continue
        base = unicodedata.normalize("NFKD", ch).encode("latin-1", "ignore").decode("latin-1")
        out.append(base if base.isprintable() and base else "?")
    return "".join(out)


def _open_letter(pdf_bytes: bytes) -> Any:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError

    if not pdf_bytes.lstrip()[:5] == b"%PDF-":
        raise SigningError("The file to sign is not a PDF", hint="export the letter as PDF first")
    failures: tuple[type[BaseException], ...] = (PdfError, *DAMAGED_FILE_ERRORS)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
        encrypted = writer.prev.encrypted
        page_count = int(writer.root["/Pages"]["/Count"])
    except failures as exc:
        raise SigningError(
            "The PDF is damaged and cannot be signed", hint="export the letter again"
        ) from exc
    if encrypted:
        raise SigningError(
            "The PDF is password-protected and cannot be signed",
            hint="export the letter again without a password",
        )
    if page_count < 1:
        raise SigningError("The PDF has no pages to sign", hint="export the letter again")
    return writer


def _last_page_box(writer: Any) -> tuple[float, float, float, float]:
    page_ref, _resources = writer.find_page_for_modification(-1)
    page = page_ref.get_object()
    box = page.get("/MediaBox") or page.get("/Parent", {}).get("/MediaBox")
    if box is None:
        return PAGE_LETTER
    x1, y1, x2, y2 = (float(v) for v in box)
    return (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))


def _free_field_name(writer: Any) -> str:
    from pyhanko.sign.fields import enumerate_sig_fields

    taken = {name for name, _value, _ref in enumerate_sig_fields(writer)}
    name, number = FIELD_NAME, 1
    while name in taken:
        number += 1
        name = f"{FIELD_NAME}{number}"
    return name


def _stamp_style(lines: list[str]) -> Any:
    from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    text = "\n".join(line.replace("%", "%%").replace(TIME_MARK, "%(ts)s") for line in lines)
    # Margins sized for the border and Courier's descenders, so nothing is clipped, and the
    # box is made tall enough for every line: pyHanko never has to shrink the text.
    snug = SimpleBoxLayoutRule(
        x_align=AxisAlignment.ALIGN_MIN,
        y_align=AxisAlignment.ALIGN_MAX,
        margins=Margins(
            left=STAMP_BORDER + STAMP_PAD,
            right=STAMP_BORDER + STAMP_PAD,
            top=_margin_top(),
            bottom=_margin_bottom(),
        ),
    )
    flush = SimpleBoxLayoutRule(x_align=AxisAlignment.ALIGN_MIN, y_align=AxisAlignment.ALIGN_MIN)
    return TextStampStyle(
        stamp_text=text,
        text_box_style=TextBoxStyle(
            font_size=STAMP_FONT_SIZE, leading=STAMP_LEADING, box_layout_rule=flush
        ),
        inner_content_layout=snug,
        timestamp_format="%Y-%m-%d %H:%M %Z",
        border_width=STAMP_BORDER,
    )


def _place_stamp(
    pdf_bytes: bytes, writer: Any, signer_name: str, reason: str, visible_box: Box | None
) -> tuple[int, Box, list[str]]:
    """(page index, box, lines) for the stamp: the caller's box, else the first blank space."""
    from desktop_app.export.signing_pages import find_blank_box

    if visible_box is not None:
        return -1, visible_box, stamp_lines(signer_name, reason, visible_box[2] - visible_box[0])
    page_box = _last_page_box(writer)
    width = default_signature_box(page_box)[2] - default_signature_box(page_box)[0]
    lines = stamp_lines(signer_name, reason, width)
    wanted = default_signature_box(page_box, len(lines))
    size = (wanted[2] - wanted[0], wanted[3] - wanted[1])
    found = find_blank_box(pdf_bytes, size, wanted[0], wanted[1])
    if found is None:
        raise SigningError(
            "There is no blank space on the letter's pages for the signature stamp",
            hint="export the letter again with room at the end of the last page",
        )
    return found[0], found[1], lines


def sign_pdf(
    pdf_bytes: bytes,
    certificate: Path | SigningCertificate,
    password: bytes | None = None,
    *,
    reason: str = DEFAULT_REASON,
    location: str | None = None,
    visible_box: Box | None = None,
    timestamper: Any | None = None,
) -> bytes:
    """Return `pdf_bytes` with a PAdES signature and a visible stamp on blank space.

    `certificate` is the physician's PKCS#12 file (opened with `password`) or one already
    opened. The signature and stamp name the certificate's own holder. `visible_box` is
    (x1, y1, x2, y2) in points on the last page; without it the stamp goes on the first blank
    space from the bottom of the last page up. `timestamper` (a pyHanko TimeStamper) adds an
    RFC 3161 signature timestamp (PAdES B-T). Raises SigningError.
    """
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers
    from pyhanko.sign.general import SigningError as PyHankoSigningError
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    failures: tuple[type[BaseException], ...] = (
        PyHankoSigningError,
        PdfError,
        *DAMAGED_FILE_ERRORS,
    )
    if isinstance(certificate, SigningCertificate):
        opened, where = certificate, None
    else:
        opened, where = load_signing_certificate(Path(certificate), password), str(certificate)
    signer_name = opened.common_name or "the signer"
    with quiet_pdf_libraries():
        writer = _open_letter(pdf_bytes)
        try:
            page, box, lines = _place_stamp(pdf_bytes, writer, signer_name, reason, visible_box)
            field_name = _free_field_name(writer)
            meta = signers.PdfSignatureMetadata(
                field_name=field_name,
                subfilter=fields.SigSeedSubFilter.PADES,
                reason=reason,
                location=location,
                name=signer_name,
            )
            whole_points = (round(box[0]), round(box[1]), round(box[2]), round(box[3]))
            spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=page, box=whole_points)
            pdf_signer = signers.PdfSigner(
                meta,
                signer_for(opened),
                timestamper=timestamper,
                stamp_style=_stamp_style(lines),
                new_field_spec=spec,
            )
            # With a timestamp the token's size is the server's: let pyHanko measure it.
            room = None if timestamper is not None else reserved_bytes(opened)
            output = pdf_signer.sign_pdf(writer, bytes_reserved=room)
        except TimestampRequestError as exc:
            raise SigningError(
                "The timestamp server did not answer, so the letter was not signed",
                hint="check the timestamp server address in Settings, or the network",
            ) from exc
        except failures as exc:
            raise SigningError(
                "The letter could not be signed (the PDF or the certificate is unusual)",
                file=where,
                hint="export the letter again; if it keeps failing, check the certificate",
            ) from exc
    data: bytes = output.getvalue()
    return data
