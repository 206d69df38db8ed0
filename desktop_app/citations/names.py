"""Author names in the form AMA and MEDLINE print them: surname, then initials ("Maki RG").

AMA Manual of Style 11th ed. §3.6.1 and NLM's AU field agree: initials without periods or
spaces, a hyphenated given name gives both initials ("Jean-Pierre" -> "JP"), and a suffix
follows the initials ("Smith JA Jr").
"""

from __future__ import annotations

import re
import unicodedata

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "2nd", "3rd"})
_SPACES = re.compile(r"\s+")


def clean_text(value: object) -> str:
    """One line of text: control characters dropped, runs of white space made one space."""
    if not isinstance(value, str):
        return ""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in value)
    return _SPACES.sub(" ", text).strip()


def initials(given: str) -> str:
    """'Robert G.' -> 'RG'; 'J. Kyle' -> 'JK'; 'Jean-Pierre' -> 'JP'; 'RG' stays 'RG'."""
    parts = [p for p in re.split(r"[\s.\-]+", clean_text(given)) if p]
    letters = []
    for part in parts:
        # Already initials ("RG", as MEDLINE AU and PubMed CSV write them): keep every letter.
        if part.isupper() and len(part) <= 3 and part.isalpha():
            letters.append(part)
        else:
            letters.append(part[0].upper())
    return "".join(letters)


def ama_name(family: str, given: str = "", suffix: str = "") -> str:
    """Surname, initials and suffix, e.g. ama_name('Maki', 'Robert G.') -> 'Maki RG'."""
    family = clean_text(family)
    name = " ".join(p for p in (family, initials(given)) if p)
    suffix = clean_text(suffix).rstrip(".")
    return f"{name} {suffix}" if suffix and name else name


def ama_from_inverted(text: str) -> str:
    """'Maki, Robert G.' -> 'Maki RG'; 'Smith, John A., Jr.' -> 'Smith JA Jr';
    'Robert G. Maki' -> 'Maki RG'; a group name without a comma stays as written."""
    text = clean_text(text)
    if not text:
        return ""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) >= 2:
        suffix = ""
        rest = [p for p in parts[1:] if p]
        if rest and rest[-1].rstrip(".").casefold() in SUFFIXES:
            suffix = rest.pop()
        return ama_name(parts[0], " ".join(rest), suffix)
    words = text.split(" ")
    # "Robert G. Maki": surname last. One word, or a name with lowercase words beyond
    # particles ("Sarcoma Alliance for Research"), is an organization: keep it whole.
    if len(words) == 1 or not all(w[:1].isupper() or w.endswith(".") for w in words):
        return text
    if len(words) > 4:
        return text
    return ama_name(words[-1], " ".join(words[:-1]))
