"""The peer-to-peer brief as a PDF, for the physician's call.

The brief stays in the practice, so it prints even while the appeal still has errors: the
physician needs it for the call whatever the letter's state. Printing is audited with the
template and version only.
"""

from __future__ import annotations

import io

from desktop_app.domain.case import Case
from desktop_app.services import audit

BRIEF_TEMPLATE = "peer-to-peer-brief"


def brief_pdf(case: Case, case_id: str | None = None, *, invariant: bool = False) -> bytes:
    """The brief for `case` as PDF bytes (TemplateError if an admin's copy is broken)."""
    from desktop_app.export.pdf import write_pdf
    from desktop_app.letters.render import render_document
    from desktop_app.letters.templates import get_template
    from desktop_app.services.practice_data import practice_settings
    from desktop_app.services.template_sources import letter_template_folders

    # The practice's copy of the brief where an admin made one, and the practice's letterhead.
    template = get_template(BRIEF_TEMPLATE, letter_template_folders())
    document = render_document(case, template, settings=practice_settings())
    stream = io.BytesIO()
    write_pdf(document, stream, invariant=invariant)
    audit.record("brief.printed", case_id,
                 {"template": template.id, "template_version": str(template.version)})
    return stream.getvalue()
