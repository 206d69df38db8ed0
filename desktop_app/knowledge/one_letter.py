"""Answers worked out once per letter: its check and its text ask the same questions of one case.

The evidence rules, the justification and the letter each weigh the case's evidence, and the
check and the letter's off-label section each compare it with the drug's label. Inside
`one_letter()` (services/render.py, around one letter) each answer is kept under what was
asked, the case's whole content (its JSON, not the object's identity, so a case changed in
between is answered afresh) and the reference data loaded (a reload forgets every answer).
Outside it every question is worked out again, as the editor's live checklist needs.
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


def once_per_letter(question: str, subject: Subject, work: Callable[[Subject], Answer]) -> Answer:
    """`work(subject)`, or the answer it gave earlier in this letter for the same content."""
    kept = _KEPT.get()
    if kept is None:
        return work(subject)
    try:
        content = subject.model_dump_json(warnings=False)
    except Exception:  # noqa: BLE001  a case too odd to write out is simply not remembered
        return work(subject)
    key = (question, _reference_loaded, content)
    if key in kept:
        return cast(Answer, kept[key])
    answer = work(subject)
    kept[key] = answer
    return answer
