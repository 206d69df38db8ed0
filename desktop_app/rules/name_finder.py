"""Finding listed names in staff's words: whole words, any case, the longest name first.

It finds exactly what one regular expression of every name would (the names longest first,
case ignored, not inside a word: `word_expression`), without building that expression.
Compiling an alternation of the catalog's ~600 drug names cost about 35 ms in every process,
more than the rest of a check; a set of the names, looked up at each word start, costs
nothing to build. Text the set cannot read exactly as the expression would (see
`_ASCII_LOOKALIKES`), and names that are not plain ASCII, go to the expression itself.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterable, Iterator, Mapping

_ASCII_ALNUM = frozenset(string.ascii_letters + string.digits)
_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# The only characters outside ASCII that Python's re, ignoring case, takes for ASCII letters:
# dotted and dotless I (i), long s (s) and the Kelvin sign (k). A test checks the whole of
# Unicode for others.
_ASCII_LOOKALIKES = frozenset("\u0130\u0131\u017f\u212a")


@functools.lru_cache(maxsize=4096)
def word_expression(words: tuple[str, ...]) -> re.Pattern[str]:
    """One expression for any of the words, longest first, as whole words, case ignored."""
    ordered = sorted({w for w in words if w.strip()}, key=len, reverse=True)
    body = "|".join(re.escape(w) for w in ordered) or r"(?!x)x"
    return re.compile(rf"(?<![A-Za-z0-9])(?:{body})(?![A-Za-z0-9])", re.IGNORECASE)


class NameFinder:
    """Where the names occur in a text: the spans `word_expression(names).finditer` gives."""

    def __init__(self, names: Iterable[str]) -> None:
        self._words = tuple(sorted({w for w in names if w.strip()}))
        self._plain = all(w.isascii() for w in self._words)
        self._names = frozenset(w.translate(_LOWER) for w in self._words)
        lengths: dict[str, set[int]] = {}
        for name in self._names:
            lengths.setdefault(name[0], set()).add(len(name))
        # By first character, the name lengths to try, longest first (as the expression does).
        self._lengths = {first: sorted(ls, reverse=True) for first, ls in lengths.items()}
        # Where a name may start: a first character of some name, not inside a word. Found by
        # re in one pass instead of a Python step per character (about 1,100 a letter's check);
        # a class of single characters compiles in microseconds, unlike the alternation.
        firsts = "".join(re.escape(first) for first in sorted(self._lengths))
        self._starts = re.compile(f"(?<![a-z0-9])[{firsts}]") if firsts else None

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each name found, left to right, none overlapping."""
        if not self._plain or not _ASCII_LOOKALIKES.isdisjoint(text):
            for match in word_expression(self._words).finditer(text):
                yield match.span()
            return
        if self._starts is None:
            return
        lowered = text.translate(_LOWER)  # ASCII letters only: positions stay the same
        # In the lowered text, [a-z0-9] is exactly what [A-Za-z0-9] is in the text.
        size, names, lengths = len(text), self._names, self._lengths
        after = 0  # names do not overlap: the next starts after the last one found
        for candidate in self._starts.finditer(lowered):
            start = candidate.start()
            if start < after or (start and text[start - 1] in _ASCII_ALNUM):
                continue
            # The longest name that starts a word here (one loop, not a call per candidate:
            # a check tries a few hundred).
            for length in lengths.get(lowered[start], ()):
                end = start + length
                if end > size or (end < size and text[end] in _ASCII_ALNUM):
                    continue
                if lowered[start:end] in names:
                    yield start, end
                    after = end
                    break


# The catalog's names and each vocabulary term's words: a batch reads a few hundred lists.
@functools.lru_cache(maxsize=1024)
def name_finder(names: tuple[str, ...]) -> NameFinder:
    return NameFinder(names)


# The index most recently asked about, and its finder: drug_name_index() hands out the same
# mapping until the reference data is read again, and making a tuple of its ~600 names to look
# the finder up cost more than reading a case's few drug names with it.
_LAST_INDEX: list[tuple[Mapping[str, object], NameFinder]] = []


def index_finder(index: Mapping[str, object]) -> NameFinder:
    """`name_finder` for the names of an index that is never changed once made."""
    last = _LAST_INDEX[0] if _LAST_INDEX else None
    if last is not None and last[0] is index:
        return last[1]
    finder = name_finder(tuple(index))
    _LAST_INDEX[:] = [(index, finder)]
    return finder
