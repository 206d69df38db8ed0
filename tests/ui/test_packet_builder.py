"""The packet builder, driven as staff would: drop files, reorder, preview, save, sign whole."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from desktop_app.services.cases import CaseStore
from desktop_app.services.sign_case import SignOrder, sign_case
from desktop_app.services.signing import verify_file
from desktop_app.ui.signing.packet_builder import PacketBuilder
from desktop_app.ui.workers import wait_for_tasks
from tests.support.certs import PASSWORD, certificates
from tests.support.pdfs import encrypted_pdf, image_bytes, letter_pdf, write
from tests.ui._typing import type_text
from tests.unit.services.test_sign_case_fixtures import (
    BRENNER,
    allow_typed_name_signatures,
    ready_case,
)


@pytest.fixture(autouse=True)
def typed_names_allowed() -> None:
    """Some letters here are signed by typed name, which a practice must allow in Settings."""
    allow_typed_name_signatures()


def make_builder(qtbot: Any, store: CaseStore, case_id: str) -> PacketBuilder:
    builder = PacketBuilder(store, case_id)
    qtbot.addWidget(builder)
    builder.show()
    return builder


def wait_preview(qtbot: Any, builder: PacketBuilder) -> str:
    """Wait for the off-thread build; returns the status line (or the problem)."""
    qtbot.waitUntil(lambda: not builder._building and not builder._timer.isActive(), timeout=20000)
    wait_for_tasks(2000)
    qtbot.wait(10)
    return builder.status.text()


def drop_files(builder: PacketBuilder, paths: list[Path]) -> bool:
    """A drop from the file manager: text/uri-list with file URLs, onto the attachment list."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    target = builder.table.viewport().rect().center()
    enter = QDragEnterEvent(
        QPointF(target),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    builder.table.dragEnterEvent(enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        QPointF(target),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    builder.table.dropEvent(drop)
    return drop.isAccepted()


def titles(builder: PacketBuilder) -> list[str]:
    return [a.title for a in builder.attachments()]


def test_staff_drop_files_reorder_and_see_the_packet(
    qtbot: Any, store: CaseStore, tmp_path: Path
) -> None:
    case_id = ready_case(store, tmp_path, attachments=1)
    builder = make_builder(qtbot, store, case_id)
    builder.refresh_preview()
    status = wait_preview(qtbot, builder)
    assert builder.last is not None
    pages = builder.last.packet.pages
    assert status == f"Packet: {pages} pages — Fax cover, Letter, HER2 testing report"
    assert builder.preview.page_count() == pages
    scans = tmp_path / "scans"
    scans.mkdir()
    drop = [
        write(scans / "ct_scan-2026.png", image_bytes("PNG")),
        write(scans / "tumor board notes.pdf", letter_pdf(1)),
        write(scans / "readme.txt", b"not a scan"),
    ]
    assert drop_files(builder, drop)
    assert titles(builder) == ["HER2 testing report", "Ct scan 2026", "Tumor board notes"]
    assert "readme.txt" in builder.problem.text()
    builder.table.setFocus()
    builder.table.selectRow(2)
    qtbot.keyClick(builder.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(builder.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert titles(builder) == ["Tumor board notes", "HER2 testing report", "Ct scan 2026"]
    qtbot.keyClick(builder.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert titles(builder) == ["HER2 testing report", "Tumor board notes", "Ct scan 2026"]
    assert "Packet: " in wait_preview(qtbot, builder)
    assert builder.last is not None
    packet = builder.last.packet
    assert packet.titles == ["Fax cover", "Letter", *titles(builder)]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(packet.data)).pages)
    listed = text.split("Enclosures", 1)[1].split("I attest", 1)[0]
    positions = [listed.index(title) for title in titles(builder)]
    assert positions == sorted(positions)  # the letter lists them in the packet's order
    assert builder.preview.page_count() == packet.pages


def test_add_button_and_remove(
    qtbot: Any, store: CaseStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = ready_case(store, tmp_path, attachments=2)
    builder = make_builder(qtbot, store, case_id)
    extra = write(tmp_path / "biopsy.pdf", letter_pdf(1))
    monkeypatch.setattr(
        "desktop_app.ui.signing.packet_builder.QFileDialog.getOpenFileNames",
        lambda *_args: ([str(extra)], ""),
    )
    qtbot.mouseClick(builder.add_button, Qt.MouseButton.LeftButton)
    assert titles(builder)[-1] == "Biopsy"
    builder.table.selectRow(0)
    qtbot.mouseClick(builder.remove_button, Qt.MouseButton.LeftButton)
    assert titles(builder) == ["Pathology photo", "Biopsy"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "1 attachment cannot be found: 'HER2 testing report'"),
        (encrypted_pdf(), "'HER2 testing report' is a password-protected PDF"),
        (b"%PDF-1.7 broken", "'HER2 testing report' is a damaged PDF"),
    ],
)
def test_bad_attachments_are_named_and_no_packet_is_shown(
    qtbot: Any, store: CaseStore, tmp_path: Path, content: bytes | None, words: str
) -> None:
    case_id = ready_case(store, tmp_path, attachments=1)
    report = Path(builder_path := store.get_case(case_id).case.attachments[0].path)
    assert builder_path
    if content is None:
        report.unlink()
    else:
        report.write_bytes(content)
    builder = make_builder(qtbot, store, case_id)
    builder.refresh_preview()
    wait_preview(qtbot, builder)
    assert words in builder.problem.text()
    assert builder.last is None
    assert builder.preview.page_count() == 0


def test_an_unsigned_letter_can_be_previewed_not_saved_and_keeps_its_list(
    qtbot: Any, store: CaseStore, tmp_path: Path
) -> None:
    case_id = ready_case(store, tmp_path, attachments=1)
    builder = make_builder(qtbot, store, case_id)
    assert not builder.save_button.isEnabled()
    assert "signs the letter first" in builder.save_button.toolTip()
    drop_files(builder, [write(tmp_path / "labs.pdf", letter_pdf(1))])
    with qtbot.waitSignal(builder.case_changed, timeout=5000):
        qtbot.mouseClick(builder.close_button, Qt.MouseButton.LeftButton)
    kept = store.get_case(case_id).case.attachments or []
    assert [a.title for a in kept] == ["HER2 testing report", "Labs"]


def signed_builder(qtbot: Any, store: CaseStore, tmp_path: Path) -> PacketBuilder:
    case_id = ready_case(store, tmp_path, attachments=2)
    sign_case(store, case_id, SignOrder(BRENNER, tmp_path / "signed.pdf"))
    return make_builder(qtbot, store, case_id)


def test_a_signed_packet_is_saved_and_signed_whole(
    qtbot: Any, store: CaseStore, tmp_path: Path
) -> None:
    builder = signed_builder(qtbot, store, tmp_path)
    assert builder.save_button.isEnabled()
    builder.certificate.setChecked(True)
    builder.certificate.path.setText(str(certificates().valid))
    type_text(builder.certificate.password, PASSWORD.decode())
    out = tmp_path / "packet.pdf"
    with qtbot.waitSignal(builder.packet_saved, timeout=20000):
        builder.save_to(out)
    report = verify_file(out)
    assert report.ok
    assert report.covers_whole_file
    assert f"Packet of {len(PdfReader(out).pages)} pages" in builder.status.text()
    assert builder.certificate.password.text() == ""


def test_a_signed_letters_enclosures_cannot_be_changed_here(
    qtbot: Any, store: CaseStore, tmp_path: Path
) -> None:
    builder = signed_builder(qtbot, store, tmp_path)
    assert "Enclosures list is fixed" in builder.letter_note.text()
    builder.table.selectRow(1)
    qtbot.keyClick(builder.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    wait_preview(qtbot, builder)
    assert "differ from the signed letter's Enclosures list" in builder.problem.text()
    assert "start a new version" in builder.problem.text()


def test_a_full_disk_is_explained_and_leaves_no_packet(
    qtbot: Any, store: CaseStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builder = signed_builder(qtbot, store, tmp_path)

    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", disk_full)
    out = tmp_path / "packet.pdf"
    builder.save_to(out)
    qtbot.waitUntil(lambda: "not saved" in builder.status.text(), timeout=20000)
    assert "No space left on device" in builder.problem.text()
    assert not out.exists()
    assert builder.save_button.isEnabled()  # try again after freeing space


def test_work_that_ends_after_its_window_closed_is_dropped_quietly(qtbot: Any) -> None:
    """Closing a window while its preview builds must not reach the deleted window."""
    import threading

    import shiboken6
    from PySide6.QtWidgets import QWidget

    from desktop_app.ui.workers import start_task, wait_for_tasks

    release = threading.Event()
    heard: list[str] = []

    class Owner(QWidget):
        def done(self, _result: object) -> None:
            heard.append("done")

        def failed(self, _exc: BaseException) -> None:
            heard.append("failed")

    owner = Owner()
    start_task(lambda: release.wait(5), owner.done, owner.failed)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner))
    release.set()
    assert wait_for_tasks(5000)
    qtbot.wait(50)  # let the queued result arrive
    assert heard == []


def test_opening_a_digitally_signed_letter_for_the_packet_shows_its_verdicts(
    qtbot: Any, store: CaseStore, tmp_path: Path
) -> None:
    from desktop_app.services.signing import SigningRequest

    case_id = ready_case(store, tmp_path, attachments=2)
    request = SigningRequest(certificates().brenner, PASSWORD)
    sign_case(store, case_id, SignOrder(BRENNER, tmp_path / "signed.pdf", certificate=request))
    builder = make_builder(qtbot, store, case_id)
    builder.refresh_preview()
    wait_preview(qtbot, builder)
    note = builder.letter_note.text()
    assert "Signed letter: INTACT: signed by Daniel K. Brenner, MD" in note
    assert "integrity: intact" in note
    assert "identity: identity not vouched for: the certificate is self-signed" in note


def test_a_letter_signed_by_typed_name_is_shown_as_such_in_the_packet(
    qtbot: Any, store: CaseStore, tmp_path: Path
) -> None:
    builder = signed_builder(qtbot, store, tmp_path)
    builder.refresh_preview()
    wait_preview(qtbot, builder)
    assert "signed by typed name, without a digital certificate" in builder.letter_note.text()
