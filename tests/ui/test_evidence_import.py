"""The Evidence section as staff use it: paste, drop, preview, add in one step, Ctrl+Z."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from reportlab.pdfgen.canvas import Canvas

from desktop_app.domain.case_evidence import ArticleEvidence
from desktop_app.domain.casefile import load_case
from desktop_app.services.evidence_import import preview_text
from desktop_app.ui.editor.evidence_import_dialog import ImportPreviewDialog
from desktop_app.ui.editor.evidence_section import EvidenceEditor
from tests.support.registry import registry
from tests.ui._editor_support import focused, make_editor
from tests.ui._typing import type_text
from tests.unit.citations.fixtures import CITATIONS, text

__all__ = ["registry"]
CTRL = Qt.KeyboardModifier.ControlModifier


class Keys:
    """Sends keys to the focused widget and counts them, as a person would press them."""

    def __init__(self) -> None:
        self.count = 0

    def press(self, k: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
              ) -> None:
        widget = focused()
        assert widget is not None
        QTest.keyClick(widget, k, modifiers)
        self.count += 1

    def type(self, value: str) -> None:
        widget = focused()
        assert widget is not None
        type_text(widget, value)
        self.count += len(value)


def _evidence(editor: QWidget) -> EvidenceEditor:
    section = editor.lists["evidence"]  # type: ignore[attr-defined]
    assert isinstance(section, EvidenceEditor)
    return section


def _open_dialog(qtbot: QtBot, section: EvidenceEditor) -> ImportPreviewDialog:
    qtbot.waitUntil(lambda: section.preview_dialog is not None
                    and section.preview_dialog.isVisible())
    dialog = section.preview_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _pdf(path: Path, words: str) -> Path:
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.drawString(72, 720, words)
    canvas.save()
    path.write_bytes(out.getvalue())
    return path


def _paste_three(qtbot: QtBot, editor: QWidget, keys: Keys) -> None:
    QGuiApplication.clipboard().setText(text("pubmed-three.txt"))
    editor.focus_field("evidence")  # type: ignore[attr-defined]
    keys.press(Qt.Key.Key_V, CTRL)
    dialog = _open_dialog(qtbot, _evidence(editor))
    assert dialog.add_button.text() == "&Add 3"
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)


def _type_article(keys: Keys, item: ArticleEvidence) -> None:
    """Add one article as staff type it: Alt+2, then each field and Tab."""
    keys.press(Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    keys.type(item.title)
    keys.press(Qt.Key.Key_Tab)
    for index, author in enumerate(item.authors or []):
        if index:
            keys.press(Qt.Key.Key_Return)  # one author per line
        keys.type(author)
    keys.press(Qt.Key.Key_Tab)
    for value in (item.journal_abbreviation, str(item.year), item.volume, item.issue,
                  item.pages, item.pmid, item.doi):
        keys.type(value or "")
        keys.press(Qt.Key.Key_Tab)


def test_three_articles_by_paste_take_two_keys_against_over_a_thousand_typed(
    qtbot: QtBot,
) -> None:
    pasting = Keys()
    pasted_editor = make_editor(qtbot)
    _paste_three(qtbot, pasted_editor, pasting)
    pasted = pasted_editor.case().evidence
    assert pasting.count == 2  # Ctrl+V in the evidence list, then Enter on the preview
    assert [getattr(e, "pmid", None) for e in pasted] == ["17602081", "21830940", "27108243"]

    typing = Keys()
    typed_editor = make_editor(qtbot)
    typed_editor.focus_field("evidence")
    for item in pasted:
        assert isinstance(item, ArticleEvidence)
        _type_article(typing, item)
    typed = typed_editor.case().evidence
    # Typing gives the same citations (with no publication types, so no design) ...
    assert [(e.title, e.authors, e.journal, e.year, e.pages, e.doi) for e in typed] == [  # type: ignore[union-attr]
        (e.title, e.authors, e.journal_abbreviation, e.year, e.pages, e.doi)  # type: ignore[union-attr]
        for e in pasted]
    # ... at a cost of every character: here about 1,100 keys, with room for no typo.
    assert typing.count > 1000
    assert typing.count > 500 * pasting.count


def test_what_paste_adds_is_marked_and_the_case_report_flagged(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    _paste_three(qtbot, editor, Keys())
    maki, porter, heracles = editor.case().evidence
    assert isinstance(maki, ArticleEvidence) and isinstance(porter, ArticleEvidence)
    assert (maki.design, maki.design_source) == ("randomized", "publication-type")
    assert porter.design == "case-report" and porter.pmcid == "PMC3387277"
    assert heracles.design == "nonrandomized"  # type: ignore[union-attr]
    section = _evidence(editor)
    assert section.table.item(0, 1).text().startswith("Randomized phase II study")
    section.select_row(1)
    form = section.detail.currentWidget()
    assert "read from PubMed's publication type (Case Reports" in form.design_note.text()


def test_duplicates_start_unticked_and_ctrl_z_undoes_the_whole_import(
    qtbot: QtBot, examples_dir: Path,
) -> None:
    case = load_case(examples_dir / "medicare-part-b-preauth.json")  # already cites Maki 2007
    editor = make_editor(qtbot, case)
    section = _evidence(editor)
    QGuiApplication.clipboard().setText(text("pubmed-three.txt"))
    editor.focus_field("evidence")
    QTest.keyClick(section.table, Qt.Key.Key_V, CTRL)
    dialog = _open_dialog(qtbot, section)
    assert dialog.table.item(0, 3).text() == "Already in this case (evidence item 2)"
    assert dialog.table.item(0, 0).checkState() == Qt.CheckState.Unchecked
    assert "1 already cited, left unticked" in dialog.summary.text()
    assert dialog.add_button.text() == "&Add 2"
    QTest.keyClick(dialog.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(editor.case().evidence) == len(case.evidence) + 2)
    qtbot.waitUntil(section.table.hasFocus)  # back in the list, where Ctrl+Z undoes rows
    QTest.keyClick(section.table, Qt.Key.Key_Z, CTRL)  # one step: both articles go
    assert len(editor.case().evidence) == len(case.evidence)
    QTest.keyClick(section.table, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert len(editor.case().evidence) == len(case.evidence) + 2


def test_a_dropped_citation_with_its_pdf_attaches_the_full_text(
    qtbot: QtBot, tmp_path: Path,
) -> None:
    editor = make_editor(qtbot)
    section = _evidence(editor)
    editor.show_section("evidence")
    pdf = _pdf(tmp_path / "maki-2007.pdf", "Journal of Clinical Oncology")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(CITATIONS / "pubmed-maki-2007.nbib")),
                  QUrl.fromLocalFile(str(pdf))])
    viewport = section.table.viewport()
    # As a real drag does: enter (the list says it takes files), then drop.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # PySide6 flags the only constructor
        enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, drop)
    dialog = _open_dialog(qtbot, section)
    assert "maki-2007.pdf → item 1" in dialog.full_texts.text()
    dialog.accept()
    case = editor.case()
    assert [a.article for a in case.attachments or []] == ["pmid:17602081"]
    assert case.attachments[0].title == "Maki et al., J Clin Oncol 2007 (full text)"  # type: ignore[index]
    section.undo_stack.undo()
    assert not editor.case().evidence and not editor.case().attachments


def test_a_pdf_dropped_on_an_article_row_becomes_its_attachment(
    qtbot: QtBot, tmp_path: Path,
) -> None:
    editor = make_editor(qtbot)
    section = _evidence(editor)
    section.show_preview(preview_text(text("pubmed-porter-2011.nbib")))
    _open_dialog(qtbot, section).accept()
    section.import_files([_pdf(tmp_path / "porter.pdf", "NEJM")], row=0)
    [attachment] = editor.case().attachments or []
    assert attachment.article == "pmid:21830940"
    assert attachment.title == "Porter et al., N Engl J Med 2011 (full text)"


def test_changing_an_imported_design_makes_it_staffs_and_keeps_the_rest(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    _paste_three(qtbot, editor, Keys())
    editor.focus_field("evidence.2.design")
    design = focused()
    assert design is not None and design.accessibleName() == "Study design"
    QTest.keyClick(design, Qt.Key.Key_Down)  # to the next design on the list
    heracles = editor.case().evidence[2]
    assert isinstance(heracles, ArticleEvidence)
    assert heracles.design != "nonrandomized" and heracles.design_source == "staff"
    assert heracles.publication_types == ["Clinical Trial, Phase II", "Journal Article",
                                          "Multicenter Study"]
    assert heracles.journal_abbreviation == "Lancet Oncol"


def test_pasting_nothing_useful_says_what_to_copy(qtbot: QtBot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    editor = make_editor(qtbot)
    section = _evidence(editor)
    said: list[str] = []
    monkeypatch.setattr(section, "_say", said.append)
    QGuiApplication.clipboard().setText("   ")
    section.paste_citations()
    assert said and "copy PubMed citations" in said[0]
    QGuiApplication.clipboard().setText("Dear Dr Smith, <b>{{ case }}</b>")
    section.paste_citations()
    dialog = _open_dialog(qtbot, section)
    assert dialog.problems.isVisible() and "pasted text:" in dialog.problems.text()
    assert not dialog.add_button.isEnabled()


def test_bare_pmids_are_looked_up_only_when_settings_allow_it(
    qtbot: QtBot, registry: list[str],
) -> None:
    from desktop_app.services.settings import load_practice_settings, save_practice_settings

    editor = make_editor(qtbot)
    section = _evidence(editor)
    QGuiApplication.clipboard().setText("17602081\nNCT01926236\n")
    section.paste_citations()
    dialog = _open_dialog(qtbot, section)
    assert dialog.lookup_button.isVisible() and not dialog.lookup_button.isEnabled()
    assert "Settings" in dialog.lookup_button.toolTip()
    dialog.reject()
    assert registry == []

    save_practice_settings(load_practice_settings().model_copy(update={"online_lookup": True}))
    section.paste_citations()
    dialog = _open_dialog(qtbot, section)
    assert dialog.lookup_button.isEnabled()
    qtbot.mouseClick(dialog.lookup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Randomized phase II" in dialog.table.item(0, 2).text(), timeout=10000)
    assert dialog.table.item(1, 2).text().startswith("ABC-06")
    dialog.accept()
    article = editor.case().evidence[0]
    assert isinstance(article, ArticleEvidence) and len(article.authors or []) == 14


def test_online_lookup_is_off_by_default_and_switched_on_in_settings(qtbot: QtBot) -> None:
    from desktop_app.services.settings import load_practice_settings
    from desktop_app.ui.settings_dialog import SettingsDialog

    assert load_practice_settings().online_lookup is False
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    tab = next(i for i in range(dialog.tabs.count()) if "vidence" in dialog.tabs.tabText(i))
    dialog.tabs.setCurrentIndex(tab)
    assert not dialog.online_lookup.isChecked()
    assert "never patient data" in dialog.tabs.widget(tab).findChildren(
        type(dialog.problems))[0].text()
    dialog.online_lookup.setChecked(True)
    dialog.save()
    assert load_practice_settings().online_lookup is True
