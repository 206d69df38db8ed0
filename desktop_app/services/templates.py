"""Listing, showing and validating letter templates, for the CLI and the template manager."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.errors import TemplateError


@dataclass(frozen=True, slots=True)
class TemplateInfo:
    id: str
    title: str
    kind: str
    version: str
    builtin: bool
    path: str


@dataclass(frozen=True, slots=True)
class TemplateProblemInfo:
    line: int | None
    message: str
    severity: str


def list_templates() -> list[TemplateInfo]:
    from desktop_app.letters.templates import list_templates as _list

    return [
        TemplateInfo(t.id, t.title, t.kind, str(t.version), t.builtin, str(t.path or ""))
        for t in _list()
    ]


def template_source(template_id: str) -> str:
    from desktop_app.letters.templates import get_template

    return get_template(template_id).source


def validate_template_file(path: Path) -> list[TemplateProblemInfo]:
    """Lint a template file; an unreadable file is one problem, not an exception."""
    from desktop_app.letters.lint import lint_template

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise TemplateError(f"cannot read the template ({reason})", file=str(path)) from None
    return [
        TemplateProblemInfo(p.line, p.message, str(getattr(p, "severity", "error")))
        for p in lint_template(text)
    ]
