"""Reading level of a letter's prose, by the two published formulas the explainer is held to.

- English: the Flesch-Kincaid grade level (Kincaid, Fishburne, Rogers and Chissom, "Derivation
  of new readability formulas ... for Navy enlisted personnel", Research Branch Report 8-75,
  1975): 0.39 x words per sentence + 11.8 x syllables per word - 15.59.
- Spanish: Fernández Huerta's reading ease ("Medidas sencillas de lecturabilidad", Consigna
  214, 1959), in its corrected form: 206.84 - 0.60 x syllables per 100 words - 1.02 x
  sentences per 100 words, with the 0.60 and 1.02 applied as published. 70-80 reads as
  "fairly easy" (7th grade), 80-90 "easy" (6th grade).

Syllables are counted by rule, not by a hyphenation dictionary: hyphenation never splits
off one letter ("again", "area"), so a dictionary undercounts and flatters a text. textstat
was not used: it downloads its English pronouncing dictionary at run time.
"""

from __future__ import annotations

import itertools
import re

_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’-][A-Za-zÀ-ÿ]+)*")
_EN_VOWELS = re.compile(r"[aeiouy]+")
_ES_VOWEL_GROUPS = re.compile(r"[aeiouáéíóúü]+")
_ES_STRONG = set("aeoáéó")
_ES_ACCENTED_WEAK = set("íú")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentences(text: str) -> int:
    return max(1, len(_SENTENCE_END.findall(text)))


def english_syllables(word: str) -> int:
    word = word.lower().replace("’", "'")
    count = len(_EN_VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # a silent final e: "medicine", "care"
    if word.endswith("ed") and not word.endswith(("ted", "ded")) and count > 1:
        count -= 1  # "asked", "approved"
    return max(1, count)


def spanish_syllables(word: str) -> int:
    """Vowel nuclei: two strong vowels side by side, or a stressed í/ú, are two syllables."""
    count = 0
    word = re.sub(r"(?<=[qg])u(?=[eiéí])", "", word.lower())  # the silent u of que, gui
    for group in _ES_VOWEL_GROUPS.findall(word):
        count += 1
        for left, right in itertools.pairwise(group):
            both_strong = left in _ES_STRONG and right in _ES_STRONG
            if both_strong or left in _ES_ACCENTED_WEAK or right in _ES_ACCENTED_WEAK:
                count += 1
    return max(1, count)


def flesch_kincaid_grade(text: str) -> float:
    found = words(text)
    syllables = sum(english_syllables(w) for w in found)
    return 0.39 * len(found) / sentences(text) + 11.8 * syllables / len(found) - 15.59


def fernandez_huerta(text: str) -> float:
    found = words(text)
    per_100 = 100 / len(found)
    syllables = sum(spanish_syllables(w) for w in found) * per_100
    return 206.84 - 0.60 * syllables - 1.02 * sentences(text) * per_100
