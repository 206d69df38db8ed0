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
from desktop_app.export.signing_verify import VerifyReport, verify_pdf

__all__ = ["DEFAULT_REASON", "VerifyReport", "default_signature_box", "sign_pdf", "verify_pdf"]

DEFAULT_REASON = "Letter of medical necessity"
FIELD_NAME = "PhysicianSignature"

# Where the stamp goes on the last page, in points from its lower-left corner: inside the
# bottom margin, left-aligned with the text and clear of the centred "Page n of N" footer
# (export/pdf_styles.py: 1-inch margins, footer baseline 0.55 inch).
STAMP_LEFT, STAMP_BOTTOM, STAMP_WIDTH, STAMP_HEIGHT = 72.0, 51.0, 300.0, 21.0


def default_signature_box(
    page_box: tuple[float, float, float, float],
) -> tuple[float, float, float, float]:
    """The stamp's (x1, y1, x2, y2) on a page whose media box is `page_box`."""
    left, bottom = page_box[0], page_box[1]
    return (
        left + STAMP_LEFT,
        bottom + STAMP_BOTTOM,
        left + STAMP_LEFT + STAMP_WIDTH,
        bottom + STAMP_BOTTOM + STAMP_HEIGHT,
    )


def stamp_safe(text: str) -> str:
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
    return "".join(out).replace("%", "%%")  # pyHanko fills %(ts)s by %-formatting


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
        return (0.0, 0.0, 612.0, 792.0)  # US Letter, the size every letter is made in
    x1, y1, x2, y2 = (float(v) for v in box)
    return (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))


def _signer(certificate: SigningCertificate) -> Any:
    """pyHanko's signer from the already-unlocked key: no second, slow PKCS#12 decryption."""
    from asn1crypto import keys, x509  # type: ignore[import-untyped]
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    chain = [x509.Certificate.load(der) for der in certificate.other_certificates_der]
    return signers.SimpleSigner(
        signing_cert=x509.Certificate.load(certificate.certificate_der),
        signing_key=keys.PrivateKeyInfo.load(certificate.key_der),
        cert_registry=SimpleCertificateStore.from_certs(chain),  # type: ignore[no-untyped-call]
    )


def _free_field_name(writer: Any) -> str:
    from pyhanko.sign.fields import enumerate_sig_fields

    taken = {name for name, _value, _ref in enumerate_sig_fields(writer)}
    name, number = FIELD_NAME, 1
    while name in taken:
        number += 1
        name = f"{FIELD_NAME}{number}"
    return name


def _stamp_style(signer_name: str, reason: str) -> Any:
    from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    text = f"Digitally signed by {stamp_safe(signer_name)}\n%(ts)s - {stamp_safe(reason)}"
    # Thin margins: pyHanko's default 10 pt would shrink 8 pt text to fax-illegible sizes.
    snug = SimpleBoxLayoutRule(
        x_align=AxisAlignment.ALIGN_MIN,
        y_align=AxisAlignment.ALIGN_MID,
        margins=Margins(left=4, right=4, top=1, bottom=1),
    )
    flush = SimpleBoxLayoutRule(x_align=AxisAlignment.ALIGN_MIN, y_align=AxisAlignment.ALIGN_MIN)
    return TextStampStyle(
        stamp_text=text,
        text_box_style=TextBoxStyle(font_size=8, leading=9, box_layout_rule=flush),
        inner_content_layout=snug,
        timestamp_format="%Y-%m-%d %H:%M %Z",
        border_width=1,
    )


def sign_pdf(
    pdf_bytes: bytes,
    p12_path: Path,
    password: bytes | None,
    *,
    signer_name_hint: str | None = None,
    reason: str = DEFAULT_REASON,
    location: str | None = None,
    visible_box: tuple[float, float, float, float] | None = None,
) -> bytes:
    """Return `pdf_bytes` with a PAdES signature and a visible stamp on the last page.

    `signer_name_hint` names the signer in the signature and stamp when given (e.g. the
    prescriber's name as printed in the letter); otherwise the certificate's name is used.
    `visible_box` is (x1, y1, x2, y2) in points on the last page. Raises SigningError.
    """
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers
    from pyhanko.sign.general import SigningError as PyHankoSigningError

    failures: tuple[type[BaseException], ...] = (
        PyHankoSigningError,
        PdfError,
        *DAMAGED_FILE_ERRORS,
    )
    certificate = load_signing_certificate(Path(p12_path), password)
    signer_name = (signer_name_hint or "").strip() or certificate.common_name or "the signer"
    with quiet_pdf_libraries():
        writer = _open_letter(pdf_bytes)
        try:
            signer = _signer(certificate)
            field_name = _free_field_name(writer)
            box = visible_box or default_signature_box(_last_page_box(writer))
            meta = signers.PdfSignatureMetadata(
                field_name=field_name,
                subfilter=fields.SigSeedSubFilter.PADES,
                reason=reason,
                location=location,
                name=signer_name,
            )
            whole_points = (round(box[0]), round(box[1]), round(box[2]), round(box[3]))
            spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=-1, box=whole_points)
            pdf_signer = signers.PdfSigner(
                meta, signer, stamp_style=_stamp_style(signer_name, reason), new_field_spec=spec
            )
            output = pdf_signer.sign_pdf(writer)
        except failures as exc:
            raise SigningError(
                "The letter could not be signed (the PDF or the certificate is unusual)",
                file=str(p12_path),
                hint="export the letter again; if it keeps failing, check the certificate",
            ) from exc
    data: bytes = output.getvalue()
    return data
