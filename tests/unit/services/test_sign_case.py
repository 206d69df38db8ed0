"""A physician signs a case: queue, signature block, override, PAdES, record, lock, new version."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.errors import AppError, SigningError, StorageError
from desktop_app.letters.environment import format_date
from desktop_app.services import audit
from desktop_app.services.cases import CaseLocked, CaseStore, open_case_store
from desktop_app.services.kept_signed_letters import kept_signed_letter
from desktop_app.services.sign_case import SignOrder, sign_case
from desktop_app.services.signature_workflow import (
    keyring_status,
    override_on_record,
    signature_queue,
    start_new_version,
    verify_signed_file,
    version_history,
)
from desktop_app.services.signing import SigningRequest
from tests.support.certs import PASSWORD, certificates
from tests.unit.services.test_sign_case_fixtures import (
    BRENNER,
    OTHER,
    add_physicians,
    allow_typed_name_signatures,
    broken_case,
    example_case,
    ready_case,
    signature_png,
)


@pytest.fixture
def store() -> Iterator[CaseStore]:
    opened = open_case_store()
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def typed_names_allowed() -> None:
    """These tests cover the workflow around signing, most of it with a typed-name signature;
    tests/unit/services/test_signer_is_physician.py covers the switch itself (off by default)."""
    allow_typed_name_signatures()


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def order(out: Path, **changes: object) -> SignOrder:
    values: dict[str, object] = {"physician": BRENNER, "out_path": out, **changes}
    return SignOrder(**values)  # type: ignore[arg-type]


def disk_full(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def read_only_file_system(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.EROFS, os.strerror(errno.EROFS))


class FullDiskFile:
    """A file whose writes fail as on a full disk (ENOSPC), as atomic_writer's stream."""

    def __init__(self, stream: io.BufferedWriter) -> None:
        self.stream = stream

    def write(self, _data: bytes) -> int:
        disk_full()
        return 0

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)

    def __enter__(self) -> FullDiskFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stream.close()


def full_disk_fdopen(real: object) -> object:
    def fdopen(fd: int, mode: str = "r", *args: object) -> FullDiskFile:
        return FullDiskFile(real(fd, mode, *args))  # type: ignore[operator]

    return fdopen


def assert_untouched(store: CaseStore, case_id: str, out: Path) -> None:
    """Nothing recorded, nothing locked, no file under the chosen name."""
    stored = store.get_case(case_id)
    assert stored.status == "ready_for_signature"
    assert not stored.locked
    assert store.signatures(case_id) == []
    assert not out.exists()


def test_queue_lists_only_ready_cases_of_the_chosen_physician(
    store: CaseStore, tmp_path: Path
) -> None:
    add_physicians()
    mine = ready_case(store, tmp_path)
    store.create_case(example_case(tmp_path))  # a draft: not in anyone's queue
    theirs = example_case(tmp_path).model_copy(
        update={
            "prescriber": example_case(tmp_path).prescriber.model_copy(update={"npi": OTHER.npi})
        }
    )
    other_id = ready_case(store, tmp_path, case=theirs)
    assert [i.case_id for i in signature_queue(store, BRENNER.npi)] == [mine]
    assert [i.case_id for i in signature_queue(store, "1548 723 018")] == [mine]  # spaced NPI
    assert [i.case_id for i in signature_queue(store, OTHER.npi)] == [other_id]
    assert signature_queue(store, "") == []


def test_signing_with_a_typed_line_records_locks_and_keeps_history(
    store: CaseStore, tmp_path: Path
) -> None:
    case_id = ready_case(store, tmp_path)
    out = tmp_path / "signed.pdf"
    when = dt.datetime(2026, 11, 27, 15, 30, tzinfo=dt.UTC)
    signed = sign_case(store, case_id, order(out), now=when)
    text = text_of(out)
    day = format_date(when.astimezone().date())
    assert (
        "Signed by typed name, without a digital certificate: "
        f"Daniel K. Brenner, MD, PhD on {day}"
    ) in text
    assert "NPI 1548723018" in text
    assert f"Date: {day}" in text
    assert signed.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    [record] = store.signatures(case_id)
    assert (record.npi, record.pdf_sha256, record.version) == ("1548723018", signed.sha256, 1)
    assert record.template_id == "offlabel-preauth"
    assert record.template_version == signed.template_version
    stored = store.get_case(case_id)
    assert (stored.status, stored.locked) == ("signed", True)
    with pytest.raises(CaseLocked):
        store.save_case(case_id, stored.case, stored.revision)
    assert kept_signed_letter(store, case_id) == out.read_bytes()
    assert start_new_version(store, case_id) == 2
    history = version_history(store, case_id)
    assert [(v.version, v.locked, v.current) for v in history] == [
        (1, True, False),
        (2, False, True),
    ]
    assert "signed by Daniel K. Brenner" in history[0].describe()
    assert history[1].signatures == []


