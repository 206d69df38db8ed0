"""Answers worked out once per letter: its check and its text ask the same questions of one case.

The evidence rules, the justification and the letter each weigh the case's evidence, and the
check and the letter's off-label section each compare it with the drug's label. Inside
`one_letter()` (services/render.py, around one letter) each answer is kept under what was
asked, the case's whole content (its JSON, not the object's identity, so a case changed in
between is answered afresh) and the reference data loaded (a reload forgets every answer).
Outside it every question is worked out again, as the editor's live checklist needs.

Writing the case out costs more than looking an answer up, and one check asks a dozen
questions of a case its rules only read: inside `case_only_read()` (rules/engine.py, around the
rules of one check) each case is written out once and that content serves every question, and
`once_while_read` keeps what depends on the case object alone (its texts, field by field),
letter or not.
"""

from __future__ import annotations

import contextlib
import contextvars
import itertools
from collections.abc import Callable, Iterator
from typing import TypeVar, cast

from pydantic import BaseModel

from desktop_app.knowledge.reference import register_cache

Answer = TypeVar("Answer")
Subject = TypeVar("Subject", bound=BaseModel)

_KEPT: contextvars.ContextVar[dict[tuple[str, int, str], object] | None] = (
    contextvars.ContextVar("one_letter_answers", default=None)
)


class _Reading:
    """Inside case_only_read(): each subject written out, and answers kept for it, by its id
    (the subject kept too, so no other object can take its id while the block lasts)."""

    __slots__ = ("answers", "written")

    def __init__(self) -> None:
        self.written: dict[int, tuple[BaseModel, str]] = {}
        self.answers: dict[tuple[str, int], tuple[BaseModel, object]] = {}


_READING: contextvars.ContextVar[_Reading | None] = (
    contextvars.ContextVar("one_letter_reading", default=None)
)
_loads = itertools.count()
_reference_loaded = next(_loads)  # changes whenever the reference data is read again


def _reference_reloaded() -> None:
    global _reference_loaded
    _reference_loaded = next(_loads)


register_cache(_reference_reloaded)


@contextlib.contextmanager
def one_letter() -> Iterator[None]:
    """Keep each answer for the rest of this block (one letter); forgotten when it ends."""
    token = _KEPT.set({})
    try:
        yield
    finally:
        _KEPT.reset(token)


@contextlib.contextmanager
def case_only_read() -> Iterator[None]:
    """For this block's work, which only reads what it asks about (the rules of one check),
    write each subject out once rather than again for every question asked of it."""
    token = _READING.set(_Reading())
    try:
        yield
    finally:
        _READING.reset(token)


def once_per_letter(question: str, subject: Subject, work: Callable[[Subject], Answer]) -> Answer:
    """`work(subject)`, or the answer it gave earlier in this letter for the same content."""
    kept = _KEPT.get()
    if kept is None:
        return work(subject)
    try:
        content = _content(subject)
    except Exception:  # noqa: BLE001  a case too odd to write out is simply not remembered
        return work(subject)
    key = (question, _reference_loaded, content)
    if key in kept:
        return cast(Answer, kept[key])
    answer = work(subject)
    kept[key] = answer
    return answer


def once_while_read(question: str, subject: Subject, work: Callable[[Subject], Answer]) -> Answer:
    """`work(subject)`, or inside case_only_read() the answer it gave earlier in the block for
    the same object: for answers that depend on the subject alone, no reference data."""
    reading = _READING.get()
    if reading is None:
        return work(subject)
    key = (question, id(subject))
    known = reading.answers.get(key)
    if known is not None and known[0] is subject:
        return cast(Answer, known[1])
    answer = work(subject)
    reading.answers[key] = (subject, answer)
    return answer


def _content(subject: BaseModel) -> str:
    reading = _READING.get()
    if reading is None:
        return subject.model_dump_json(warnings=False)
    written = reading.written
    known = written.get(id(subject))
    if known is not None and known[0] is subject:
        return known[1]
    content = subject.model_dump_json(warnings=False)
    written[id(subject)] = (subject, content)
    return content
