"""The practice's own text in Settings: refused when it would corrupt or reorder a letter,
warned about when the PDF cannot print it, and never lost when it arrives from elsewhere."""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.casefile import load_case
from desktop_app.errors import AppError, DatabaseUnusable, StorageError
from desktop_app.services import practice_data, practice_templates
from desktop_app.services.check import check_case
from desktop_app.services.practice_text import shown_text, text_warnings
from desktop_app.services.render import render_letter
from desktop_app.services.settings import (
    DirectoryPrescriber,
    PracticeLetterhead,
    PracticeSettings,
    load_practice_settings,
    prescribers_to_add,
    save_practice_settings,
    settings_problems,
)

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "commercial-preauth.json"  # a case with no errors of its own
EXAMPLE_NPI = "1548723018"
VALID_NPI = "1234567893"  # CMS's worked example of the NPI check digit


def _letterhead(**fields: str) -> PracticeSettings:
    return PracticeSettings(letterhead=PracticeLetterhead(**{"name": "Riverside Oncology",
                                                             **fields}))


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Riverside\u202e Oncology", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("Riverside \u2066Oncology\u2069", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("Riverside\u202aOncology", "U+202A LEFT-TO-RIGHT EMBEDDING"),
        ("Riverside\x00Oncology", "U+0000"),
        ("Riverside\x07Oncology", "U+0007"),
        ("Riverside\x1b[31mOncology", "U+001B"),
        ("Riverside\tOncology", "U+0009"),
        ("Riverside\x7fOncology", "U+007F"),
        ("Riverside\x85Oncology", "U+0085"),  # a C1 control
        ("Riverside\nOncology", "U+000A"),  # a name is one line
        ("Riverside\ud800Oncology", "U+D800"),  # a lone surrogate
        ("Riverside\uffffOncology", "U+FFFF"),  # XML forbids it
    ],
)
def test_a_practice_name_that_would_corrupt_or_reorder_the_letter_is_refused(
    typed: str, code: str
) -> None:
    problems = settings_problems(_letterhead(name=typed))
    assert [p.field for p in problems] == ["letterhead.name"]
    message = problems[0].message
    assert message.startswith("The practice name holds ")
    assert code in message
    shown = [ch for ch in message if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Cn")]
    assert shown == [], "the character itself is never shown"


def test_the_save_is_refused_naming_the_field_and_nothing_is_written(
    pa_letter_home: Path,
) -> None:
    save_practice_settings(_letterhead(name="Riverside Oncology"))
    before = (pa_letter_home / "settings.json").read_bytes()
    with pytest.raises(AppError) as caught:
        save_practice_settings(_letterhead(name="Riverside \u202eygolocnO"))
    assert caught.value.field == "letterhead.name"
    assert "field 'letterhead.name'" in str(caught.value)
    assert "U+202E" in str(caught.value) and "\u202e" not in str(caught.value)
    assert (pa_letter_home / "settings.json").read_bytes() == before


def test_an_address_keeps_its_line_breaks_but_no_other_control() -> None:
    assert settings_problems(_letterhead(address="1 Main St\nSuite 2\r\nAnytown")) == []
    problems = settings_problems(_letterhead(address="1 Main St\x0cSuite 2"))
    assert [(p.field, "U+000C" in p.message) for p in problems] == [("letterhead.address", True)]


@pytest.mark.parametrize("field", ["phone", "fax", "email"])
def test_every_letterhead_line_is_checked(field: str) -> None:
    problems = settings_problems(_letterhead(**{field: "555\x000100"}))
    assert [p.field for p in problems] == [f"letterhead.{field}"]


def test_a_prescriber_row_is_named_by_its_number_not_by_the_name_at_fault() -> None:
    settings = PracticeSettings(prescribers=[
        DirectoryPrescriber(name="Dr. Ada Fictional", npi=VALID_NPI),
        DirectoryPrescriber(name="Dr. \u202eproducer", credentials="MD\x00", npi=VALID_NPI),
    ])
    found = {p.field: p.message for p in settings_problems(settings)}
    assert set(found) == {"prescribers.1.name", "prescribers.1.credentials"}
    assert found["prescribers.1.name"].startswith("Prescriber row 2's name holds U+202E")
    assert "producer" not in found["prescribers.1.name"]


@pytest.mark.parametrize(
    ("typed", "warned"),
    [
        ("𝔄rbor Oncology", "cannot print (𝔄)"),
        ("مركز الأورام", "Arabic or Hebrew"),
        ("Family Oncology 👨\u200d👩\u200d👧", "separate pictures"),
    ],
)
def test_text_the_pdf_cannot_print_is_saved_with_a_warning_on_the_field(
    typed: str, warned: str
) -> None:
    settings = _letterhead(name=typed)
    assert settings_problems(settings) == []
    warnings = text_warnings(settings)
    assert [w.field for w in warnings] == ["letterhead.name"]
    assert warned in warnings[0].message
    assert warnings[0].message.startswith("The practice name has")
    assert "Word file" in warnings[0].message
    save_practice_settings(settings)
    assert load_practice_settings().letterhead.name == typed


def test_markup_looking_and_accented_text_is_neither_refused_nor_warned_about() -> None:
    settings = _letterhead(name="<b>Zoë & Núñez</b> &amp; {{ practice }} **Oncology**",
                           address="1 <i>Main</i> St\nSuite &lt;2&gt;")
    assert settings_problems(settings) == []
    assert text_warnings(settings) == []


def test_a_message_about_a_name_shows_the_hidden_characters_by_their_codes() -> None:
    assert shown_text("Dr. \u202eAda\x00") == (
        "Dr. [U+202E RIGHT-TO-LEFT OVERRIDE]Ada[U+0000]")
    assert shown_text("Dr. Zoë <b>") == "Dr. Zoë <b>"


def test_adding_prescribers_from_cases_leaves_behind_what_settings_would_refuse() -> None:
    sections = [{"name": "Dr. Ada Fictional", "npi": VALID_NPI,
                 "specialty": "Medical\x00 Oncology\u202e", "phone": "555\x070100"}]
    [added] = prescribers_to_add(sections, [])
    assert (added.specialty, added.phone) == ("Medical Oncology", "5550100")
    assert settings_problems(PracticeSettings(prescribers=[added])) == []


def _hand_edited(home: Path, letterhead: dict[str, str]) -> None:
    (home / "settings.json").write_text(json.dumps({"letterhead": letterhead}), "utf-8")


def test_a_hand_edited_settings_file_keeps_its_text_and_every_letter_names_the_field(
    pa_letter_home: Path,
) -> None:
    _hand_edited(pa_letter_home, {"name": "Riverside \u202eOncology\x00", "phone": "555 𝔄"})
    before = (pa_letter_home / "settings.json").read_bytes()
    settings = load_practice_settings()
    assert settings.letterhead.name == "Riverside \u202eOncology\x00"  # nothing dropped
    report = check_case(load_case(EXAMPLE))
    found = {f.code: f for f in report.findings if f.code.startswith("practice.")}
    assert found["practice.unsafe_characters"].field == "settings.letterhead.name"
    assert found["practice.unsafe_characters"].severity.value == "error"
    assert "U+202E" in found["practice.unsafe_characters"].message
    assert found["practice.unprintable"].field == "settings.letterhead.phone"
    with pytest.raises(AppError, match="In Settings, the practice name holds U\\+202E"):
        render_letter(load_case(EXAMPLE), fmt="pdf")
    assert (pa_letter_home / "settings.json").read_bytes() == before


def test_a_damaged_settings_file_is_named_on_the_checklist_and_the_letter_is_refused(
    pa_letter_home: Path,
) -> None:
    (pa_letter_home / "settings.json").write_text('{"letterhead": {"name": 7}}', "utf-8")
    report = check_case(load_case(EXAMPLE))
    [unreadable] = [f for f in report.findings if f.code == "practice.settings_unreadable"]
    assert "settings.json" in unreadable.message and "letterhead.name" in unreadable.message
    with pytest.raises(StorageError, match="settings file is damaged"):
        render_letter(load_case(EXAMPLE), fmt="pdf")
    assert (pa_letter_home / "settings.json").read_text("utf-8") == '{"letterhead": {"name": 7}}'


def test_a_damaged_shared_copy_names_the_field_rather_than_failing() -> None:
    older = json.dumps({"letterhead": {"name": "Coastal Oncology", "motto": "Since 1990"}})
    with pytest.raises(StorageError) as caught:
        practice_data._with_shared_part(PracticeSettings(), older)
    assert caught.value.field == "letterhead.motto"
    assert "shared database" in str(caught.value)
    with pytest.raises(StorageError, match="not a settings document"):
        practice_data._with_shared_part(PracticeSettings(), "[1, 2]")
    with pytest.raises(StorageError, match="damaged"):
        practice_data._with_shared_part(PracticeSettings(), "{not json")


@pytest.mark.postgresql_only
def test_a_shared_row_another_desk_wrote_with_a_control_character_is_named_and_kept() -> None:
    from desktop_app.storage.practice_documents import put_document, read_document

    database = practice_data.shared_database()
    assert database is not None
    content = json.dumps({"letterhead": {"name": "Coastal\x00 Oncology"}})
    with database.writing() as session:
        put_document(session, practice_data.SETTINGS_DOC, content, user="older version")
    report = check_case(load_case(EXAMPLE))
    assert [f.field for f in report.findings if f.code == "practice.unsafe_characters"] == [
        "settings.letterhead.name"]
    with database.reading() as session:
        kept = read_document(session, practice_data.SETTINGS_DOC)
    assert kept is not None and kept.content == content


@pytest.mark.postgresql_only
def test_a_letterhead_saved_at_this_desk_is_on_the_next_checklist_at_once() -> None:
    assert not [f for f in check_case(load_case(EXAMPLE)).findings
                if f.code.startswith("practice.")]  # the practice's copy is now held
    save_practice_settings(_letterhead(name="𝔄rbor Oncology"))
    codes = [f.code for f in check_case(load_case(EXAMPLE)).findings]
    assert "practice.unprintable" in codes


@pytest.mark.sqlite_only
def test_while_the_shared_server_is_not_answering_the_checklist_uses_this_desks_copy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    save_practice_settings(_letterhead(name="𝔄rbor Oncology"))  # this desk's own file

    def unreachable() -> PracticeSettings:
        raise DatabaseUnusable("the database server is not answering")

    monkeypatch.setattr(practice_data, "database_url", lambda: "postgresql://db.example/pa")
    monkeypatch.setattr(practice_data, "practice_settings", unreachable)
    monkeypatch.setattr(practice_data, "shared_database", lambda: None)
    monkeypatch.setattr(practice_templates, "shared_database", lambda: None)  # templates: local
    codes = [f.code for f in check_case(load_case(EXAMPLE)).findings]
    assert "practice.unprintable" in codes and "practice.settings_unreadable" not in codes


def test_a_peer_to_peer_brief_prints_no_letterhead_so_it_gets_no_practice_warning() -> None:
    settings = _letterhead(name="𝔄rbor Oncology")
    case = load_case(ROOT / "examples" / "commercial-appeal.json")
    letter = check_case(case, settings=settings).findings
    brief = check_case(case, "peer-to-peer-brief", settings=settings).findings
    assert "practice.unprintable" in [f.code for f in letter]
    assert "practice.unprintable" not in [f.code for f in brief]


# Any text typed as the practice name either is refused, naming the field, or saves and
# prints in both the PDF and the Word file.
@pytest.mark.sqlite_only
@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1,
                    max_size=30)
       | st.text(st.sampled_from("Ab <&>{}\x00\x1f\u202e\u2067é𝔄محمد👍\u200d\n"), min_size=1,
                 max_size=12))
def test_any_practice_name_is_refused_by_field_or_prints_in_pdf_and_docx(name: str) -> None:
    settings = _letterhead(name=name)
    problems = settings_problems(settings)
    if problems:
        assert {p.field for p in problems} == {"letterhead.name"}
        with pytest.raises(AppError) as caught:
            save_practice_settings(settings)
        assert caught.value.field == "letterhead.name"
        return
    save_practice_settings(settings)
    saved = load_practice_settings()
    case = load_case(EXAMPLE)
    pdf = render_letter(case, fmt="pdf", settings=saved, override_reason="property test")
    assert pdf.data.startswith(b"%PDF")
    docx = render_letter(case, fmt="docx", settings=saved, override_reason="property test")
    header = Document(io.BytesIO(docx.data)).sections[0].first_page_header
    printed = "\n".join(p.text for p in header.paragraphs)
    if saved.letterhead.is_set:
        # What can be seen of the name is in the header (spacing and line ends aside).
        assert _visible(name) in _visible(printed)


def _visible(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "CZ")
