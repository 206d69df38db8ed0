"""Page economy: no page holds only the references or only the signature (export/keeps.py).

Page counts of the examples, measured when the rule came in (before -> after tightening the
layout and keeping the references with the last body paragraph):
commercial-appeal 4 -> 3, commercial-preauth 3 -> 3, expedited-appeal 4 -> 4,
hostile-strings 3 -> 3, medicare-draft-needs-work 3 -> 3, medicare-part-b-preauth 4 -> 4,
part-d-request 3 -> 3. Where a fourth page remains, it now holds the attestation and the
signature with the references, never the references alone. The golden files
(tests/golden/expected) hold the counts from then on.
"""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.casefile import load_case
from desktop_app.export.keeps import keep_plan
from desktop_app.export.pdf import write_pdf
from desktop_app.letters.document import (
    Heading,
    LetterDocument,
    Paragraph,
    References,
    Run,
    RunningHeader,
    SignatureBlock,
)
from desktop_app.letters.render import render_document
from desktop_app.letters.templates import template_for_kind
from desktop_app.services.render import render_letter
from tests.conftest import EXAMPLES
from tests.unit.export import probes

SIGNER = "Jordan A. Sample, MD"


def _page_starts(pdf: bytes, header: str) -> list[str]:
    """The first words of each page's body (after the patient line)."""
    starts = []
    for page in probes.pdf_pages(pdf):
        body = probes.normalize(page).replace(probes.normalize(header), "", 1).strip()
        starts.append(body[:60])
    return starts


def _alone(start: str, signer: str) -> str | None:
    if start.startswith("References"):
        return "the references start a page"
    if start.startswith(("Sincerely", signer)):
        return "the signature starts a page"
    return None


def test_no_example_page_starts_with_the_references_or_the_signature() -> None:
    for path in sorted(EXAMPLES.glob("*.json")):
        case = load_case(path)
        pdf = render_letter(case, fmt="pdf", override_reason="golden test", invariant=True).data
        header = render_document(case, template_for_kind(case.letter.kind or "preauth")).header
        signer = case.prescriber.name.strip()
        for number, start in enumerate(_page_starts(pdf, header.text())[1:], 2):
            problem = _alone(start, signer)
            assert problem is None, f"{path.stem}, page {number}: {problem}"


def _letter(paragraphs: int, lines: int, references: int) -> LetterDocument:
    text = " ".join(["The treatment is medically necessary for this patient."] * lines)
    blocks: list[object] = [Paragraph([Run(f"{i}. {text}")]) for i in range(paragraphs)]
    blocks += [
        Paragraph([Run("I attest that the information in this letter is accurate.")]),
        Paragraph([Run("Sincerely,")], "closing"),
        SignatureBlock(name="Jordan A. Sample", credentials="MD", npi="1234567893"),
        Heading([Run("References")], level=2),
        References([[Run(f"Author {i}. A study of a drug. J Clin Oncol. 2024;{i}:1-9.")]
                    for i in range(references)]),
    ]
    return LetterDocument(blocks=blocks, header=RunningHeader("Ana Sousa", "01/02/1960", "M1"))  # type: ignore[arg-type]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(8, 40), st.integers(1, 6), st.integers(1, 8))
def test_whatever_the_length_no_page_holds_only_references_or_signature(
    paragraphs: int, lines: int, references: int
) -> None:
    letter = _letter(paragraphs, lines, references)
    out = io.BytesIO()
    write_pdf(letter, out)
    for start in _page_starts(out.getvalue(), letter.header.text())[1:]:
        assert _alone(start, SIGNER) is None


def test_the_plan_keeps_the_signature_with_the_text_and_the_references() -> None:
    letter = _letter(3, 1, 4)
    plan = keep_plan(letter.blocks)
    attestation, closing, signature, heading, references = plan[-5:]
    assert attestation.with_next  # the paragraph before "Sincerely," stays with it
    assert signature.with_next  # the signature stays with the references' heading
    assert references.items_with_next == {0, 2}  # first two and last two references together
    assert not closing.with_next  # its style keeps it with the signature already
    assert not heading.with_next  # likewise, through the heading style


def test_a_letter_without_references_keeps_only_the_closing_group() -> None:
    letter = _letter(3, 1, 1)
    plan = keep_plan(letter.blocks[:-2])
    assert [keep.with_next for keep in plan[-3:]] == [True, False, False]
