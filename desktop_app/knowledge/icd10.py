"""The ICD-10-CM code set: lookup and autocomplete over a compact index of simple_icd_10_cm.

Importing `simple_icd_10_cm` takes about 2 s because it parses the CMS XML (TECH.md), so the
package is imported only to build the index once per package version. The index is cached in
the data folder as three newline-joined strings (codes, descriptions, billable flags), which a
fresh process reads in a few tens of milliseconds. A damaged cache is rebuilt silently.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
import threading
import warnings
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from pathlib import Path

from desktop_app.domain.identifiers import normalize_icd10
from desktop_app.errors import AppError, StorageError
from desktop_app.storage.paths import data_home, ensure_private_dir, write_private

log = logging.getLogger(__name__)

PACKAGE = "simple-icd-10-cm"
_CACHE_FORMAT = 1


@dataclass(frozen=True, slots=True)
class IcdEntry:
    """One ICD-10-CM code. Only codes without subcodes are billable on a claim."""

    code: str  # with its dot: "C34.90"
    description: str
    billable: bool

    @property
    def has_subcodes(self) -> bool:
        # In ICD-10-CM a code is billable exactly when it is a leaf of the tabular list.
        return not self.billable


class _Index:
    """Sorted codes with parallel descriptions and billable flags."""

    def __init__(self, codes: list[str], descriptions: list[str], billable: str) -> None:
        if not (len(codes) == len(descriptions) == len(billable)) or not codes:
            raise ValueError("index columns differ in length")
        self.codes = codes
        self.descriptions = descriptions
        self.billable = billable

    @cached_property
    def lowered(self) -> list[str]:
        return [text.lower() for text in self.descriptions]

    def entry(self, position: int) -> IcdEntry:
        return IcdEntry(
            self.codes[position], self.descriptions[position], self.billable[position] == "1"
        )

    def find(self, code: str) -> int | None:
        position = bisect.bisect_left(self.codes, code)
        if position < len(self.codes) and self.codes[position] == code:
            return position
        return None

    def with_prefix(self, prefix: str) -> range:
        start = bisect.bisect_left(self.codes, prefix)
        # "\x7f" sorts after every character a code can hold.
        return range(start, bisect.bisect_left(self.codes, prefix + "\x7f", lo=start))


_lock = threading.Lock()
_index: _Index | None = None


def package_version() -> str:
    """The installed simple-icd-10-cm version, which fixes the ICD-10-CM release it ships."""
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return "missing"


def cache_path() -> Path:
    return data_home() / "cache" / f"icd10-{package_version()}.json"


def lookup(code: str) -> IcdEntry | None:
    """The entry for a code (with or without its dot, any case), or None if it is not listed."""
    normalized = normalize_icd10(code)
    if normalized is None:
        return None
    index = _get_index()
    position = index.find(normalized)
    return None if position is None else index.entry(position)


def search(text: str, limit: int = 20) -> list[IcdEntry]:
    """Autocomplete: codes starting with `text` first, then descriptions holding every word.

    Description matches list neoplasm codes (chapter 2, C00-D49) first, because this is an
    oncology tool, then by code.
    """
    query = " ".join(text.split())
    if not query or limit <= 0:
        return []
    index = _get_index()
    found = list(_code_prefix_matches(index, query, limit))
    if len(found) < limit:
        seen = set(found)
        words = query.lower().split()
        matches = [
            position
            for position, description in enumerate(index.lowered)
            if position not in seen and all(word in description for word in words)
        ]
        # A stable sort: neoplasms first, each group still in code order.
        matches.sort(key=lambda position: not _is_neoplasm_chapter(index.codes[position]))
        found.extend(matches[: limit - len(found)])
    return [index.entry(position) for position in found[:limit]]


def _code_prefix_matches(index: _Index, query: str, limit: int) -> list[int]:
    prefix = query.upper().replace(" ", "")
    if not re.fullmatch(r"[A-Z]\d[0-9A-Z.]{0,6}", prefix):
        return []
    if len(prefix) > 3 and "." not in prefix:
        prefix = f"{prefix[:3]}.{prefix[3:]}"
    return list(index.with_prefix(prefix))[:limit]


def _is_neoplasm_chapter(code: str) -> bool:
    # ICD-10-CM chapter 2: C00-D49. [ICD]
    return code[0] == "C" or (code[0] == "D" and code[1:3] < "50")


def warm_up() -> None:
    """Load (or build) the index now, e.g. on a worker thread at start-up."""
    _get_index()


def _get_index() -> _Index:
    global _index
    with _lock:
        if _index is None:
            _index = _load_cached() or _build_and_cache()
        return _index


def _load_cached() -> _Index | None:
    try:
        path = cache_path()
        document = json.loads(path.read_bytes())
        if document.get("format") != _CACHE_FORMAT:
            return None
        return _Index(
            document["codes"].split("\n"),
            document["descriptions"].split("\n"),
            document["billable"],
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError, AttributeError, AppError):
        # A damaged or foreign cache file: rebuild it from the package without bothering anyone.
        log.info("ICD-10-CM cache unreadable; rebuilding it")
        return None


def _build_and_cache() -> _Index:
    codes, descriptions, billable = _read_package()
    index = _Index(codes, descriptions, billable)
    document = {
        "format": _CACHE_FORMAT,
        "package_version": package_version(),
        "codes": "\n".join(codes),
        "descriptions": "\n".join(descriptions),
        "billable": billable,
    }
    try:
        path = cache_path()
        ensure_private_dir(path.parent)
        write_private(path, json.dumps(document, ensure_ascii=False).encode("utf-8"))
    except AppError:
        # No cache this time (read-only or full disk): the index still works in memory.
        log.warning("could not save the ICD-10-CM cache")
    return index


def _read_package() -> tuple[list[str], list[str], str]:
    """Every category, subcategory and code of the tabular list, sorted by code."""
    try:
        with warnings.catch_warnings():
            # The package reads its XML through deprecated importlib.resources calls.
            warnings.simplefilter("ignore", DeprecationWarning)
            import simple_icd_10_cm as cm  # slow import (about 2 s), hence here
    except ImportError:
        raise StorageError(
            "the ICD-10-CM code set is not installed",
            hint="reinstall PA Letter Studio to restore the simple-icd-10-cm package",
        ) from None

    rows = []
    for code in cm.get_all_codes(True):
        if cm.is_chapter_or_block(code):
            continue
        # Collapse the odd tab or line break inside a CMS description.
        description = " ".join(cm.get_description(code).split())
        rows.append((code, description, "1" if cm.is_leaf(code) else "0"))
    rows.sort()
    return [r[0] for r in rows], [r[1] for r in rows], "".join(r[2] for r in rows)


def _forget_index() -> None:
    """For tests: drop the in-memory index so the next use reads the cache again."""
    global _index
    with _lock:
        _index = None
