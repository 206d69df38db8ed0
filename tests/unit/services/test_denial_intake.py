"""Denial intake: a pasted or dropped letter is read, and only confirmed values are saved,
with the letter kept as a private attachment whose name holds no patient data."""

from __future__ import annotations

import datetime as dt
import io
import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter as LETTER_SIZE
from reportlab.pdfgen import canvas

from desktop_app.domain.casefile import load_case
from desktop_app.errors import AppError
from desktop_app.services import audit
from desktop_app.services.case_records import add_call, record_approval, save_denial
from desktop_app.services.cases import CaseLocked, CaseStore, EditConflict, open_case_store
from desktop_app.services.denial_intake import (
    ConfirmedDenial,
    propose_from_text,
    read_denial_file,
)
from tests.conftest import EXAMPLES

LETTER = EXAMPLES / "denials" / "03-part-d-coverage-determination.txt"


def _pdf(lines: list[str]) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=LETTER_SIZE, invariant=1)
    y = 740
    for line in lines:
        page.drawString(60, y, line)
        y -= 14
    page.save()
    return out.getvalue()


@pytest.fixture
def store() -> Iterator[CaseStore]:
    with open_case_store() as opened:
        yield opened
    audit.close()


def test_a_pdfs_text_layer_gives_the_same_proposal_as_its_text(tmp_path: Path) -> None:
    lines = LETTER.read_text("utf-8").splitlines()
    path = tmp_path / "denial.pdf"
    path.write_bytes(_pdf(lines))
    from_pdf = read_denial_file(path).proposal
    from_text = propose_from_text(LETTER.read_text("utf-8")).proposal
    assert from_pdf.denial_date == from_text.denial_date
    assert from_pdf.reference_number == from_text.reference_number
    assert [r.category for r in from_pdf.reasons] == ["not_fda_approved", "quantity_limit"]


@pytest.mark.parametrize("before", [b"\xef\xbb\xbf", b"Content-Type: application/pdf\r\n\r\n"],
                         ids=["byte-order-mark", "mail-header"])
def test_a_pdf_with_a_few_bytes_before_its_header_is_read_as_acrobat_reads_it(
    tmp_path: Path, before: bytes,
) -> None:
    # Acrobat opens a PDF whose header is anywhere in its first 1024 bytes; so do packets.
    path = tmp_path / "denial.pdf"
    path.write_bytes(before + _pdf(LETTER.read_text("utf-8").splitlines()))
    read = read_denial_file(path)
    assert read.suffix == ".pdf"
    assert read.proposal.reference_number == propose_from_text(
        LETTER.read_text("utf-8")).proposal.reference_number


def test_a_scanned_pdf_without_text_says_to_paste_or_type(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf([]))
    with pytest.raises(AppError) as caught:
        read_denial_file(path)
    assert "no text layer" in str(caught.value) and "scan.pdf" in str(caught.value)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"%PDF-1.7\n garbage \x00\x01", "damaged"),
        (b"\xff\xfe\x00\x00\x89PNG binary", "neither a PDF nor a text file"),
    ],
)
def test_a_broken_or_foreign_file_is_refused_in_words(
    tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "letter.bin"
    path.write_bytes(content)
    with pytest.raises(AppError) as caught:
        read_denial_file(path)
    assert words in str(caught.value)
    assert "Traceback" not in str(caught.value)


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"],
    ids=["utf-8", "utf-8-with-mark", "notepad-unicode", "windows-ansi"],
)
def test_a_text_file_in_any_encoding_windows_saves_reads_as_its_words(
    tmp_path: Path, encoding: str
) -> None:
    text = (EXAMPLES / "denials" / "01-medicare-advantage-part-b-drug.txt").read_text("utf-8")
    text = text.replace("\u2019", "'").replace("\u2014", "-") + "\nReviewed by: Dr. Zoë Müller\n"
    path = tmp_path / "denial.txt"
    path.write_bytes(text.encode(encoding))
    read = read_denial_file(path)  # UTF-16 and ANSI were "neither a PDF nor a text file"
    assert read.text.lstrip("\ufeff") == text
    assert read.proposal == propose_from_text(text).proposal


