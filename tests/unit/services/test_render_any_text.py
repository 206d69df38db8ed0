"""Property: any Unicode typed into any text field gives a valid PDF and DOCX, or a clear error.

Never a crash, never markup: what can be printed comes out as typed.
"""

from __future__ import annotations

import io

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from desktop_app.domain.casefile import load_case
from desktop_app.errors import AppError
from desktop_app.services.render import render_letter
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.no_database  # runs once: opens no case database

BASE = load_case(EXAMPLES / "commercial-appeal.json")

# Dotted paths of free-text fields staff type into, printed by the appeal letter.
TEXT_FIELDS = [
    "patient.name",
    "payer.name",
    "payer.member_id",
    "prescriber.name",
    "prescriber.practice",
    "diagnosis.description",
    "diagnosis.histology",
    "drug.route",
    "drug.frequency",
    "off_label.rationale",
    "off_label.alternatives_considered",
    "denial.reason",
    "denial.reference_number",
]

any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80)


def _with(path: str, value: str):  # type: ignore[no-untyped-def]
    case = BASE.model_copy(deep=True)
    target = case
    *parents, leaf = path.split(".")
    for part in parents:
        target = getattr(target, part)
    setattr(target, leaf, value)
    return case


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(TEXT_FIELDS), value=any_text)
def test_any_text_in_any_field_renders_or_fails_clearly(field: str, value: str) -> None:
    case = _with(field, value)
    try:
        pdf = render_letter(case, fmt="pdf", override_reason="property test").data
        word = render_letter(case, fmt="docx", override_reason="property test").data
    except AppError as exc:
        assert str(exc)  # a clear, one-line message
        return
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 1
    assert docx.Document(io.BytesIO(word)).paragraphs


@settings(max_examples=15, deadline=None)
@given(
    value=st.text(alphabet="<>&{}%#*_[]`'\"\\/ abcXYZ", min_size=1, max_size=40).filter(
        lambda s: s.strip()
    )
)
def test_markup_characters_print_exactly_as_typed(value: str) -> None:
    name = f"Ann {value.strip()} Lee"
    case = _with("patient.name", name)
    pdf = render_letter(case, fmt="pdf", override_reason="property test").data
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert " ".join(name.split()) in text
    word = docx.Document(io.BytesIO(render_letter(case, fmt="docx", override_reason="x").data))
    assert any(name in p.text for p in word.paragraphs)
