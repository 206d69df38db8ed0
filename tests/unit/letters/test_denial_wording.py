"""The appeal answers each stated reason under its own heading, quoting the payer's words."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from desktop_app.domain.case_records import CallLogEntry
from desktop_app.domain.casefile import parse_case
from desktop_app.letters.denial_wording import call_notes
from desktop_app.letters.render import render_document
from desktop_app.letters.templates import get_template
from desktop_app.storage.settings import PracticeSettings

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "commercial-appeal.json"


def _case(reasons: list[dict[str, Any]], **top: Any) -> Any:
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["denial"]["reasons"] = reasons
    data.update(top)
    return parse_case(data)


def _letter(case: Any) -> str:
    document = render_document(case, get_template("offlabel-appeal"),
                               settings=PracticeSettings())
    return " ".join(document.plain_text().split())


def test_each_reason_has_its_heading_the_payers_words_and_an_answer() -> None:
    text = _letter(_case([
        {"category": "experimental", "text": "Considered investigational."},
        {"category": "step_therapy", "text": "Must try sunitinib first."},
    ]))
    assert "Your notice states 2 reasons for the denial." in text
    one = text.index("Reason 1: Experimental or investigational")
    two = text.index("Reason 2: Step therapy: another drug must be tried first")
    assert one < text.index("“Considered investigational.”") < two
    assert "Category 2A" in text[one:two]  # the NCCN listing answers reason 1
    assert "Prior treatment: Octreotide LAR" in text[two:]
    # The one-text layout is not printed as well.
    assert "Response to the reason for denial" not in text


def test_evidence_given_once_is_referred_back_to() -> None:
    text = _letter(_case([
        {"category": "experimental", "text": "Investigational."},
        {"category": "not_in_compendia", "text": "Not in the compendia."},
    ]))
    assert text.count("lists this use as Category 2A") == 1
    assert "(see the answer to reason 1)" in text
    # The listing and the articles are both referred back, in one sentence.
    assert text.count("The evidence supports this use (see the answer to reason 1).") == 1


def test_a_reason_nothing_answers_claims_nothing() -> None:
    text = _letter(_case([{"category": "out_of_network", "text": "Out of network."}]))
    assert "In-network care is not available" not in text
    assert "“Out of network.”" in text
    answered = _letter(_case([{"category": "out_of_network", "text": "Out of network.",
                               "response": "No in-network oncologist in Maine offers CAPTEM."}]))
    assert "In-network care is not available to this patient" in answered
    assert "No in-network oncologist in Maine offers CAPTEM." in answered


def test_without_stated_reasons_the_letter_answers_the_one_reason_as_before() -> None:
    data = json.loads(EXAMPLE.read_text("utf-8"))
    text = _letter(parse_case(data))
    assert "Response to the reason for denial" in text
    assert "Reason 1:" not in text


def test_calls_are_cited_with_time_and_reference() -> None:
    case = _case([{"category": "other", "text": "Other."}], call_log=[
        {"at": "2026-11-14T10:30", "who": "Dana R.", "reference_number": "55-1234",
         "summary": "The appeal may be faxed."},
    ])
    text = _letter(case)
    assert (
        "On November 14, 2026 at 10:30 AM, your representative Dana R. (call reference "
        "55-1234) spoke with our office. Our note of the call: The appeal may be faxed."
    ) in text


def test_call_notes_are_in_time_order_and_need_no_optional_fields() -> None:
    notes = call_notes([
        CallLogEntry(at=dt.datetime(2026, 11, 20, 15, 5), who="B", summary="Second"),
        CallLogEntry(at=dt.datetime(2026, 11, 14, 9, 0), who="", summary=""),
    ])
    assert notes[0].sentence == (
        "On November 14, 2026 at 9:00 AM, your representative a representative spoke with "
        "our office."
    )
    assert notes[1].sentence.endswith("Our note of the call: Second.")


def test_hostile_reason_and_response_print_verbatim() -> None:
    hostile = "<b>&amp; {{x}}</b> {% if y %}"
    text = _letter(_case([{"category": "other", "text": hostile, "response": hostile}]))
    assert f"“{hostile}”" in text
    assert text.count(hostile) == 2
