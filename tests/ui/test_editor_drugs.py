"""Staff pick a drug from the catalog: the product's code, unit, route and NDC fill in, and the
off-label section shows what the label covers beside the diagnosis. Real services.reference,
over a small catalog installed in the test's data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.services import reference
from desktop_app.ui.editor import CaseEditor
from tests.support.drug_fixtures import install_catalog
from tests.ui._editor_support import show_active
from tests.ui._typing import type_text


@pytest.fixture
def editor(qtbot: QtBot, pa_letter_home: Path) -> CaseEditor:
    install_catalog(pa_letter_home)
    editor = CaseEditor(reference=reference)
    qtbot.addWidget(editor)
    editor.resize(1100, 760)
    show_active(qtbot, editor)
    return editor


def suggestions(qtbot: QtBot, editor: CaseEditor, typed: str) -> list[str]:
    form = editor.forms["drug"]
    editor.focus_field("drug.generic_name")
    type_text(QApplication.focusWidget(), typed)
    popup = form.completer.completer.popup()  # type: ignore[attr-defined]
    qtbot.waitUntil(popup.isVisible)
    return [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]


def pick(editor: CaseEditor, row: int) -> None:
    popup = editor.forms["drug"].completer.completer.popup()  # type: ignore[attr-defined]
    for _ in range(row + 1):
        QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)


def test_a_biosimilar_by_brand_fills_its_own_code_unit_and_route(
    qtbot: QtBot, editor: CaseEditor
) -> None:
    shown = suggestions(qtbot, editor, "ogiv")
    assert shown == ["trastuzumab — Ogivri (trastuzumab-dkst, biosimilar) — Q5114, 10 mg per unit"]
    pick(editor, 0)
    drug = editor.case().drug
    assert (drug.generic_name, drug.brand_name, drug.hcpcs) == ("trastuzumab", "Ogivri", "Q5114")
    assert (drug.route, drug.dose.unit) == ("intravenous", "mg/kg")
    form = editor.forms["drug"]
    assert form.billing.text() == (  # type: ignore[attr-defined]
        "Billing unit: 10 mg (Injection, trastuzumab-dkst, biosimilar, (ogivri), 10 mg)")


def test_a_generic_name_lists_every_product_and_a_nickname_finds_the_drug(
    qtbot: QtBot, editor: CaseEditor
) -> None:
    shown = suggestions(qtbot, editor, "trastuzumab")
    assert [s.split(" — ")[1].split(" (")[0] for s in shown] == ["Herceptin", "Ogivri",
                                                                "Kanjinti"]
    QTest.keyClick(editor.forms["drug"].completer.completer.popup(), Qt.Key.Key_Escape)
    editor.forms["drug"].generic.clear()  # type: ignore[attr-defined]
    assert suggestions(qtbot, editor, "nivo")[0].startswith("nivolumab — Opdivo — J9299")


def test_a_route_or_unit_already_typed_is_kept(qtbot: QtBot, editor: CaseEditor) -> None:
    form = editor.forms["drug"]
    form.route.set_value("intravesical")  # type: ignore[attr-defined]
    form.dose_unit.set_value("mg")  # type: ignore[attr-defined]
    suggestions(qtbot, editor, "gemz")
    pick(editor, 0)
    drug = editor.case().drug
    assert (drug.hcpcs, drug.route, drug.dose.unit) == ("J9201", "intravesical", "mg")


def test_the_ndc_product_list_fills_the_ndc_for_the_package_code(
    qtbot: QtBot, editor: CaseEditor
) -> None:
    form = editor.forms["drug"]
    products = form.ndc_products  # type: ignore[attr-defined]
    assert not products.isEnabled()
    suggestions(qtbot, editor, "keytruda")
    pick(editor, 0)
    assert products.isEnabled()
    assert products.itemText(1) == "0006-3026 (Keytruda)"
    products.setFocus()
    products.activated.emit(1)
    assert form.ndc.text() == "0006-3026-"  # type: ignore[attr-defined]
    assert QApplication.focusWidget() is form.ndc  # type: ignore[attr-defined]
    type_text(form.ndc, "02")  # type: ignore[attr-defined]
    assert editor.case().drug.ndc == "0006-3026-02"


def test_the_off_label_section_shows_the_labeled_indications_beside_the_diagnosis(
    qtbot: QtBot, editor: CaseEditor
) -> None:
    suggestions(qtbot, editor, "alimta")
    pick(editor, 0)
    diagnosis = editor.forms["diagnosis"]
    diagnosis.icd10.setText("C34.90")  # type: ignore[attr-defined]
    diagnosis.description.setText("Lung cancer")  # type: ignore[attr-defined]
    diagnosis.fields["histology"].set_value("squamous cell carcinoma")  # type: ignore[attr-defined]
    editor.show_section("off_label")
    panel = editor.forms["off_label"].label_panel  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: panel.rows.count() == 2)
    assert panel.heading.text().startswith("Labeled indications of pemetrexed (ALIMTA")
    assert panel.diagnosis.text() == "This case's diagnosis: C34.90 – Lung cancer"
    assert panel.verdict.text() == "No labeled indication covers this case."
    assert panel.rows.item(0).text() == (
        "1.1 locally advanced or metastatic nonsquamous NSCLC — ✗ differs: the label leaves "
        "out squamous histology")
    assert panel.rows.item(1).text().endswith("— another cancer")
    diagnosis.fields["histology"].set_value("adenocarcinoma")  # type: ignore[attr-defined]
    diagnosis.fields["stage"].set_value("Stage IV")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: panel.verdict.text() == "This case meets a labeled indication.")
    assert "✓ the case meets it" in panel.rows.item(0).text()


def test_a_drug_the_catalog_lacks_is_said_in_the_off_label_section(editor: CaseEditor) -> None:
    panel = editor.forms["off_label"].label_panel  # type: ignore[attr-defined]
    assert "Pick a catalog drug" in panel.verdict.text()
    editor.forms["drug"].generic.setText("made-up-mab")  # type: ignore[attr-defined]
    assert panel.verdict.text().startswith("The drug catalog has no entry for made-up-mab")
    assert not panel.rows.isVisible()


def test_a_case_opened_from_the_list_shows_its_products_billing_unit_and_ndcs(
    editor: CaseEditor,
) -> None:
    from desktop_app.domain.case import Case

    editor.set_case(Case.model_validate({"drug": {"generic_name": "trastuzumab-dkst",
                                                  "brand_name": "Ogivri", "hcpcs": "Q5114"}}))
    form = editor.forms["drug"]
    assert form.billing.text().startswith("Billing unit: 10 mg")  # type: ignore[attr-defined]
    assert form.ndc_products.itemText(1) == "67457-847 (Ogivri)"  # type: ignore[attr-defined]
    assert editor.case().drug.hcpcs == "Q5114"  # nothing typed was changed
    editor.set_case(Case())
    assert form.billing.text() == ""  # type: ignore[attr-defined]
    assert not form.ndc_products.isEnabled()  # type: ignore[attr-defined]
