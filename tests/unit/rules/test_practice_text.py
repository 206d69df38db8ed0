"""The practice's letterhead and the signing prescriber's entry on each letter's checklist."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.findings import Severity
from desktop_app.domain.practice import DirectoryPrescriber, PracticeLetterhead, PracticeSettings
from desktop_app.rules.engine import RuleContext, run_rules
from desktop_app.rules.practice_text import check_practice_text
from tests.unit.rules.evidence_case_builder import make_case

CASE_NPI = "1234567893"  # the case builder's prescriber
OTHER_NPI = "1245319599"


def _findings(practice: PracticeSettings | None) -> list[tuple[str, str | None]]:
    found = check_practice_text(RuleContext(case=make_case(), practice=practice))
    return [(f.code, f.field) for f in found]


def _head(**fields: str) -> PracticeSettings:
    return PracticeSettings(letterhead=PracticeLetterhead(**{"name": "Riverside Oncology",
                                                             **fields}))


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, []),
        ({"name": "<b>Zoë</b> &amp; {{ x }} **Núñez**"}, []),  # markup-like text is just text
        ({"name": "Riverside \u202eOncology"},
         [("practice.unsafe_characters", "settings.letterhead.name")]),
        ({"address": "1 Main St\nSuite 2"}, []),  # an address has lines
        ({"address": "1 Main St\x00"},
         [("practice.unsafe_characters", "settings.letterhead.address")]),
        ({"fax": "555 𝔄"}, [("practice.unprintable", "settings.letterhead.fax")]),
        ({"email": "office@例え.jp"}, []),  # the fallback font has it
        ({"name": "مركز الأورام"}, [("practice.right_to_left", "settings.letterhead.name")]),
        ({"phone": "☎ 👍🏽"}, [("practice.unprintable", "settings.letterhead.phone")]),
    ],
)
def test_the_letterhead_is_checked_field_by_field(
    fields: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    assert _findings(_head(**fields)) == expected


def test_a_letterhead_without_a_name_is_not_printed_so_not_checked() -> None:
    # Letters then print the prescriber's practice from the case, which text.* checks.
    assert _findings(_head(name="", phone="555\x00")) == []


def test_without_settings_nothing_is_said() -> None:
    assert _findings(None) == []


def test_only_the_signing_prescribers_entry_is_checked_and_only_what_it_signs_with() -> None:
    practice = PracticeSettings(prescribers=[
        DirectoryPrescriber(name="Dr. \u202eOther", npi=OTHER_NPI),  # signs other letters
        DirectoryPrescriber(name="Dr. Ada 𝔄", credentials="MD\x07", npi=CASE_NPI,
                            specialty="Oncology\x00"),  # the specialty fills cases, not this
    ])
    assert _findings(practice) == [
        ("practice.unprintable", "settings.prescribers.1.name"),
        ("practice.unsafe_characters", "settings.prescribers.1.credentials"),
    ]


def test_the_messages_name_the_field_and_the_code_and_never_show_the_character() -> None:
    practice = _head(name="Riverside \u202eOncology\x00")
    [finding] = check_practice_text(RuleContext(case=make_case(), practice=practice))
    assert finding.severity is Severity.ERROR
    assert finding.message.startswith("In Settings, the practice name holds ")
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in finding.message and "U+0000" in finding.message
    assert "\u202e" not in finding.message and "\x00" not in finding.message
    assert "override reason" in finding.message


def test_a_warning_tells_staff_the_word_file_keeps_it() -> None:
    [finding] = check_practice_text(RuleContext(case=make_case(), practice=_head(name="𝔄 Onc")))
    assert finding.severity is Severity.WARNING
    assert "In Settings, the practice name has a character the PDF cannot print" in (
        finding.message)
    assert "Write it another way in Settings, or send the Word file" in finding.message


def test_a_noncharacter_in_settings_is_said_once_as_left_out() -> None:
    [finding] = check_practice_text(
        RuleContext(case=make_case(), practice=_head(name="Riverside\ufffe Oncology"))
    )
    assert finding.code == "practice.unsafe_characters"
    assert "U+FFFE" in finding.message and "Word file" not in finding.message


def test_the_checklist_carries_the_practice_findings() -> None:
    findings = run_rules(RuleContext(case=make_case(), practice=_head(name="R\u2067O")))
    assert ("practice.unsafe_characters", "settings.letterhead.name") in [
        (f.code, f.field) for f in findings]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=25))
def test_any_letterhead_text_gets_findings_that_never_show_a_hidden_character(
    text: str,
) -> None:
    found = list(check_practice_text(RuleContext(case=make_case(), practice=_head(name=text))))
    for finding in found:
        assert finding.field == "settings.letterhead.name"
        assert not any(unicodedata.category(ch) in ("Cc", "Cs") or ch == "\u202e"
                       for ch in finding.message)
