"""Answers kept for one letter: only inside it, only for the same content and reference data."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop_app.domain.case import Case
from desktop_app.knowledge import support
from desktop_app.knowledge.one_letter import case_only_read, once_per_letter, one_letter
from desktop_app.knowledge.reference import reload_reference_data
from desktop_app.knowledge.support import SUPPORTIVE, assess_evidence
from desktop_app.rules.engine import RuleContext, run_rules
from tests.unit.rules.evidence_case_builder import NCCN_1, make_case


def _counting() -> tuple[list[str], Callable[[Case], str]]:
    asked: list[str] = []

    def work(case: Case) -> str:
        name = case.drug.generic_name
        asked.append(name)
        return f"answer for {name}"

    return asked, work


def test_inside_a_letter_the_same_content_is_worked_out_once() -> None:
    asked, work = _counting()
    case = make_case()
    with one_letter():
        first = once_per_letter("q", case, work)
        again = once_per_letter("q", case.model_copy(deep=True), work)
    assert first == again and asked == ["bevacizumab"]


def test_a_case_changed_inside_the_letter_is_answered_afresh() -> None:
    asked, work = _counting()
    case = make_case()
    with one_letter():
        before = once_per_letter("q", case, work)
        case.drug.generic_name = "trastuzumab"  # the same object, other content
        after = once_per_letter("q", case, work)
    assert (before, after) == ("answer for bevacizumab", "answer for trastuzumab")
    assert asked == ["bevacizumab", "trastuzumab"]


def test_reloaded_reference_data_is_asked_again() -> None:
    asked, work = _counting()
    case = make_case()
    with one_letter():
        once_per_letter("q", case, work)
        reload_reference_data()  # an admin's edit read again
        once_per_letter("q", case, work)
    assert len(asked) == 2


def test_other_questions_letters_and_no_letter_are_not_answered_from_memory() -> None:
    asked, work = _counting()
    case = make_case()
    with one_letter():
        once_per_letter("q", case, work)
        once_per_letter("another", case, work)
    with one_letter():
        once_per_letter("q", case, work)
    once_per_letter("q", case, work)
    once_per_letter("q", case, work)
    assert len(asked) == 5


def test_the_evidence_is_weighed_once_per_letter_and_again_after_an_edit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    weighed: list[object] = []
    work = support._assess
    monkeypatch.setattr(support, "_assess", lambda case: weighed.append(case) or work(case))
    case = make_case(evidence=[NCCN_1])
    with one_letter():
        first = assess_evidence(case)
        assert assess_evidence(case) is first
        case.evidence[0].rating = "3"  # type: ignore[union-attr]  # NCCN 3: not supportive
        edited = assess_evidence(case)
    assert first.items[0].verdict == SUPPORTIVE
    assert edited.items[0].verdict != SUPPORTIVE
    assert len(weighed) == 2



def test_a_case_only_read_is_written_out_once_for_all_its_questions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked, work = _counting()
    case = make_case()
    written: list[object] = []
    dump = Case.model_dump_json
    monkeypatch.setattr(Case, "model_dump_json",
                        lambda self, **kw: written.append(self) or dump(self, **kw))
    with one_letter():
        with case_only_read():
            once_per_letter("q", case, work)
            once_per_letter("another", case, work)
            once_per_letter("q", case, work)
        once_per_letter("q", case, work)  # the block is over: written out again
    assert asked == ["bevacizumab", "bevacizumab"]
    assert len(written) == 2


def test_inside_case_only_read_another_case_is_its_own_subject() -> None:
    asked, work = _counting()
    case = make_case()
    other = case.model_copy(deep=True)
    other.drug.generic_name = "trastuzumab"
    with one_letter(), case_only_read():
        first = once_per_letter("q", case, work)
        second = once_per_letter("q", other, work)
        again = once_per_letter("q", case, work)
    assert (first, second, again) == (
        "answer for bevacizumab", "answer for trastuzumab", "answer for bevacizumab"
    )
    assert asked == ["bevacizumab", "trastuzumab"]


def test_a_check_inside_a_letter_finds_what_it_finds_alone() -> None:
    # The rules of one check share the case's content; their findings are those of a check
    # run outside any letter, where every question is worked out afresh.
    case = make_case(evidence=[NCCN_1])
    alone = run_rules(RuleContext(case=case))
    with one_letter():
        inside = run_rules(RuleContext(case=case))
        again = run_rules(RuleContext(case=case))
    assert inside == alone == again
