"""How many lines the PDF's running header takes, for the DOCX (docx_page).

The running header is one line in nearly every letter; a long one wraps upward from its rule
in the PDF, and the DOCX header then starts higher by as many lines. The count is the PDF's
own: the same words, no-break spaces, header gaps and hyphen breaks (pdf_text, pdf_words,
pdf_lines), none of which imports reportlab's platypus.
"""

from __future__ import annotations

from desktop_app.export import letter_look as look
from desktop_app.export.fonts import body_font
from desktop_app.export.pdf_lines import break_lines
from desktop_app.export.pdf_text import running_header_text
from desktop_app.export.pdf_words import paragraph_words
from desktop_app.letters.document import Run


def header_line_count(patient_line: str, width: float) -> int:
    """Lines the PDF's running header takes at `width` (1 when it prints nothing)."""
    printed = running_header_text(patient_line)
    if not printed:
        return 1  # the empty header paragraph still holds a line over its rule
    text = look.TEXT["running_header"]
    room = width - text.left_indent - text.right_indent
    words = paragraph_words([Run(printed)], body_font(text.bold, text.italic), text.size)
    return max(len(break_lines(words, room, room, text.size)), 1)
