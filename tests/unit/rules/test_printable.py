"""Text the PDF cannot print as typed: a warning on the field, before a payer sees a box."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.findings import Severity
from desktop_app.knowledge.one_letter import case_only_read
from desktop_app.rules import printable
from desktop_app.rules.engine import RuleContext, run_rules
from tests.unit.rules.evidence_case_builder import article, make_case, run


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Zoë Ng", []),
        ("Nguyễn Thị Lan", []),  # Vietnamese
        ("Ελένη Παπαδοπούλου", []),  # Greek
        ("Ирина Иванова", []),  # Cyrillic
        ("张伟", []),  # Chinese: the fallback font has it
        ("O'Brien-Łukasiewicz <b>&amp;</b> {{ 7*7 }}", []),  # markup-like text is just text
        ("Ana\u200dSousa\u00ad", []),  # joiners and soft hyphens print nothing: never missing
        ("김민준", []),  # Korean: Nanum Gothic has it
        ("Min-jun 👍 ✅ 💊", []),  # emoji: Noto Emoji has them
        ("Family 👨\u200d👩\u200d👧", ["text.unprintable"]),  # a joined family prints apart
        ("Thumbs 👍🏽", ["text.unprintable"]),  # a skin tone prints as its own swatch
        ("Flag 🇲🇽", ["text.unprintable"]),  # two regional indicators, not a flag
        ("𝔄lice", ["text.unprintable"]),  # mathematical letters
        ("محمد علي", ["text.right_to_left"]),  # Arabic: set wrongly, said once, not twice
        ("שרה כהן", ["text.right_to_left"]),  # Hebrew
        ("محمد 𝔄", ["text.right_to_left", "text.unprintable"]),  # each problem said once
    ],
)
def test_patient_names_that_print_and_that_do_not(name: str, expected: list[str]) -> None:
    found = run(printable.check_printable, make_case(patient={"name": name}))
    assert [f.code for f in found] == expected
    for finding in found:
        assert finding.field == "patient.name"
        assert finding.severity is Severity.WARNING
        assert finding.message.startswith("The patient's name has")
        assert "Word file" in finding.message


@pytest.mark.parametrize("name", ["Ann\ufffe Smith", "Ann Smith\uffff", "\ufffe\uffff𝔄nn"])
def test_a_noncharacter_no_letter_holds_is_never_said_to_be_kept_by_the_word_file(
    name: str,
) -> None:
    found = run(printable.check_printable, make_case(patient={"name": name}))
    dropped = [f for f in found if "no letter can hold" in f.message]
    assert len(dropped) == 1
    assert dropped[0].code == "text.unprintable" and dropped[0].severity is Severity.WARNING
    assert "neither the PDF nor the Word file" in dropped[0].message
    assert "\ufffe" not in dropped[0].message and "\uffff" not in dropped[0].message
    assert all(
        ch in dropped[0].message for ch, code in (("U+FFFE", "\ufffe"), ("U+FFFF", "\uffff"))
        if code in name
    )
    # A character the fonts lack is still its own finding, and there the Word file helps.
    others = [f for f in found if f is not dropped[0]]
    assert all("Word file, which keeps it" in f.message for f in others)
    assert len(others) == ("𝔄" in name)


def test_the_characters_are_quoted_once_each_and_at_most_three() -> None:
    found = run(printable.check_printable, make_case(patient={"name": "𝔄𝔄 𝔅𝔇 𝔈"}))
    assert len(found) == 1
    assert "(𝔄 𝔅 𝔇 …)" in found[0].message


def test_an_emoji_sequence_is_quoted_whole() -> None:
    note = "Mom 👩\u200d⚕️ called 👍🏾"
    found = run(printable.check_printable, make_case(patient={"name": note}))
    assert [f.code for f in found] == ["text.unprintable"]
    assert "(👩\u200d⚕️ 👍🏾)" in found[0].message
    assert "separate pictures" in found[0].message


@pytest.mark.parametrize(
    "text",
    ["Ana\u200dSousa", "Zoë\u200dÉlodie", "❤️ thanks", "1. first", "#1"],
)
def test_joiners_in_scripts_and_single_emoji_are_not_sequences(text: str) -> None:
    assert run(printable.check_printable, make_case(patient={"name": text})) == []


def test_list_items_are_named_by_their_place() -> None:
    journal = "Journal of Clinical Oncology"
    titled = article(journal, title="Survival with 𝔄 regimen")
    case = make_case(evidence=[article(journal), titled])
    found = run(printable.check_printable, case)
    assert [(f.code, f.field) for f in found] == [("text.unprintable", "evidence.1.title")]
    assert found[0].message.startswith("Evidence item 2: title has a character")


def test_the_examples_only_warn_where_they_mean_to() -> None:
    found = run_rules(RuleContext(case=make_case()))
    assert not [f for f in found if f.code.startswith("text.")]


@given(st.text(max_size=60))
def test_any_text_gives_findings_or_none_and_never_raises(text: str) -> None:
    case: Any = make_case(patient={"name": text})
    for finding in run(printable.check_printable, case):
        assert finding.code in ("text.unprintable", "text.right_to_left")
        assert finding.field == "patient.name"


def test_an_attachments_file_path_is_not_printed_so_not_checked() -> None:
    case = make_case(attachments=[{"title": "CT report 𝔄", "path": "/home/𝔄/ct.pdf"}])
    found = run(printable.check_printable, case)
    assert [(f.code, f.field) for f in found] == [("text.unprintable", "attachments.0.title")]


def test_the_rules_of_one_check_gather_the_case_s_texts_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gathered: list[object] = []
    gather = printable.texts
    monkeypatch.setattr(printable, "texts", lambda value: gathered.append(value) or gather(value))
    case = make_case(patient={"name": "Zoë Ng"})
    with case_only_read():
        first = list(printable.case_texts(case))
        again = list(printable.case_texts(case))
    assert first == again == list(gather(case))
    assert gathered == [case]
    case.patient.name = "Zoë Ngo"  # outside one check, an edit is read afresh
    assert ("patient.name", "Zoë Ngo") in list(printable.case_texts(case))