def test_signature_image_is_placed_and_still_labelled_typed_name(
    store: CaseStore, tmp_path: Path
) -> None:
    physician = BRENNER.model_copy(update={"signature_image": str(signature_png(tmp_path))})
    case_id = ready_case(store, tmp_path)
    out = tmp_path / "signed.pdf"
    sign_case(store, case_id, order(out, physician=physician))
    text = text_of(out)
    assert "Signed by typed name, without a digital certificate" in text
    assert "Daniel K. Brenner, MD, PhD" in text
    assert "NPI 1548723018" in text
    pages = PdfReader(out).pages
    assert any(image.image.size == (600, 160) for page in pages for image in page.images)


def test_a_missing_signature_image_is_named_and_nothing_is_signed(
    store: CaseStore, tmp_path: Path
) -> None:
    physician = BRENNER.model_copy(update={"signature_image": str(tmp_path / "gone.png")})
    case_id = ready_case(store, tmp_path)
    out = tmp_path / "signed.pdf"
    with pytest.raises(
        SigningError, match=r"signature image for Daniel K\. Brenner cannot be found"
    ):
        sign_case(store, case_id, order(out, physician=physician))
    assert_untouched(store, case_id, out)


def test_errors_block_signing_until_an_override_reason_is_given(
    store: CaseStore, tmp_path: Path
) -> None:
    case_id = ready_case(store, tmp_path, case=broken_case(tmp_path))
    out = tmp_path / "signed.pdf"
    assert signature_queue(store, BRENNER.npi)[0].needs_override
    with pytest.raises(SigningError, match="error") as caught:
        sign_case(store, case_id, order(out))
    assert "override reason" in str(caught.value)
    assert_untouched(store, case_id, out)
    sign_case(store, case_id, order(out, override_reason="  Payer accepts the J-code instead "))
    assert override_on_record(store, case_id) == "Payer accepts the J-code instead"
    assert store.get_case(case_id).status == "signed"


def test_an_override_already_on_record_allows_signing(store: CaseStore, tmp_path: Path) -> None:
    case_id = ready_case(store, tmp_path, case=broken_case(tmp_path))
    store.record_export(
        case_id,
        fmt="pdf",
        template_id="offlabel-preauth",
        template_version="1",
        template_hash="0" * 64,
        file_sha256="1" * 64,
        override_reason="Drug named in the cover",
    )
    assert not signature_queue(store, BRENNER.npi)[0].needs_override
    sign_case(store, case_id, order(tmp_path / "signed.pdf"))
    assert store.exports(case_id)[-1].override_reason == "Drug named in the cover"


@pytest.mark.parametrize(
    ("prepare", "words"),
    [
        ("draft", "not marked ready for signature"),
        ("other physician", "written for another prescriber"),
        ("signed", "already signed and locked"),
    ],
)
def test_letters_that_are_not_this_physicians_to_sign_are_refused(
    store: CaseStore, tmp_path: Path, prepare: str, words: str
) -> None:
    case_id = ready_case(store, tmp_path)
    physician = BRENNER
    if prepare == "draft":
        store.set_status(case_id, "draft")
    elif prepare == "other physician":
        physician = OTHER
    else:
        sign_case(store, case_id, order(tmp_path / "first.pdf"))
    out = tmp_path / "signed.pdf"
    with pytest.raises(SigningError, match=words):
        sign_case(store, case_id, order(out, physician=physician))
    assert not out.exists()


