"""The words every page prints around the letter: the patient line's labels and "Page n of N".

A template says which language it is written in (front matter `language`); its pages then
carry the same words in that language, so a Spanish explainer does not break into English at
the top and foot of each page. Payer letters are English (`en`), the default.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("en", "es")


@dataclass(frozen=True, slots=True)
class PageWords:
    patient: str
    dob: str
    member_id: str
    medicare_number: str  # the label when the member ID is the patient's MBI
    page: str  # with {number} and {total}
    locale: str  # the document's language tag (PDF /Lang, DOCX w:lang), for screen readers

    def page_line(self, number: int | str, total: int | str) -> str:
        return self.page.format(number=number, total=total)

    def page_parts(self) -> tuple[str, str, str]:
        """The text before the page number, between it and the total, and after: for DOCX,
        where Word fills in both numbers as fields."""
        before, rest = self.page.split("{number}", 1)
        middle, after = rest.split("{total}", 1)
        return before, middle, after


_WORDS = {
    "en": PageWords("Patient", "DOB", "Member ID", "MBI", "Page {number} of {total}",
                     "en-US"),
    # US Spanish as health plans print it for members: "fecha de nacimiento", "número de
    # miembro"; Medicare calls the MBI "número de Medicare" in its Spanish materials.
    "es": PageWords("Paciente", "Fecha de nacimiento", "N.º de miembro", "N.º de Medicare",
                    "Página {number} de {total}", "es-US"),
}


def page_words(language: str = "en") -> PageWords:
    """The words for `language`; English for any other (front matter checks the code)."""
    return _WORDS.get(language, _WORDS["en"])
