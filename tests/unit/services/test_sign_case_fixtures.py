"""Shared set-up for the signing workflow tests (unit, UI, golden): a physician, a ready case.

No tests here. The case is the shipped commercial pre-authorization example (fictional), with
its attachments pointed at small PDFs and images in the test's folder.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.case import Case
from desktop_app.domain.case_evidence import Attachment
from desktop_app.domain.casefile import load_case
from desktop_app.services.cases import CaseStore
from desktop_app.storage.settings import DirectoryPrescriber, load_settings, save_settings
from tests.support.pdfs import image_bytes, letter_pdf, write

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "commercial-preauth.json"
# The example's prescriber; fictional, with a check-digit-valid NPI.
BRENNER = DirectoryPrescriber(name="Daniel K. Brenner", credentials="MD, PhD", npi="1548723018")
OTHER = DirectoryPrescriber(name="Samuel J. Achterberg", credentials="DO", npi="1987654328")


def add_physicians(*people: DirectoryPrescriber) -> list[DirectoryPrescriber]:
    settings = load_settings()
    settings.prescribers.extend(people or (BRENNER, OTHER))
    save_settings(settings)
    return load_settings().prescribers


def allow_typed_name_signatures(allowed: bool = True) -> None:
    """Turn the practice's "signed by typed name" switch on (it is off by default)."""
    settings = load_settings()
    settings.allow_typed_name_signatures = allowed
    save_settings(settings)


def signature_png(folder: Path) -> Path:
    """A wide, signature-like image (a pale strip): enough to see it placed on the page."""
    return write(folder / "signature.png", image_bytes("PNG", (600, 160)))


def attachment_files(folder: Path, count: int = 2) -> list[Attachment]:
    folder.mkdir(parents=True, exist_ok=True)
    made = [
        Attachment(
            title="HER2 testing report",
            path=str(
                write(folder / "her2.pdf", letter_pdf(2, label="HER2 report", furniture=False))
            ),
        ),
        Attachment(
            title="Pathology photo", path=str(write(folder / "photo.jpg", image_bytes("JPEG")))
        ),
        Attachment(
            title="NGS panel",
            path=str(write(folder / "ngs.pdf", letter_pdf(1, label="NGS", furniture=False))),
        ),
    ]
    return made[:count]


def example_case(folder: Path, attachments: int = 2) -> Case:
    case = load_case(EXAMPLE)
    return case.model_copy(update={"attachments": attachment_files(folder, attachments)})


def ready_case(
    store: CaseStore, folder: Path, *, attachments: int = 2, case: Case | None = None
) -> str:
    """A case marked ready for signature, as staff leave it for the physician; its id."""
    stored = store.create_case(case or example_case(folder, attachments))
    store.set_status(stored.id, "ready_for_signature")
    return stored.id


def broken_case(folder: Path) -> Case:
    """The example with the drug's name removed: the checker reports an error."""
    case = example_case(folder)
    return case.model_copy(
        update={"drug": case.drug.model_copy(update={"generic_name": "", "brand_name": None})}
    )
