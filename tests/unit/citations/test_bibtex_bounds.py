"""BibTeX's LaTeX is decoded only where the app reads it, and within a bound on the work.

pylatexenc decodes about 30 microseconds per command and 5 per other character: a 2 MB title
of accent commands took 42 s, one of plain letters minutes. Each test counts what reaches the
decoder instead of timing it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pylatexenc.latex2text import LatexNodes2Text

from desktop_app.citations import bibtex
from desktop_app.citations.bibtex import parse_bibtex
from desktop_app.citations.record import CitationProblem
from desktop_app.services.evidence_import import preview_text

pytestmark = pytest.mark.no_database


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every value handed to the LaTeX decoder."""
    seen: list[str] = []
    real = LatexNodes2Text.latex_to_text

    def counted(self: LatexNodes2Text, latex: str, *args: object, **kwargs: object) -> str:
        seen.append(latex)
        return real(self, latex, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(LatexNodes2Text, "latex_to_text", counted)
    yield seen


def test_accents_in_what_the_app_reads_are_decoded(decoded: list[str]) -> None:
    [record] = parse_bibtex(
        '@article{k, title={Caf{\\\'e} na{\\"\\i}ve}, author={M{\\"u}ller, Hans}, '
        "journal={J Clin Oncol}, year={2019}, abstract={An {\\\"a}bstract}, note={{\\O}}}"
    )
    assert record.title == "Café naïve" and record.authors == ("Müller H",)
    assert not [value for value in decoded if "bstract" in value or "\\O" in value]


@pytest.mark.parametrize("title", ['\\"' * 1_000_000, "a" * 2_000_000])
def test_a_title_longer_than_any_field_is_refused_by_its_limit_undecoded(
    decoded: list[str], title: str
) -> None:
    preview = preview_text("@article{k, title={" + title + "}, year={2020}}")
    assert not preview.candidates
    assert "the title holds 2,000,000 characters" in str(preview.problems[0])
    assert all(len(value) <= bibtex.LONGEST_DECODED_VALUE for value in decoded)


def test_more_latex_than_any_bibliography_is_refused_in_words(decoded: list[str]) -> None:
    entry = "@article{{k{0}, title={{{1}}}}}\n"
    many = "".join(entry.format(i, '{\\"u}' * 200) for i in range(150))  # 30,000 commands
    with pytest.raises(CitationProblem, match="far more LaTeX than a bibliography"):
        parse_bibtex(many)
    assert sum(value.count("\\") for value in decoded) <= bibtex.MOST_LATEX_COMMANDS


def test_the_characters_decoded_in_all_are_bounded(decoded: list[str]) -> None:
    entry = "@article{{k{0}, title={{{1}}}}}\n"
    long_titles = "".join(entry.format(i, "a" * 19_000) for i in range(500))
    with pytest.raises(CitationProblem, match="import fewer records at a time"):
        parse_bibtex(long_titles)
    assert sum(map(len, decoded)) <= bibtex.MOST_DECODED_CHARS
