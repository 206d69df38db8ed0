"""Which template a case's letter uses: the one asked for, the one the case remembers
(`letter.template`, chosen in the Letter section), or the default for its letter kind.

Check, preview, export and signing all ask here, so the checklist runs the rules of the very
template the letter is drawn from.
"""

from __future__ import annotations

from desktop_app.domain.case import Case
from desktop_app.domain.findings import Finding, Severity
from desktop_app.errors import TemplateError
from desktop_app.letters.templates import LetterTemplate, get_template, template_for_kind

__all__ = ["case_template"]


def case_template(case: Case, template: str | None = None) -> tuple[LetterTemplate, list[Finding]]:
    """The template to use, and a finding when the case's own choice cannot be used.

    An explicit `template` (the CLI's --template) wins and raises TemplateError if it is not
    there, as before. A remembered choice that was removed, or that is for another letter
    kind, falls back to the kind's default with a warning: the letter still renders, and
    staff are told whose wording it carries.
    """
    from desktop_app.services.template_sources import letter_template_folders

    folders = letter_template_folders()
    kind = case.letter.kind or "preauth"
    if template:
        return get_template(template, folders), []
    chosen = (case.letter.template or "").strip()
    if not chosen:
        return template_for_kind(kind, folders), []
    default = template_for_kind(kind, folders)
    try:
        found = get_template(chosen, folders)
    except TemplateError:
        return default, [Finding(
            "template.unavailable", Severity.WARNING, "letter.template",
            f"The template “{chosen}” chosen for this case is no longer among the practice's "
            f"templates, so the letter uses “{default.title}”. Choose a template again in the "
            "Letter section.",
        )]
    if found.kind != kind:
        return default, [Finding(
            "template.unavailable", Severity.WARNING, "letter.template",
            f"The template “{found.title}” is for another kind of letter, so this "
            f"{'appeal' if kind == 'appeal' else 'request'} uses “{default.title}”. Choose a "
            "template that fits in the Letter section.",
        )]
    return found, []
