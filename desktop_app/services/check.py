"""Checking a case: the findings for the chosen template and the plan's off-label rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from desktop_app.domain.case import Case
from desktop_app.domain.casefile import load_case
from desktop_app.domain.findings import Finding, Severity, has_errors
from desktop_app.domain.payers import PayerEntry
from desktop_app.domain.practice import PracticeSettings
from desktop_app.errors import AppError
from desktop_app.rules.deadlines import AppealDeadline, appeal_deadline
from desktop_app.rules.engine import DEFAULT_RULE_SETS, RuleContext, run_rules

if TYPE_CHECKING:
    from desktop_app.letters.templates import LetterTemplate


@dataclass(frozen=True, slots=True)
class CheckReport:
    findings: list[Finding]
    template_id: str = ""
    deadline: AppealDeadline | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)


def choose_template(
    case: Case, template: str | LetterTemplate | None = None
) -> tuple[LetterTemplate, list[Finding]]:
    """The template given (an id, a file path, or one already read), else the case's own
    choice or its kind's default (services/case_template.py), with any finding about it."""
    from desktop_app.letters.templates import LetterTemplate
    from desktop_app.services.case_template import case_template

    if isinstance(template, LetterTemplate):
        return template, []
    return case_template(case, template)


def check_case(
    case: Case,
    template: str | LetterTemplate | None = None,
    *,
    settings: PracticeSettings | None = None,
) -> CheckReport:
    """Run every rule the template and the plan call for. Never raises for bad case data.

    `template` may be one already read, so a render (or a batch) reads its template once;
    `settings` the practice settings the letter will print (read here when not given)."""
    chosen, template_findings = choose_template(case, template)
    practice, unreadable = (settings, []) if settings is not None else _practice()
    context = RuleContext(
        case=case,
        required_fields=tuple(chosen.required_fields),
        rule_sets=frozenset(chosen.rule_sets) or DEFAULT_RULE_SETS,
        template_id=chosen.id,
        payer_directory=_directory(),
        # A brief stays in the practice: it prints no letterhead and no signature.
        practice=None if chosen.kind == "brief" else practice,
    )
    findings = [*template_findings, *unreadable, *run_rules(context)]
    counts = {s.value: sum(1 for f in findings if f.severity is s) for s in Severity}
    return CheckReport(findings, chosen.id, _deadline(case), counts)


def _directory() -> tuple[PayerEntry, ...]:
    from desktop_app.services.payers import directory_as_typed

    try:
        return tuple(directory_as_typed())  # the checklist runs as staff type
    except AppError:
        return ()  # a damaged directory file is reported where the directory is edited


def _practice() -> tuple[PracticeSettings | None, list[Finding]]:
    """The settings the letter will print, or a finding saying why they cannot be read."""
    from desktop_app.services.practice_data import practice_settings_as_typed

    try:
        return practice_settings_as_typed(), []  # the checklist runs as staff type
    except AppError as exc:
        # A settings file edited by hand, another version's database row: the letter cannot
        # be made until it is fixed, so the checklist says so, naming the file and field.
        return None, [Finding(
            "practice.settings_unreadable", Severity.ERROR, None,
            f"The practice settings the letter prints cannot be read: {exc}",
        )]


def _deadline(case: Case) -> AppealDeadline | None:
    try:
        return appeal_deadline(case)
    except Exception:  # noqa: BLE001  a deadline problem must not hide the findings
        return None


def check_file(path: Path, template: str | None = None) -> CheckReport:
    """Load and check a case file; CaseFileError if the file is unusable.

    The template is compiled as a render compiles it, so a broken template body is the
    TemplateError (file and line) `pa-letter render` gives, not a clean checklist.
    """
    from desktop_app.letters.render import compile_template

    case = load_case(path)
    chosen, _findings = choose_template(case, template)  # check_case gives the findings
    compile_template(chosen)
    return check_case(case, template)


def remove_hidden_characters(case: Case) -> Case:
    """A copy of `case` without the hidden characters the checker reports
    (`text.hidden_characters`: bidi controls and zero-width characters in names, identifiers
    and numbers). Other text keeps its joiners; the case itself is not changed."""
    from desktop_app.knowledge.hidden import without_hidden
    from desktop_app.rules.hidden import checked_field

    cleaned = case.model_copy(deep=True)
    _clean_model(cleaned, "", checked_field, without_hidden)
    return cleaned


def _clean_model(
    model: BaseModel, path: str, checked: Callable[[str], bool], clean: Callable[[str], str]
) -> None:
    for name in type(model).model_fields:
        value = getattr(model, name, None)
        here = f"{path}.{name}" if path else name
        if isinstance(value, str) and checked(here):
            setattr(model, name, clean(value))
        elif isinstance(value, BaseModel):
            _clean_model(value, here, checked, clean)
        elif isinstance(value, list):
            items = [clean(v) if isinstance(v, str) and checked(here) else v for v in value]
            for index, item in enumerate(items):
                if isinstance(item, BaseModel):
                    _clean_model(item, f"{here}.{index}", checked, clean)
            setattr(model, name, items)


def rules_overview() -> str:
    """Every check the product runs: code, severity, rule set, what it checks, its source."""
    from desktop_app.rules.engine import all_rules

    lines = ["Checks run on every case (rule set in brackets):", ""]
    for entry in all_rules():
        lines.append(f"{', '.join(entry.codes)}  [{entry.rule_set}]")
        lines.append(f"    {entry.checks}")
        lines.append(f"    Source: {entry.source}")
    return "\n".join(lines) + "\n"