def test_digital_signature_verifies_and_the_check_is_audited(
    store: CaseStore, tmp_path: Path
) -> None:
    case_id = ready_case(store, tmp_path)
    out = tmp_path / "signed.pdf"
    request = SigningRequest(certificates().brenner, PASSWORD)
    signed = sign_case(store, case_id, order(out, certificate=request))
    assert signed.digital is not None
    assert signed.digital.ok
    report = verify_signed_file(out, case_id)
    assert report.ok
    assert "INTACT" in report.message
    actions = {e.action: e.detail for e in audit.entries(50, case_id=case_id)}
    assert actions["letter.signed"]["sha256"] == signed.sha256
    assert actions["letter.exported"]["sha256"] == signed.sha256
    assert actions["signature.verified"] == {
        "sha256": signed.sha256,
        "result": "intact",
        "whole_file": True,
    }
    assert audit.verify_chain().ok
    everything = repr([e.detail for e in audit.entries(100)])
    assert "Priya" not in everything  # the patient's name never reaches the audit log


@pytest.mark.parametrize(
    ("certificate", "password", "words"),
    [
        ("brenner", b"wrong password", "password is wrong"),
        ("brenner", None, "needs a password"),
        ("expired", PASSWORD, "expired on"),
        ("not_yet_valid", PASSWORD, "not valid yet"),
        ("not_a_certificate", PASSWORD, "not a readable PKCS#12 certificate"),
        ("empty", PASSWORD, "not a readable PKCS#12 certificate"),
    ],
)
def test_refused_certificates_leave_the_case_as_it_was(
    store: CaseStore, tmp_path: Path, certificate: str, password: bytes | None, words: str
) -> None:
    case_id = ready_case(store, tmp_path)
    out = tmp_path / "signed.pdf"
    request = SigningRequest(getattr(certificates(), certificate), password)
    with pytest.raises(SigningError, match=words):
        sign_case(store, case_id, order(out, certificate=request))
    assert_untouched(store, case_id, out)


def test_a_write_protected_folder_is_reported_and_nothing_recorded(
    store: CaseStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = ready_case(store, tmp_path)
    locked_folder = tmp_path / "read-only"
    locked_folder.mkdir()
    locked_folder.chmod(0o500)
    if os.geteuid() == 0:  # root ignores folder permissions: the file system says no instead
        monkeypatch.setattr(tempfile, "mkstemp", read_only_file_system)
    out = locked_folder / "signed.pdf"
    try:
        with pytest.raises(StorageError, match="cannot write") as caught:
            sign_case(store, case_id, order(out))
    finally:
        locked_folder.chmod(0o700)
    assert "read-only" in str(caught.value)  # names the folder the user chose
    assert_untouched(store, case_id, out)
    with pytest.raises(SigningError):
        kept_signed_letter(store, case_id, 1)


@pytest.mark.parametrize("call", ["write", "replace"])
def test_a_full_disk_keeps_the_old_file_and_the_case(
    store: CaseStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    case_id = ready_case(store, tmp_path)
    out = tmp_path / "signed.pdf"
    out.write_bytes(b"%PDF-1.4 the letter signed last week")

    if call == "write":
        monkeypatch.setattr(os, "fdopen", full_disk_fdopen(os.fdopen))
    else:
        monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(StorageError, match="No space left"):
        sign_case(store, case_id, order(out))
    monkeypatch.undo()
    assert out.read_bytes() == b"%PDF-1.4 the letter signed last week"
    assert store.signatures(case_id) == []
    assert store.get_case(case_id).status == "ready_for_signature"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".part-")]


def test_without_a_keyring_the_password_is_not_remembered(store: CaseStore, tmp_path: Path) -> None:
    status = keyring_status()
    if status.available:
        pytest.skip("this computer has a system keyring")
    assert "keyring" in status.why_not
    case_id = ready_case(store, tmp_path)
    request = SigningRequest(certificates().brenner, PASSWORD)
    signed = sign_case(
        store, case_id, order(tmp_path / "s.pdf", certificate=request, remember_password=True)
    )
    assert signed.remembered_password is False


def test_errors_are_app_errors_with_one_line(store: CaseStore, tmp_path: Path) -> None:
    case_id = ready_case(store, tmp_path)
    with pytest.raises(AppError) as caught:
        sign_case(store, case_id, order(tmp_path))  # a folder, not a file name
    assert "\n" not in str(caught.value)
    assert_untouched(store, case_id, tmp_path / "nothing.pdf")
