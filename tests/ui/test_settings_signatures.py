"""Signature settings as an admin sets them up: trust store, timestamp server, the typed-name
switch, and a physician's certificate registered by its fingerprint."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop_app.services.settings import load_practice_settings
from desktop_app.ui.settings_dialog import SettingsDialog
from tests.support.certs import PASSWORD, certificates, practice_authority
from tests.ui.conftest import type_text


@pytest.fixture
def dialog(qtbot: Any) -> SettingsDialog:
    widget = SettingsDialog()
    qtbot.addWidget(widget)
    widget.show()
    widget.tabs.setCurrentWidget(widget.signatures)
    return widget


def add_brenner(dialog: SettingsDialog) -> int:
    row = dialog.directory_tab.add_prescriber(None, edit=False)
    dialog.directory_tab.table.item(row, 0).setText("Daniel K. Brenner")
    dialog.directory_tab.table.item(row, 1).setText("MD, PhD")
    dialog.directory_tab.table.item(row, 2).setText("1548723018")
    dialog.directory_tab.table.setCurrentCell(row, 0)
    return row


def test_a_trusted_root_a_timestamp_server_and_the_switch_are_saved(
    dialog: SettingsDialog,
) -> None:
    tab = dialog.signatures
    assert not tab.allow_typed.isChecked()  # off by default
    assert tab.add_root_file(practice_authority().root_pem)
    assert tab.roots.count() == 1
    assert "Fictional Practice Root CA" in tab.roots.item(0).text()
    assert not tab.add_root_file(practice_authority().root_pem)  # the same one twice
    assert "already in the list" in tab.problem.text()
    type_text(tab.timestamp_url, "http://127.0.0.1:8080/tsa")
    tab.allow_typed.click()
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = load_practice_settings()
    assert [t.subject for t in saved.trusted_certificates] == ["Fictional Practice Root CA"]
    assert "BEGIN CERTIFICATE" in saved.trusted_certificates[0].pem
    assert saved.timestamp_url == "http://127.0.0.1:8080/tsa"
    assert saved.allow_typed_name_signatures


def test_a_file_that_is_not_a_certificate_is_refused_in_words(
    dialog: SettingsDialog, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.pem"
    notes.write_text("Dear payer, this is not a certificate")
    assert not dialog.signatures.add_root_file(notes)
    assert "not a certificate" in dialog.signatures.problem.text()
    assert dialog.signatures.roots.count() == 0


def test_a_timestamp_address_that_is_not_a_web_address_is_named(dialog: SettingsDialog) -> None:
    type_text(dialog.signatures.timestamp_url, "timestamp.example")
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Timestamp server" in dialog.problems.text()
    assert "http://" in dialog.problems.text()


def test_registering_a_physicians_certificate_keeps_only_its_fingerprint(
    dialog: SettingsDialog, qtbot: Any
) -> None:
    row = add_brenner(dialog)
    register = dialog.directory_tab.register_certificate()
    assert register is not None
    qtbot.addWidget(register)
    type_text(register.path, str(certificates().valid))
    type_text(register.password, "not the password")
    qtbot.mouseClick(register.check_button, Qt.MouseButton.LeftButton)
    assert "password is wrong" in register.problem.text()
    assert register.isVisible()
    register.password.clear()
    type_text(register.password, PASSWORD.decode())
    qtbot.mouseClick(register.check_button, Qt.MouseButton.LeftButton)
    assert not register.isVisible()
    assert "Dr. Avery Testwood, MD (SHA-256" in dialog.directory_tab.table.item(row, 4).text()
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    [person] = load_practice_settings().prescribers
    [entry] = person.certificates
    assert entry.subject == "Dr. Avery Testwood, MD"
    assert len(entry.fingerprint) == 64
    stored = b"".join(
        p.read_bytes() for p in Path(os.environ["PA_LETTER_HOME"]).rglob("*") if p.is_file()
    )
    assert PASSWORD not in stored  # the password was checked, then forgotten
    assert b"PRIVATE KEY" not in stored


def test_a_damaged_certificate_is_not_registered(
    dialog: SettingsDialog, qtbot: Any, tmp_path: Path
) -> None:
    add_brenner(dialog)
    original = certificates().valid.read_bytes()
    damaged = tmp_path / "damaged.p12"
    damaged.write_bytes(original[:1000] + bytes([original[1000] ^ 1]) + original[1001:])
    register = dialog.directory_tab.register_certificate()
    assert register is not None
    qtbot.addWidget(register)
    type_text(register.path, str(damaged))
    type_text(register.password, PASSWORD.decode())
    qtbot.mouseClick(register.check_button, Qt.MouseButton.LeftButton)
    assert "not a readable PKCS#12 certificate" in register.problem.text()
    assert register.isVisible()
