"""Sentences of a payer's letter (rules/letter_text.py): abbreviations do not end one."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.rules import letter_text as lt

pytestmark = pytest.mark.no_database

WORDS = ["No.", "Dr.", "e.g.", "The", "drug", "was", "denied.", "Approx.", "5", "U.S.", "\n",
         "  ", "A", "i.e.", "x.", "“Quote.”", "(See", "it.)", "Inc.", "vs.", "St.", "?", "!",
         "cost.", "request.", "Casino.", "(St.", "5no."]


def sentences_whole(text: str) -> list[str]:
    """The rule applied to each whole sentence so far, as it was first written (the reader
    looks only at the last few characters, which must come to the same)."""
    flat = re.sub(r"\s*\n\s*", " ", text).strip()
    if not flat:
        return []
    merged: list[str] = []
    for piece in lt._SENTENCE_END.split(flat):
        if merged and lt._ENDS_IN_ABBREVIATION.search(merged[-1]):
            merged[-1] += " " + piece
        else:
            merged.append(piece)
    return [p.strip() for p in merged if p.strip()]


def test_an_abbreviation_does_not_end_a_sentence() -> None:
    text = ("Dr. Okafor asked for approx. 6 cycles. The plan denied it, e.g. for cost. Call "
            "St. Mary's. We denied the request. Per U.S. law, see No. 5.")
    assert lt.sentences(text) == [
        "Dr. Okafor asked for approx. 6 cycles.",
        "The plan denied it, e.g. for cost.",  # "cost." is no "St."
        "Call St. Mary's.",
        "We denied the request.",  # nor "request."
        "Per U.S. law, see No. 5.",
    ]


def test_a_letter_of_abbreviations_is_one_sentence() -> None:
    # 190,000 characters: each step once copied the whole sentence so far (seconds).
    assert lt.sentences("No. " * 47_500) == [("No. " * 47_500).strip()]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40))
def test_sentences_are_as_the_rule_states_them(words: list[str]) -> None:
    text = " ".join(words)
    assert lt.sentences(text) == sentences_whole(text)