@pytest.mark.parametrize("content", [b"", b" \r\n\r\n\t", b"\xef\xbb\xbf"])
def test_an_empty_text_file_is_refused_naming_it(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "denial.txt"
    path.write_bytes(content)
    with pytest.raises(AppError, match="the file is empty") as caught:
        read_denial_file(path)  # once an empty letter with nothing proposed, and no word why
    assert caught.value.file == str(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(AppError) as caught:
        read_denial_file(tmp_path / "gone.pdf")
    assert "gone.pdf" in str(caught.value)


def test_a_device_or_an_oversized_file_is_refused_at_the_cap(tmp_path: Path) -> None:
    with pytest.raises(AppError) as caught:
        read_denial_file(Path("/dev/zero"))
    assert str(caught.value) == (
        "/dev/zero: the file is too large to be a denial letter (over 25 MB)")
    path = tmp_path / "letter.txt"
    path.write_text("The requested drug is experimental. " * 6000, encoding="utf-8")
    with pytest.raises(AppError, match=r"too long to be a denial letter \(over 200,000 char"):
        read_denial_file(path)


def test_pasted_text_far_longer_than_a_letter_is_refused_naming_the_cap() -> None:
    with pytest.raises(AppError) as caught:
        propose_from_text("Not medically necessary. " * 10_000)
    assert "over 200,000 characters" in str(caught.value)
    assert "medically" not in str(caught.value)  # the text itself is never echoed


def _confirmed(letter_text: str = "") -> ConfirmedDenial:
    letter = propose_from_text(letter_text or LETTER.read_text("utf-8"))
    return ConfirmedDenial(
        date=dt.date(2026, 11, 16),
        reference_number="CD-26-0998812",
        level="redetermination",
        reasons=(("not_fda_approved", "Not FDA-approved for this use."),
                 ("quantity_limit", "Exceeds 5 capsules per 28 days.")),
        criteria_cited=("Formulary QL-22",),
        stated_deadline=dt.date(2027, 1, 20),
        plan_name="Ignored: the case has a payer name",
        letter=letter,
    )


def test_confirmed_values_are_saved_with_the_letter_kept_privately(store: CaseStore) -> None:
    stored = store.create_case(load_case(EXAMPLES / "part-d-request.json"))
    saved = save_denial(store, stored.id, _confirmed(), stored.revision)
    denial = saved.case.denial
    assert denial is not None and denial.reference_number == "CD-26-0998812"
    assert [r.category for r in denial.reasons or []] == ["not_fda_approved", "quantity_limit"]
    assert denial.reason == "Not FDA-approved for this use. Exceeds 5 capsules per 28 days."
    assert denial.stated_deadline == dt.date(2027, 1, 20)
    assert saved.case.payer.name == stored.case.payer.name  # typed values are not overwritten
    kept = saved.case.attachments[-1]  # type: ignore[index]
    assert kept.title == "Denial letter of 2026-11-16"
    path = Path(kept.path)
    assert path.read_text("utf-8") == LETTER.read_text("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    patient = stored.case.patient.name.split()[-1].lower()
    assert patient not in str(path).lower()
    entry = audit.entries(1, case_id=stored.id)[0]
    assert entry.action == "case.denial_entered" and entry.detail["stated_count"] == 2
    assert "FDA" not in json.dumps(entry.detail)
    assert audit.verify_chain().ok  # the audit log holds the row as the denial left it


def test_a_denial_is_not_saved_over_someone_elses_edit(store: CaseStore) -> None:
    stored = store.create_case(load_case(EXAMPLES / "part-d-request.json"))
    store.save_case(stored.id, stored.case, stored.revision)
    with pytest.raises(EditConflict):
        save_denial(store, stored.id, _confirmed(), stored.revision)
    assert store.get_case(stored.id).case.denial is None
    from desktop_app.storage.paths import data_home

    assert not list((data_home() / "attachments").rglob("denial-*"))  # no orphan copy


def test_a_signed_case_takes_calls_and_an_approval_but_not_a_denial(store: CaseStore) -> None:
    from desktop_app.domain.case_records import Approval, CallLogEntry

    stored = store.create_case(load_case(EXAMPLES / "part-d-request.json"))
    for status in ("ready_for_signature", "signed"):
        store.set_status(stored.id, status)
    signed = store.versions(stored.id)[0]
    with pytest.raises(CaseLocked):
        save_denial(store, stored.id, _confirmed(), store.get_case(stored.id).revision)
    call = CallLogEntry(at=dt.datetime(2026, 11, 14, 10, 30), who="Dana R.",
                        reference_number="55-1234", summary="Request received.")
    after = add_call(store, stored.id, call)
    assert after.case.call_log == [call] and after.locked
    after = record_approval(store, stored.id, Approval(
        authorization_number="PA-77", approved_units="42 capsules per 28 days",
        start=dt.date(2026, 12, 1), end=dt.date(2027, 5, 31)))
    assert after.case.approval is not None and after.case.approval.authorization_number == "PA-77"
    # The signed version is exactly as it was signed.
    assert store.versions(stored.id)[0] == signed
    assert store.version_case(stored.id, 1).call_log is None
    actions = [e.action for e in audit.entries(5, case_id=stored.id)]
    assert actions[:2] == ["case.approval_recorded", "case.call_logged"]
    assert audit.verify_chain().ok


@pytest.mark.parametrize(
    ("approval", "words"),
    [
        ({"authorization_number": " ", "start": "2026-12-01", "end": "2027-05-31"},
         "authorization number"),
        ({"authorization_number": "A", "start": "2027-06-01", "end": "2027-05-31"},
         "ends before it starts"),
    ],
)
def test_an_incomplete_approval_is_refused(
    store: CaseStore, approval: dict[str, str], words: str
) -> None:
    from desktop_app.domain.case_records import Approval

    stored = store.create_case(load_case(EXAMPLES / "part-d-request.json"))
    with pytest.raises(AppError) as caught:
        record_approval(store, stored.id, Approval.model_validate(approval, strict=False))
    assert words in str(caught.value)


def test_marking_sent_records_the_time_and_a_new_version_clears_it(store: CaseStore) -> None:
    stored = store.create_case(load_case(EXAMPLES / "part-d-request.json"))
    for status in ("ready_for_signature", "signed", "sent"):
        store.set_status(stored.id, status)
    sent = store.get_case(stored.id)
    assert sent.case.letter.sent_at is not None
    assert abs(dt.datetime.now() - sent.case.letter.sent_at) < dt.timedelta(minutes=5)
    assert store.new_version(stored.id).case.letter.sent_at is None
    assert audit.verify_chain().ok


def test_records_are_held_to_the_limits_and_a_long_field_elsewhere_never_blocks_them(
    store: CaseStore,
) -> None:
    from desktop_app.domain.case_records import CallLogEntry
    from desktop_app.domain.casefile import parse_case

    data = json.loads((EXAMPLES / "part-d-request.json").read_text("utf-8"))
    data["off_label"]["rationale"] = "pasted note " * 5000  # saved from the form, over 20,000
    stored = store.create_case(parse_case(data, lenient=True))
    at = dt.datetime(2026, 11, 14, 10, 30)
    with pytest.raises(AppError) as caught:
        add_call(store, stored.id, CallLogEntry.model_construct(
            at=at, who="Dana R.", reference_number=None, summary="x" * 1001, staff=None))
    assert caught.value.field == "call_log.0.summary" and "at most 1,000" in str(caught.value)
    long_reason = _confirmed()
    long_reason = ConfirmedDenial(date=long_reason.date, reference_number="CD-1",
                                  reasons=(("other", "y" * 20_001),))
    with pytest.raises(AppError) as caught:
        save_denial(store, stored.id, long_reason, stored.revision)
    # The stated reason, and denial.reason that joins the stated reasons, are over the limit.
    assert caught.value.field in ("denial.reason", "denial.reasons.0.text")
    assert "at most 20,000" in str(caught.value) and "yyy" not in str(caught.value)
    called = add_call(store, stored.id, CallLogEntry(at=at, who="Dana R.", summary="Received."))
    saved = save_denial(store, stored.id, _confirmed(), called.revision)
    assert len(saved.case.off_label.rationale) == 60_000 and saved.case.call_log
    for status in ("ready_for_signature", "signed", "sent"):
        store.set_status(stored.id, status)
    assert store.get_case(stored.id).case.letter.sent_at is not None


def test_a_small_pdf_that_would_take_minutes_to_read_is_refused_at_once(
    tmp_path: Path,
) -> None:
    from tests.unit.export.test_pdf_page_text import heavy_page_pdf

    reader = heavy_page_pdf(5_000_000)  # about 15 kB on disk; pypdf would run it a minute
    writer = __import__("pypdf").PdfWriter(clone_from=reader)
    path = tmp_path / "denial.pdf"
    with path.open("wb") as out:
        writer.write(out)
    assert path.stat().st_size < 100_000
    with pytest.raises(AppError) as caught:
        read_denial_file(path)
    assert "far more drawing than a letter's text" in str(caught.value)
    assert caught.value.file == str(path) and "paste the letter's text" in (caught.value.hint or "")
