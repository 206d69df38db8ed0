"""reportlab's web-address pattern, compiled quickly, finds exactly the addresses reportlab's does.

Line breaking asks it about every word that reaches a line's end, so a difference would move a
line break in a letter. The installed reportlab's own pattern is compiled here for comparison.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.export import reportlab_platypus as rp

EVERY_CHARACTER = "".join(map(chr, range(0x110000)))
REPORTLAB = re.compile(rp.URI_PATTERN, rp.URI_FLAGS)
QUICK = re.compile(rp.QUICK_URI_PATTERN)

# Pieces a web address (or a word that nearly is one) is made of, with the characters whose
# case folding is unusual: Kelvin sign, long s, dotless i, dotted capital I, and one beyond U+FFFF.
PIECES = st.sampled_from(
    [
        "http://", "HTTPS://", "ftp://", "x+y-z.://", "://", "www", "cms", "GOV", "gov", "xn--",
        "XN--", "bcher-kva", "localhost", "LocalHost", "example", "münchen", "日本", ".", "..",
        "-", "--", ":", "@", "user:pw@", "/", "?", "#", "[", "]", "::1", "25", "255", "256",
        "192.168.0.1", "0", "9", "80", "8080", "12345", "\u212a", "\u017f", "\u0131", "\u0130",
        "\xa0", "\xa1", "\uffff", "\U0001f44d", " ", "\t", "\n", "a" * 62, "b" * 64, "é",
    ]
)
ADDRESSES = st.lists(PIECES, max_size=12).map("".join)


def _found(pattern: re.Pattern[str], text: str, how: str) -> object:
    match = getattr(pattern, how)(text)
    return None if match is None else (match.span(), match.groups(), match.regs)


@pytest.mark.parametrize(
    ("reportlab_class", "quick_class"),
    [
        ("[a-z\xa1-\uffff0-9]", rp.NAME_CHAR),
        ("[a-z\xa1-\uffff0-9-]", rp.NAME_CHAR_OR_HYPHEN),
        ("[a-z\xa1-\uffff-]", rp.LETTER_OR_HYPHEN),
    ],
)
def test_each_quick_class_matches_the_same_code_points_as_reportlabs(
    reportlab_class: str, quick_class: str
) -> None:
    assert reportlab_class in rp.URI_PATTERN
    expected = re.findall(reportlab_class, EVERY_CHARACTER, re.IGNORECASE)
    assert re.findall(quick_class, EVERY_CHARACTER) == expected


@pytest.mark.parametrize(
    "text",
    [
        "http://example.com/a/b",
        "HTTPS://WWW.CMS.GOV/medicare-coverage-database/view/article.aspx?articleid=52453",
        "ftp://192.168.0.1:21/",
        "http://[::1]/x",
        "http://localhost:8080",
        "http://xn--bcher-kva.example",
        "http://münchen.de/",
        "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=1",
        "http://-bad.com",
        "http://bad-.com",
        "www.example.com",
        "off-label",
        "pembrolizumab",
        "http://\u212aelvin.\u017fite",
    ],
)
def test_real_and_broken_addresses_are_split_as_reportlab_splits_them(text: str) -> None:
    for how in ("match", "search", "fullmatch"):
        assert _found(QUICK, text, how) == _found(REPORTLAB, text, how)


@settings(max_examples=400, deadline=None)
@given(ADDRESSES)
def test_any_word_matches_as_with_reportlabs_pattern(text: str) -> None:
    for how in ("match", "search"):
        assert _found(QUICK, text, how) == _found(REPORTLAB, text, how)


def test_only_reportlabs_exact_pattern_and_flags_are_compiled_the_quick_way() -> None:
    assert rp.compile_for_reportlab(rp.URI_PATTERN, re.IGNORECASE).pattern == (
        rp.QUICK_URI_PATTERN
    )
    # A future reportlab with another pattern, or other flags: compiled as asked, nothing lost.
    changed = rp.URI_PATTERN.replace("{2,63}", "{2,64}")
    assert rp.compile_for_reportlab(changed, re.IGNORECASE) == re.compile(changed, re.IGNORECASE)
    assert rp.compile_for_reportlab(rp.URI_PATTERN) == re.compile(rp.URI_PATTERN)
    assert rp.compile_for_reportlab(r"\d+", re.ASCII) == re.compile(r"\d+", re.ASCII)


def _in_fresh_process(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip()


def test_installed_reportlab_still_compiles_the_pattern_we_replace() -> None:
    # If this fails, reportlab changed its web-address pattern: PDFs are still right (its
    # own pattern is compiled), but the 48 ms saving no longer applies until URI_PATTERN and
    # QUICK_URI_PATTERN are brought up to date with it.
    shown = _in_fresh_process(
        """
        import reportlab.platypus.paragraph as paragraph
        print(repr((paragraph.uri_pat.pattern, paragraph.uri_pat.flags)))
        """
    )
    assert shown == repr((rp.URI_PATTERN, REPORTLAB.flags)), "speed-up no longer applies"


def test_the_exporters_reportlab_holds_the_quick_pattern() -> None:
    shown = _in_fresh_process(
        """
        import re
        from desktop_app.export import pdf
        from reportlab.platypus import paragraph
        print(repr(paragraph.uri_pat.pattern))
        print(pdf.BaseDocTemplate.__module__, re.compile.__module__)  # re.compile given back
        """
    ).splitlines()
    assert shown == [repr(rp.QUICK_URI_PATTERN), "reportlab.platypus.doctemplate re"]
