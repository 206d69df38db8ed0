"""Drug names found in staff's words exactly where the one-big-expression reading found them."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.knowledge.drug_catalog import drug_name_index
from desktop_app.rules.name_finder import NameFinder, index_finder, word_expression

# Names that share beginnings, hold spaces, hyphens and digits, or are not plain ASCII.
TRICKY_NAMES = (
    "paclitaxel", "nab-paclitaxel", "protein-bound paclitaxel", "5-fu", "fu", "folfox",
    "folfoxiri", "ado-trastuzumab emtansine", "trastuzumab", "trastuzumab-dkst", "t-dm1",
    "capox", "r-chop", "chop", "k", "s", "ifosfamide", "pd-1", "tecentriq hybreza",
)
NON_ASCII_NAMES = ("bévacizumab", "paclitaxel")
PIECES = (
    " ", "  ", "-", "+", "/", ", ", "; ", ".", "(", ")", "\n", "®", "™", "x", "2", "é",
    "\u0130", "\u0131", "\u017f", "\u212a", "ß", "\u00a0",
)


def expression_spans(names: tuple[str, ...], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in word_expression(names).finditer(text)]


def case_variants(word: str) -> st.SearchStrategy[str]:
    return st.sampled_from((word, word.upper(), word.title(), word.swapcase()))


def texts(names: tuple[str, ...]) -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(names).flatmap(case_variants),
        st.sampled_from(names).map(lambda n: n[: max(1, len(n) // 2)]),
        st.sampled_from(PIECES),
        st.text(max_size=3),
    )
    return st.lists(piece, max_size=12).map("".join)


def test_re_takes_only_four_characters_outside_ascii_for_ascii_ones() -> None:
    # The finder hands text holding any of these to the expression; this proves no others.
    any_ascii = re.compile(r"[\x00-\x7f]", re.IGNORECASE)
    lookalikes = {chr(c) for c in range(0x80, sys.maxunicode + 1) if any_ascii.match(chr(c))}
    assert lookalikes == {"\u0130", "\u0131", "\u017f", "\u212a"}


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_the_catalog_names_are_found_where_the_expression_finds_them(data: st.DataObject) -> None:
    names = tuple(drug_name_index())  # the shipped catalog's names, about 600
    text = data.draw(texts(names))
    assert list(NameFinder(names).spans(text)) == expression_spans(names, text)


@settings(max_examples=400, deadline=None)
@given(texts(TRICKY_NAMES))
def test_overlapping_and_spaced_names_are_found_as_the_expression_finds_them(text: str) -> None:
    assert list(NameFinder(TRICKY_NAMES).spans(text)) == expression_spans(TRICKY_NAMES, text)


@settings(max_examples=100, deadline=None)
@given(texts(NON_ASCII_NAMES))
def test_names_outside_ascii_are_found_as_the_expression_finds_them(text: str) -> None:
    found = list(NameFinder(NON_ASCII_NAMES).spans(text))
    assert found == expression_spans(NON_ASCII_NAMES, text)


def test_the_longest_name_wins_and_names_inside_words_do_not_count() -> None:
    finder = NameFinder(TRICKY_NAMES)
    text = "Nab-Paclitaxel, then FOLFOXIRI; not xFOLFOX or chopped; R-CHOP x6"
    found = [text[a:b] for a, b in finder.spans(text)]
    assert found == ["Nab-Paclitaxel", "FOLFOXIRI", "R-CHOP"]


def test_a_lookalike_letter_is_read_as_the_expression_reads_it() -> None:
    finder = NameFinder(("kadcyla",))
    text = "\u212aadcyla given"  # Kelvin sign, which re takes for a K
    assert list(finder.spans(text)) == [(0, 7)] == expression_spans(("kadcyla",), text)


def test_no_names_find_nothing() -> None:
    assert list(NameFinder(()).spans("trastuzumab")) == []
    assert list(NameFinder(("  ",)).spans("  ")) == []


def _vocabulary_word_lists() -> list[tuple[str, ...]]:
    """Each term's words as the checker reads them: biomarkers, histology, settings, routes."""
    from desktop_app.knowledge.drug_catalog import drug_catalog
    from desktop_app.rules.case_reading import words_of

    vocabulary = drug_catalog().vocabulary
    lists = [
        words_of(term, vocabulary)
        for terms in (vocabulary.biomarkers, vocabulary.histology, vocabulary.settings)
        for term in terms
    ]
    lists += [(route, *words) for route, words in vocabulary.routes.items()]
    return lists


WORD_LISTS = _vocabulary_word_lists()


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_terms_words_are_found_where_its_expression_finds_them(data: st.DataObject) -> None:
    # "HER2 3+", "PD-L1 TPS >=50%", "non-squamous": case reading finds terms with a finder too.
    words = data.draw(st.sampled_from(WORD_LISTS))
    text = data.draw(texts(words))
    assert list(NameFinder(words).spans(text)) == expression_spans(words, text)


def test_an_index_s_finder_is_the_finder_of_its_names() -> None:
    index = {name: frozenset({name}) for name in TRICKY_NAMES}
    text = "FOLFOX then nab-paclitaxel with trastuzumab-dkst; T-DM1 later, not CHOP-like"
    finder = index_finder(index)
    assert list(finder.spans(text)) == expression_spans(tuple(index), text)
    assert index_finder(index) is finder  # the same index: its finder is not looked up again
    other = {"chop": frozenset({"chop"})}
    assert list(index_finder(other).spans(text)) == expression_spans(("chop",), text)
    assert list(index_finder(index).spans(text)) == expression_spans(tuple(index), text)
