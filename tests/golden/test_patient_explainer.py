"""The patient explainer of every example: plain language, measured, in English and Spanish.

The reading level is measured on the prose a patient reads (body paragraphs and lists; not
the letterhead, the date or the small print that names the rules) with the published
formulas (tests/support/readability.py). The payer letter is measured too, as a control:
the same measure must find it hard, or it would be measuring nothing.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.domain.case import Case
from desktop_app.export.pdf import write_pdf
from desktop_app.letters.document import BulletList, LetterDocument, Paragraph, block_text
from desktop_app.letters.render import render_document
from desktop_app.letters.templates import get_template
from desktop_app.services.cases import example_case_paths
from desktop_app.storage.settings import PracticeSettings
from tests.support.readability import fernandez_huerta, flesch_kincaid_grade

EXAMPLES = {path.stem: path for path in example_case_paths()}
ENGLISH, SPANISH = "patient-explainer", "patient-explainer-es"
# Words a patient would not know; each must be explained where it appears, or not used.
JARGON = ("ICD", "HCPCS", "NPI", "compendi", "medically accepted", "CFR", "MAC ", "QIC", "IRE",
          "ECOG", "regimen", "mg/")


def case_of(name: str) -> Case:
    return Case.model_validate_json(EXAMPLES[name].read_text(encoding="utf-8"))


def explainer(name: str, template: str) -> LetterDocument:
    return render_document(case_of(name), get_template(template), settings=PracticeSettings())


def prose(document: LetterDocument) -> str:
    return "\n".join(
        " ".join(block_text(block)) for block in document.blocks
        if (isinstance(block, Paragraph) and block.style == "body")
        or isinstance(block, BulletList)
    )


def all_text(document: LetterDocument) -> str:
    return "\n".join(line for block in document.blocks for line in block_text(block))


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_english_explainer_reads_at_no_more_than_an_8th_grade_level(name: str) -> None:
    grade = flesch_kincaid_grade(prose(explainer(name, ENGLISH)))
    assert grade <= 8.0, f"{name}: Flesch-Kincaid grade {grade:.1f}"


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_spanish_explainer_reads_as_fairly_easy_or_easier(name: str) -> None:
    ease = fernandez_huerta(prose(explainer(name, SPANISH)))
    assert ease >= 70.0, f"{name}: Fernández Huerta {ease:.1f} (70 is 7th grade)"


def test_the_measure_finds_the_payer_letter_hard() -> None:
    letter = render_document(case_of("commercial-preauth"), get_template("offlabel-preauth"),
                             settings=PracticeSettings())
    assert flesch_kincaid_grade(prose(letter)) > 11.0


@pytest.mark.parametrize("template", [ENGLISH, SPANISH])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_no_clinical_or_legal_jargon_reaches_the_patient(name: str, template: str) -> None:
    text = prose(explainer(name, template))
    assert not [word for word in JARGON if word in text]


def test_a_request_says_what_off_label_means_the_review_time_and_the_appeal_window() -> None:
    text = prose(explainer("commercial-preauth", ENGLISH))
    assert "When a doctor uses a medicine in a way its label does not list" in text
    assert "the label does not list your type of cancer" in text
    assert "The plan has 15 days to answer." in text  # 29 CFR 2560.503-1(f)(2)(iii)(A)
    assert "You have 180 days from the day you get the letter that says no" in text
    assert "Why is this medicine a good choice for me?" in text
    assert "(800) 555-0177" in text and "(508) 555-0110" in text  # whom to call


def test_the_rules_behind_each_time_limit_are_named_in_the_small_print() -> None:
    document = explainer("commercial-preauth", ENGLISH)
    small = [" ".join(block_text(b)) for b in document.blocks
             if isinstance(b, Paragraph) and b.style == "small"]
    assert small == ["The time limits in this letter are set by these rules: 29 CFR "
                     "2560.503-1(f)(2)(iii)(A); 45 CFR 147.136(b); 29 CFR 2560.503-1(h)(3)(i)."]


def test_an_appeal_gives_its_last_day_and_the_fast_review_time() -> None:
    english = prose(explainer("expedited-appeal", ENGLISH))
    assert "The last day to send this appeal is January 24, 2027." in english
    fast = "The plan has 72 hours to answer, because your doctor asked for a fast review."
    assert fast in english
    spanish = prose(explainer("expedited-appeal", SPANISH))
    assert "El último día para enviar esta apelación es el 24 de enero de 2027." in spanish
    rapida = "El plan tiene 72 horas para responder, porque su médico pidió una revisión rápida."
    assert rapida in spanish
    assert "Lo dijo el 20 de noviembre de 2026." in spanish


def test_medicare_part_b_is_explained_as_a_claim_not_an_approval() -> None:
    text = prose(explainer("medicare-part-b-preauth", ENGLISH))
    assert "Medicare Part B does not approve most medicines ahead of time." in text
    assert "You have 120 days" in text  # 42 CFR 405.942(a)
    assert "The plan has" not in text


def _explainer_for(plan_type: str) -> str:
    case = case_of("commercial-preauth")
    case.payer.plan_type = plan_type
    return prose(render_document(case, get_template(ENGLISH), settings=PracticeSettings()))


def test_a_time_limit_no_source_confirms_is_not_given_as_a_number() -> None:
    # Medicare Advantage's Part B drug request times (42 CFR 422.568, 422.572): unverified.
    advantage = _explainer_for("medicare_advantage")
    assert "The plan will tell you how long it will take." in advantage
    assert "72 hours" not in advantage and "24 hours" not in advantage
    # Medicaid's managed care appeal window (42 CFR 438.402(c)(2)(ii)): unverified.
    medicaid = _explainer_for("medicaid")
    assert "The plan's letter will tell you how long you have to ask. Do not wait." in medicaid
    assert "60 days" not in medicaid


def test_a_medicaid_request_states_the_24_hours_the_statute_sets() -> None:
    text = _explainer_for("medicaid")  # SSA §1927(d)(5)(A), 107 Stat. 617
    assert "24 hours" in text
    assert "The plan will tell you how long it will take." not in text


def test_the_spanish_letter_is_written_in_spanish_throughout() -> None:
    text = all_text(explainer("part-d-request", SPANISH))
    for english in ("Dear", "Your doctor", "The plan", "appeal", "Questions"):
        assert english not in text
    assert "Qué quiere decir “fuera de indicación”" in text
    assert "27 de noviembre de 2026" in text  # the letter's date, in Spanish


@pytest.mark.parametrize("template", [ENGLISH, SPANISH])
def test_every_example_prints_to_pdf(template: str, tmp_path: Path) -> None:
    for name in sorted(EXAMPLES):
        out = io.BytesIO()
        write_pdf(explainer(name, template), out, invariant=True)
        reader = PdfReader(io.BytesIO(out.getvalue()))
        assert 1 <= len(reader.pages) <= 2, name  # a short letter, not a brochure
        assert case_of(name).patient.name.split()[0] in reader.pages[0].extract_text()


def test_dates_in_spanish_are_written_out() -> None:
    from desktop_app.letters.environment import format_date

    assert format_date(dt.date(2027, 1, 4), "es") == "4 de enero de 2027"
    assert format_date(dt.date(2026, 9, 30), "es") == "30 de septiembre de 2026"


def pdf_pages(document: LetterDocument) -> list[str]:
    out = io.BytesIO()
    write_pdf(document, out, invariant=True)
    return [page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages]


@pytest.mark.parametrize(
    ("name", "member_label"),
    [("expedited-appeal", "N.º de miembro:"),  # a Medicare Advantage plan's own member ID
     ("medicare-part-b-preauth", "N.º de Medicare:")],  # the MBI is the member ID
)
def test_the_spanish_explainers_pages_are_headed_and_numbered_in_spanish(
    name: str, member_label: str
) -> None:
    document = explainer(name, SPANISH)
    pages = pdf_pages(document)
    case = case_of(name)
    for number, text in enumerate(pages, 1):
        assert f"Paciente: {case.patient.name}" in text
        assert "Fecha de nacimiento:" in text
        assert f"Página {number} de {len(pages)}" in text
        assert "Patient:" not in text and "DOB:" not in text and "Page " not in text
        assert member_label in text


def test_the_english_explainers_pages_stay_in_english() -> None:
    pages = pdf_pages(explainer("expedited-appeal", ENGLISH))
    assert all("Patient:" in text and "Page " in text for text in pages)
    assert not any("Página" in text for text in pages)


def _docx_language(document: LetterDocument) -> str:
    """The language Word spell-checks the DOCX's text in (the styles' document defaults)."""
    import zipfile

    from desktop_app.export.docx import write_docx

    stream = io.BytesIO()
    write_docx(document, stream)
    styles = zipfile.ZipFile(stream).read("word/styles.xml").decode("utf-8")
    defaults = styles[styles.index("<w:docDefaults>"):styles.index("</w:docDefaults>")]
    start = defaults.index("<w:lang ")
    return defaults[start:defaults.index("/>", start)]


def test_word_spell_checks_each_explainer_in_its_own_language() -> None:
    assert 'w:val="es-US"' in _docx_language(explainer("expedited-appeal", SPANISH))
    assert 'w:val="en-US"' in _docx_language(explainer("expedited-appeal", ENGLISH))
