"""Which drugs a stated denial reason names, and whether the request includes any of them.

A denial may state a reason about a drug the practice no longer asks for (a pathway vendor's
"nivolumab is investigational" after nivolumab was withdrawn). An answer built from the case
would then argue for the drugs requested under a heading about another drug, so such a reason
is answered only by the practice's own response (rules/denial_answers.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktop_app.domain.case import Case
from desktop_app.knowledge.drug_catalog import drug_name_index, name_key

# Names are matched on up to three words, longest first: "trastuzumab deruxtecan" is one drug.
MAX_WORDS = 3
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]*")


def _names(text: str) -> set[str]:
    """Generic names (not drug classes) the text names, through the drug catalog's names."""
    index = drug_name_index()
    words = _WORD.findall(text or "")
    found: set[str] = set()
    position = 0
    while position < len(words):
        for size in range(min(MAX_WORDS, len(words) - position), 0, -1):
            generics = index.get(name_key(" ".join(words[position:position + size])))
            if generics:
                found.update(g for g in generics if not g.startswith("class:"))
                position += size
                break
        else:
            position += 1
    return found


def requested_drugs(case: Case) -> set[str]:
    """The drugs the request includes: the drug, its brand and what it is combined with."""
    texts: Iterable[str] = (
        case.drug.generic_name,
        case.drug.brand_name or "",
        *(case.drug.combination_with or ()),
    )
    found: set[str] = set()
    for text in texts:
        found |= _names(text)
        if text.strip():
            found.add(text.strip().casefold())  # a drug the catalog does not know
    return found


def _same_drug(named: str, requested: set[str]) -> bool:
    # "trastuzumab" in a reason and "fam-trastuzumab deruxtecan" requested, or a biosimilar's
    # suffix: close enough to count as the same request.
    return any(named == r or named in r or r in named for r in requested)


def drugs_not_requested(text: str, case: Case) -> tuple[str, ...]:
    """The drugs `text` names when it names no drug the request includes; () otherwise
    (also when it names no drug at all)."""
    named = _names(text)
    if not named:
        return ()
    requested = requested_drugs(case)
    if any(_same_drug(n, requested) for n in named):
        return ()
    return tuple(sorted(named))
