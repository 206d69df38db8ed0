"""Fictional LetterDocuments for the exporter tests: a realistic appeal and a hostile one."""

from __future__ import annotations

from pathlib import Path

from desktop_app.letters.document import (
    BulletList,
    DocumentInfo,
    Heading,
    LetterDocument,
    Letterhead,
    PageBreak,
    Paragraph,
    References,
    Run,
    RunningHeader,
    SignatureBlock,
    Table,
)

ROOT = Path(__file__).resolve().parents[3]
SAMPLE_LOGO = ROOT / "assets" / "sample-logo.png"

# A patient name that must print exactly as typed: markup, entities, template syntax.
HOSTILE_NAME = "Zoë <b>Ng&amp;uyễn</b> {{ 7*7 }} **Bold** #1"


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph([Run(text)], style)  # type: ignore[arg-type]


def _cell(text: str) -> list[Run]:
    return [Run(text)]


def sample_letter(patient_name: str = "Trần Thị Hoa", *, logo: bool = True) -> LetterDocument:
    """A realistic 2–3 page expedited appeal, every block type used (all data fictional)."""
    blocks = [
        _p("EXPEDITED APPEAL – URGENT: the standard time frame could seriously jeopardize "
           "the patient's life or health", "banner"),
        _p("March 3, 2026"),
        Paragraph([Run("Appeals Department\nExample Health Plan\nP.O. Box 0000\n"
                       "Anytown, ST 00000")], "address"),
        Table(
            [
                [_cell("Patient:"), _cell(patient_name)],
                [_cell("Date of birth:"), _cell("1961-07-14")],
                [_cell("Member ID:"), _cell("XEH900112233")],
                [_cell("Claim / reference:"), _cell("PA-2026-000417")],
                [_cell("Drug requested:"), _cell("Pembrolizumab 200 mg IV every 3 weeks "
                                                  "(HCPCS J9271)")],
                [_cell("Diagnosis:"), _cell("C16.0 Malignant neoplasm of cardia")],
            ],
            style="reference",
        ),
        Paragraph([Run("Re: Request for expedited reconsideration of denied prior "
                       "authorization for pembrolizumab")], "subject"),
        _p("Dear Medical Director:"),
        Paragraph([
            Run("I am writing on behalf of my patient, "), Run(patient_name, bold=True),
            Run(", to request an expedited appeal of your decision dated February 24, 2026, "
                "which denied coverage of pembrolizumab as "),
            Run("not medically necessary", italic=True),
            Run(". Your denial letter states:"),
        ]),
        _p("The requested drug is not approved by the FDA for the member's diagnosis and "
           "is therefore considered experimental or investigational under the plan.", "quote"),
        _p("This reasoning does not reflect the evidence or the plan's own coverage terms, "
           "which recognize medically accepted uses supported by the listed compendia. "
           "The details follow."),
        Heading([Run("Clinical summary")], level=1),
        _p("The patient is a 64-year-old with locally advanced adenocarcinoma of the "
           "gastroesophageal junction, PD-L1 combined positive score 12, microsatellite "
           "stable, HER2 negative, ECOG performance status 1. Disease progressed after "
           "first-line therapy; the treating team considers immunotherapy the most "
           "appropriate next step."),
        Heading([Run("Prior therapies")], level=2),
        Table(
            [
                [_cell("Regimen"), _cell("Dates"), _cell("Best response"),
                 _cell("Reason stopped")],
                [_cell("FOLFOX (fluorouracil, leucovorin, oxaliplatin)"),
                 _cell("2025-03 to 2025-09"), _cell("Partial response"),
                 _cell("Progression on CT, grade 2 neuropathy")],
                [_cell("Ramucirumab + paclitaxel"), _cell("2025-10 to 2026-01"),
                 _cell("Stable disease"), _cell("Progression of liver metastases")],
                [_cell("Trifluridine/tipiracil"), _cell("2026-01 to 2026-02"),
                 _cell("Not evaluable"), _cell("Intolerance: grade 3 neutropenia")],
            ],
            header=True,
            widths=[3, 2, 2, 3],
        ),
        Heading([Run("Why this off-label use is medically accepted")], level=1),
        BulletList([
            [Run("The use is supported in a recognized compendium ("),
             Run("Category 2A", bold=True), Run(") for this histology and line of therapy.")],
            [Run("Two peer-reviewed studies report durable responses in PD-L1 positive "
                 "disease after progression on chemotherapy [1], [2].")],
            [Run("No covered alternative with comparable evidence remains; the patient has "
                 "exhausted standard options listed above.")],
        ]),
        Heading([Run("Requested action")], level=1),
        BulletList([
            [Run("Overturn the denial and authorize pembrolizumab 200 mg IV every 3 weeks "
                 "for up to 35 cycles.")],
            [Run("Decide this request on the expedited time frame.")],
        ], numbered=True),
        _p("Please contact my office at 555-0100 with any questions. I am available for a "
           "peer-to-peer discussion at your earliest convenience."),
        Heading([Run("References")], level=1),
        References([
            [Run("Example A, Sample B, Placeholder C. Pembrolizumab after chemotherapy in "
                 "advanced gastric cancer. "), Run("J Fict Oncol", italic=True),
             Run(". 2024;12(3):101-110.")],
            [Run("Specimen D, Model E. Immunotherapy outcomes by PD-L1 score: a pooled "
                 "analysis. "), Run("Fict Cancer Res", italic=True), Run(". 2025;7:55-63.")],
            [Run("Example Compendium. Drug monograph: pembrolizumab. Accessed March 2026.")],
        ]),
        _p("Sincerely,", "closing"),
        SignatureBlock(name="Jordan A. Sample", credentials="MD", npi="1234567893",
                       date_text="March 3, 2026"),
        _p("Enclosures: denial letter; office notes; pathology report; cited articles.",
           "small"),
        _p("cc: patient file", "small"),
    ]
    return LetterDocument(
        blocks=blocks,  # type: ignore[arg-type]
        letterhead=Letterhead(
            practice_name="Riverbend Oncology Associates",
            address="1200 Example Avenue, Suite 300, Anytown, ST 00000",
            phone="555-0100", fax="555-0199", email="office@riverbend.example",
            logo_path=str(SAMPLE_LOGO) if logo else None,
        ),
        header=RunningHeader(patient_name=patient_name, dob="1961-07-14",
                             member_id="XEH900112233"),
        info=DocumentInfo(title="Expedited appeal", subject="Prior authorization appeal",
                          author="Riverbend Oncology Associates", template_id="appeal",
                          template_version="1.0", keywords="appeal, prior authorization"),
    )


def long_table_letter(rows: int = 90) -> LetterDocument:
    """A letter whose evidence table runs over several pages."""
    table = Table(
        [[_cell("No."), _cell("Study"), _cell("Finding")]]
        + [[_cell(str(i)), _cell(f"Fictional study {i}"), _cell("Response rate reported")]
           for i in range(1, rows + 1)],
        header=True,
        widths=[1, 4, 5],
    )
    return LetterDocument(
        blocks=[Heading([Run("Evidence")]), table, PageBreak(), _p("After the break.")],
        header=RunningHeader("Ana Example", "1970-01-01", "M123"),
    )


def text_letter(text: str) -> LetterDocument:
    """A one-paragraph letter, for property tests."""
    return LetterDocument(blocks=[_p(text)], header=RunningHeader("Ana Example", "", "M1"))
