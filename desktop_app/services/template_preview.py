"""The template editor's preview and Insert menu: sample cases, a PDF of unsaved template text
against one, and the fields and helpers a template may use."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from desktop_app.letters.fieldref import FieldDoc, case_fields, helper_docs
from desktop_app.letters.templates import template_from_text


@dataclass(frozen=True, slots=True)
class ExampleCase:
    label: str
    path: Path


def example_cases() -> list[ExampleCase]:
    """The fictional sample cases a preview can use, with readable names: those a new office
    is shown, not the test files (a "Hostile strings" patient is no sample for an admin)."""
    from desktop_app.services.casefiles import first_run_example_paths

    return [ExampleCase(p.stem.replace("-", " ").capitalize(), p)
            for p in first_run_example_paths()]


def preview_template_pdf(text: str, case_path: Path) -> bytes:
    """Render unsaved template text against a sample case, to PDF; TemplateError in words."""
    from desktop_app.domain.casefile import load_case
    from desktop_app.export.pdf import write_pdf
    from desktop_app.letters.render import render_document

    template = template_from_text(text)
    from desktop_app.services.practice_data import practice_settings

    document = render_document(load_case(case_path), template, settings=practice_settings())
    stream = io.BytesIO()
    write_pdf(document, stream)
    return stream.getvalue()


def insertable_fields() -> list[FieldDoc]:
    """Every case field and helper, for the editor's Insert menu."""
    return case_fields() + helper_docs()
