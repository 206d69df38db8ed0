"""The CMS list of peer-reviewed journals for off-label anticancer uses (data/cms_journals.json).

Matching is exact after normalising case, punctuation, "&" and a leading "The", and never by
substring: "Cancer Cell" is not "Cancer" and "Lancet Haematology" is not "The Lancet"
(MBPM ch.15 §50.4.5 lists journals, not publishers or families of journals).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from pydantic import Field, model_validator

from desktop_app.knowledge.reference import DataModel, load_reference, register_cache

JOURNALS_FILE = "cms_journals.json"


class CmsJournal(DataModel):
    title: str = Field(min_length=1)
    abbreviation: str = Field(min_length=1)  # NLM catalog abbreviation
    former_titles: tuple[str, ...] = ()
    later_titles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    note: str = ""

    def names(self) -> tuple[str, ...]:
        return (
            self.title,
            self.abbreviation,
            *self.former_titles,
            *self.later_titles,
            *self.aliases,
        )


class JournalList(DataModel):
    about: str = ""
    source: str = Field(min_length=1)
    url: str = ""  # where the list was read
    effective: dt.date  # 2007-10-22: CMS CR 5729
    journals: tuple[CmsJournal, ...]

    @model_validator(mode="after")
    def _names_unique(self) -> JournalList:
        seen: dict[str, str] = {}
        for journal in self.journals:
            for name in journal.names():
                key = normalize_journal(name)
                if not key:
                    raise ValueError(f"journal {journal.title!r} has an empty name")
                if seen.setdefault(key, journal.title) != journal.title:
                    raise ValueError(f"{name!r} names two journals")
        return self


_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalize_journal(name: object) -> str:
    """'The Lancet.' -> 'lancet'; 'N. Engl. J. Med.' -> 'n engl j med'; non-text -> ''."""
    if not isinstance(name, str):
        return ""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = _NON_WORD.sub(" ", text.casefold().replace("&", " and ")).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


@functools.cache
def journal_list() -> JournalList:
    return load_reference(JOURNALS_FILE, JournalList)


@functools.cache
def _index() -> dict[str, CmsJournal]:
    return {normalize_journal(n): j for j in journal_list().journals for n in j.names()}


def _clear() -> None:
    journal_list.cache_clear()
    _index.cache_clear()


register_cache(_clear)


def find_cms_journal(name: object) -> CmsJournal | None:
    """The CMS-listed journal a citation names (title, abbreviation or former title), or None."""
    key = normalize_journal(name)
    return _index().get(key) if key else None


def is_cms_journal(name: object) -> bool:
    return find_cms_journal(name) is not None


def find_cms_journal_for(*names: object) -> CmsJournal | None:
    """The CMS-listed journal any of these names match (a journal title and its NLM
    abbreviation, as MEDLINE's JT and TA give them), each matched exactly, or None."""
    for name in names:
        found = find_cms_journal(name)
        if found is not None:
            return found
    return None
