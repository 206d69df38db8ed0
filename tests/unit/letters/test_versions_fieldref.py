"""The field reference (Insert menu, docs/templates.md) covers every field; every snippet works."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.domain.findings import Severity
from desktop_app.letters.fielddocs import CASE_FIELD_WORDS
from desktop_app.letters.fieldref import case_fields, field_reference_markdown, helper_docs
from desktop_app.letters.lint import lint_template

ROOT = Path(__file__).resolve().parents[3]
FRONT = '+++\nid = "all-fields"\ntitle = "All"\nkind = "appeal"\nversion = 1\n+++\n'
BLOCK_LEVEL = ("citations",)


def test_every_case_field_is_listed_with_words() -> None:
    docs = case_fields()
    assert all(d.description for d in docs), [d.name for d in docs if not d.description]
    names = {d.name for d in docs}
    for must in (
        "case.patient.name",
        "case.drug.ndc",
        "case.drug.dose.amount",
        "case.prior_therapies[].regimen",
        "case.evidence[article].journal",
        "case.denial.reason",
    ):
        assert must in names


def test_no_words_for_fields_that_do_not_exist() -> None:
    listed = {d.name.removeprefix("case.") for d in case_fields()}
    assert set(CASE_FIELD_WORDS) <= listed | {"evidence[].type"}


def test_every_helper_has_words() -> None:
    docs = helper_docs()
    assert all(d.description for d in docs), [d.name for d in docs if not d.description]
    names = {d.name for d in docs}
    assert {"facts.drug_name", "facts.evidence[].cited", "|date", "cite", "<signature/>"} <= names


def test_every_insert_snippet_lints_clean_in_a_template() -> None:
    snippets = [d for d in case_fields() + helper_docs() if d.insert]
    inline = [
        d.insert for d in snippets if d.group != "Letter markup" and d.name not in BLOCK_LEVEL
    ]
    body = "<letter>\n" + "\n".join(f"<p>{s}</p>" for s in inline)
    body += "\n{% if citations %}<references/>{% endif %}\n<signature/>\n</letter>\n"
    problems = [p for p in lint_template(FRONT + body) if p.severity is Severity.ERROR]
    assert problems == []


def test_mandatory_fields_are_marked() -> None:
    marked = {d.name for d in case_fields() if d.mandatory}
    assert {"case.patient.name", "case.prescriber.npi", "case.evidence[article].year"} <= marked
    assert "case.drug.ndc" not in marked


def test_docs_templates_md_holds_the_current_reference() -> None:
    committed = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    assert field_reference_markdown() in committed, (
        "docs/templates.md is stale: replace its Reference section with the output of "
        "`python -m desktop_app.letters.fieldref`"
    )


@pytest.mark.parametrize("line", field_reference_markdown().splitlines())
def test_reference_tables_have_even_columns(line: str) -> None:
    if line.startswith("|"):
        unescaped = line.replace("\\|", "")
        assert unescaped.count("|") in (4, 5)
