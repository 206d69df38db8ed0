"""Helpers for the letter tests: small templates and rendering with default settings."""

from __future__ import annotations

from desktop_app.domain.case import Case
from desktop_app.letters.document import LetterDocument
from desktop_app.letters.render import render_document
from desktop_app.letters.templates import LetterTemplate, template_from_text
from desktop_app.storage.settings import PracticeSettings

FRONT = '+++\nid = "test-letter"\ntitle = "Test"\nkind = "preauth"\nversion = 1\n+++\n'
FRONT_LINES = FRONT.count("\n")  # the body starts on line FRONT_LINES + 1


def make_template(body: str, front: str = FRONT) -> LetterTemplate:
    return template_from_text(front + body)


def render(case: Case, body: str) -> LetterDocument:
    return render_document(case, make_template(body), settings=PracticeSettings())
