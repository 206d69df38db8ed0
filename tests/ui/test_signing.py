"""The physician's queue and sign dialog, driven as a physician would: pick, type, sign."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.services.cases import CaseStore
from desktop_app.services.signature_workflow import KeyringStatus, override_on_record
from desktop_app.services.signing import verify_file
from desktop_app.ui.signing.queue import SignatureQueue
from desktop_app.ui.signing.sign_dialog import SignDialog
from desktop_app.ui.workers import wait_for_tasks
from tests.support.certs import PASSWORD, certificates
from tests.ui._typing import type_text
from tests.unit.services.test_sign_case_fixtures import (
    BRENNER,
    OTHER,
    add_physicians,
    allow_typed_name_signatures,
    broken_case,
    ready_case,
)


@pytest.fixture
def queue(qtbot: Any, store: CaseStore) -> SignatureQueue:
    add_physicians()
    widget = SignatureQueue(store)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def open_dialog(qtbot: Any, queue: SignatureQueue, row: int = 0) -> SignDialog:
    """Select the row and press Enter, as a physician would; the sign dialog opens."""
    queue.table.setFocus()
    queue.table.selectRow(row)
    qtbot.keyClick(queue.table, Qt.Key.Key_Return)
    dialog = queue.findChild(SignDialog)
    assert dialog is not None
    assert dialog.isVisible()
    qtbot.addWidget(dialog)
    return dialog


def set_out(dialog: SignDialog, path: Path) -> None:
    dialog.out_path.clear()
    type_text(dialog.out_path, str(path))


def sign_and_wait(qtbot: Any, dialog: SignDialog) -> None:
    assert dialog.sign_button.isEnabled()
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.status.text(), timeout=20000)
    wait_for_tasks(1000)


def use_certificate(dialog: SignDialog, path: Path, password: str) -> None:
    dialog.certificate.setChecked(True)
    dialog.certificate.path.setText(str(path))
    dialog.certificate.password.clear()
    type_text(dialog.certificate.password, password)


def test_each_physician_sees_their_own_letters(
    queue: SignatureQueue, store: CaseStore, tmp_path: Path
) -> None:
    ready_case(store, tmp_path)
    queue.refresh()
    assert queue.table.rowCount() == 1
    assert queue.table.item(0, 0).text() == "Priya Ramanathan"
    assert queue.table.item(0, 5).text() == "Ready to sign"
    assert queue.choose_physician(OTHER.npi)
    assert queue.table.rowCount() == 0
    assert "No letters are waiting" in queue.empty_note.text()
    assert not queue.sign_button.isEnabled()


def use_own_certificate(dialog: SignDialog) -> None:
    use_certificate(dialog, certificates().brenner, PASSWORD.decode())


def test_where_the_practice_allows_it_a_physician_signs_by_typed_name(
    qtbot: Any, queue: SignatureQueue, store: CaseStore, tmp_path: Path
) -> None:
    allow_typed_name_signatures()
    case_id = ready_case(store, tmp_path)
    queue.refresh()
    dialog = open_dialog(qtbot, queue)
    assert dialog.certificate.isCheckable() and dialog.certificate.isChecked()
    assert "Your certificate signs the PDF" in dialog.appearance.text()
    dialog.certificate.setChecked(False)  # the physician unticks it, as the switch allows
    assert (
        "Signed by typed name, without a digital certificate: Daniel K. Brenner, MD, PhD"
        in dialog.appearance.text()
    )
    out = tmp_path / "Signed letters" / "letter-signed.pdf"
    out.parent.mkdir()
    set_out(dialog, out)
    with qtbot.waitSignal(queue.case_signed, timeout=20000) as signal:
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert signal.args == [case_id]
    assert out.is_file()
    assert store.get_case(case_id).status == "signed"
    qtbot.waitUntil(lambda: queue.table.rowCount() == 0)
    assert not dialog.isVisible()


def test_errors_need_a_typed_reason_before_signing(
    qtbot: Any, queue: SignatureQueue, store: CaseStore, tmp_path: Path
) -> None:
    case_id = ready_case(store, tmp_path, case=broken_case(tmp_path))
    queue.refresh()
    assert "needs an override reason" in queue.table.item(0, 5).text()
    dialog = open_dialog(qtbot, queue)
    assert "This letter has" in dialog.errors_note.text()
    assert not dialog.sign_button.isEnabled()
    type_text(dialog.override, "Agreed by phone with Dr. Ñúñez; drug named on the cover")
    set_out(dialog, tmp_path / "signed.pdf")
    use_own_certificate(dialog)
    sign_and_wait(qtbot, dialog)
    assert override_on_record(store, case_id) == (
        "Agreed by phone with Dr. Ñúñez; drug named on the cover"
    )


def test_a_wrong_password_is_said_and_nothing_typed_is_lost(
    qtbot: Any, queue: SignatureQueue, store: CaseStore, tmp_path: Path
) -> None:
    case_id = ready_case(store, tmp_path)
    queue.refresh()
    dialog = open_dialog(qtbot, queue)
    out = tmp_path / "signed.pdf"
    set_out(dialog, out)
    use_certificate(dialog, certificates().brenner, "not the password")
    sign_and_wait(qtbot, dialog)
    assert "password is wrong" in dialog.problem.text()
    assert dialog.isVisible()
    assert dialog.out_path.text() == str(out)
    assert dialog.certificate.password.hasSelectedText()  # ready to type again
    assert store.get_case(case_id).status == "ready_for_signature"
    assert not out.exists()
    use_own_certificate(dialog)
    sign_and_wait(qtbot, dialog)
    assert not dialog.isVisible()
    assert verify_file(out).ok
    assert dialog.certificate.password.text() == ""  # not kept after signing
    stored_bytes = b"".join(
        p.read_bytes() for p in Path(os.environ["PA_LETTER_HOME"]).rglob("*") if p.is_file()
    )
    assert PASSWORD not in stored_bytes  # the password was written nowhere


def test_without_the_switch_a_certificate_is_required(
    qtbot: Any, queue: SignatureQueue, store: CaseStore, tmp_path: Path
) -> None:
    case_id = ready_case(store, tmp_path)
    queue.refresh()
    dialog = open_dialog(qtbot, queue)
    assert not dialog.certificate.isCheckable()  # nothing to untick: the certificate is needed
    set_out(dialog, tmp_path / "signed.pdf")
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert "Choose the certificate file" in dialog.problem.text()
    assert store.get_case(case_id).status == "ready_for_signature"


def test_someone_elses_certificate_is_refused_naming_whose_it_is(
    qtbot: Any, queue: SignatureQueue, store: CaseStore, tmp_path: Path
) -> None:
    case_id = ready_case(store, tmp_path)
    queue.refresh()
    dialog = open_dialog(qtbot, queue)
    out = tmp_path / "signed.pdf"
    set_out(dialog, out)
    use_certificate(dialog, certificates().valid, PASSWORD.decode())  # Dr. Avery Testwood's
    sign_and_wait(qtbot, dialog)
    assert (
        "This certificate belongs to Dr. Avery Testwood, MD, not to Daniel K. Brenner"
        in dialog.problem.text()
    )
    assert dialog.isVisible()
    assert not out.exists()
    assert store.get_case(case_id).status == "ready_for_signature"


@pytest.mark.parametrize(
    ("certificate", "words"),
    [
        ("expired", "certificate expired on"),
        ("not_yet_valid", "not valid yet"),
        ("not_a_certificate", "not a readable PKCS#12 certificate"),
    ],
)
def test_unusable_certificates_are_explained(
    qtbot: Any,
    queue: SignatureQueue,
    store: CaseStore,
    tmp_path: Path,
    certificate: str,
    words: str,
) -> None:
    ready_case(store, tmp_path)
    queue.refresh()
    dialog = open_dialog(qtbot, queue)
    set_out(dialog, tmp_path / "signed.pdf")
    use_certificate(dialog, getattr(certificates(), certificate), PASSWORD.decode())
    sign_and_wait(qtbot, dialog)
    assert words in dialog.problem.text()
    assert dialog.isVisible()


def test_a_write_protected_folder_is_explained(
    qtbot: Any,
    queue: SignatureQueue,
    store: CaseStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case_id = ready_case(store, tmp_path)
    queue.refresh()
    dialog = open_dialog(qtbot, queue)
    folder = tmp_path / "read-only"
    folder.mkdir(mode=0o500)
    if os.geteuid() == 0:  # root ignores folder permissions: the file system refuses instead

        def read_only(*_args: object, **_kwargs: object) -> None:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))

        monkeypatch.setattr(tempfile, "mkstemp", read_only)
    set_out(dialog, folder / "signed.pdf")
    use_own_certificate(dialog)
    sign_and_wait(qtbot, dialog)
    folder.chmod(0o700)
    assert "cannot write" in dialog.problem.text()
    assert dialog.isVisible()
    assert store.get_case(case_id).status == "ready_for_signature"


def test_remember_in_keyring_is_disabled_with_a_reason_when_there_is_none(
    qtbot: Any, store: CaseStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_physicians()
    case_id = ready_case(store, tmp_path)
    monkeypatch.setattr(
        "desktop_app.ui.signing.common.keyring_status",
        lambda: KeyringStatus(False, "This computer has no system keyring (secret service)."),
    )
    dialog = SignDialog(store, case_id)
    qtbot.addWidget(dialog)
    dialog.certificate.setChecked(True)  # "Also sign digitally" ticked
    assert not dialog.certificate.remember.isEnabled()
    assert "no system keyring" in dialog.certificate.remember.toolTip()
    monkeypatch.setattr("desktop_app.ui.signing.common.keyring_status", lambda: KeyringStatus(True))
    with_keyring = SignDialog(store, case_id)
    qtbot.addWidget(with_keyring)
    with_keyring.certificate.setChecked(True)
    assert with_keyring.certificate.remember.isEnabled()
    assert not with_keyring.certificate.remember.isChecked()  # never remembered by default


def test_the_letters_own_physician_is_chosen_and_another_is_refused(
    qtbot: Any, store: CaseStore, tmp_path: Path
) -> None:
    add_physicians(OTHER, BRENNER)
    case_id = ready_case(store, tmp_path)
    dialog = SignDialog(store, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.chosen_physician().npi == BRENNER.npi
    dialog.physician.setCurrentIndex(0)  # Dr Achterberg: not the letter's prescriber
    set_out(dialog, tmp_path / "signed.pdf")
    use_own_certificate(dialog)
    sign_and_wait(qtbot, dialog)
    assert "written for another prescriber" in dialog.problem.text()


def test_queue_opens_on_a_physician_with_letters_waiting_and_counts_them(
    qtbot: Any, store: CaseStore, tmp_path: Path
) -> None:
    add_physicians(OTHER, BRENNER)  # the one with a letter waiting is not first in the list
    ready_case(store, tmp_path)
    queue = SignatureQueue(store)
    qtbot.addWidget(queue)
    assert queue.physician.currentText() == (
        "Daniel K. Brenner, MD, PhD — NPI 1548723018 (1 waiting)"
    )
    assert queue.physician.itemText(0) == "Samuel J. Achterberg, DO — NPI 1987654328"
    assert queue.table.rowCount() == 1

    asked = SignatureQueue(store, npi="1987 654 328")  # spaces as typed on a case
    qtbot.addWidget(asked)
    assert asked.physician.currentIndex() == 0 and asked.table.rowCount() == 0


def test_from_an_open_case_the_queue_shows_its_prescriber(
    qtbot: Any, store: CaseStore, tmp_path: Path, make_window: Any
) -> None:
    from tests.unit.services.test_sign_case_fixtures import example_case

    add_physicians(OTHER, BRENNER)
    others = example_case(tmp_path)
    others.prescriber.npi = OTHER.npi  # the first physician has a letter waiting too
    ready_case(store, tmp_path, case=others)
    case_id = ready_case(store, tmp_path)
    window = make_window(store)
    window.load_cases()
    assert window.open_case(case_id)
    window.more_menus.show_queue()
    screen = window.more_menus._open_screens[-1]
    qtbot.addWidget(screen)
    assert screen.queue.physician.currentText().startswith("Daniel K. Brenner")
    assert screen.queue.table.item(0, 0).text() == "Priya Ramanathan"
