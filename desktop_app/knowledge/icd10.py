"""The ICD-10-CM code set: lookup and autocomplete over a compact index of simple_icd_10_cm.

Importing `simple_icd_10_cm` takes about 2 s because it parses the CMS XML, so the
package is imported only to build the index once per package version. The index is cached in
the cache folder (storage.paths.cache_home) in two files: codes with billable flags (small;
all a check needs) and the descriptions (read only for lookups and autocomplete). A damaged
cache is rebuilt silently.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app import limits
from desktop_app.domain.identifiers import normalize_icd10
from desktop_app.errors import AppError, StorageError
from desktop_app.knowledge.installed_version import installed_version
from desktop_app.knowledge.places import cache_dir, write_derived

log = logging.getLogger(__name__)

PACKAGE = "simple-icd-10-cm"
_CACHE_FORMAT = 3  # bump when the index's content or layout changes


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
    """Sorted codes with parallel billable flags; descriptions are read only when needed."""

    def __init__(self, codes: list[str], billable: str, descriptions: list[str] | None) -> None:
        if not codes or len(codes) != len(billable):
            raise ValueError("index columns differ in length")
        if descriptions is not None and len(descriptions) != len(codes):
            raise ValueError("index columns differ in length")
        self.codes = codes
        self.billable = billable
        self._descriptions = descriptions
        self._lowered: list[str] | None = None

    def descriptions(self) -> list[str]:
        with _lock:
            if self._descriptions is None:
                self._descriptions = _load_descriptions(len(self.codes)) or _rebuild_for(self)
            return self._descriptions

    def lowered(self) -> list[str]:
        if self._lowered is None:
            self._lowered = [text.lower() for text in self.descriptions()]
        return self._lowered

    def entry(self, position: int) -> IcdEntry:
        description = self.descriptions()[position]
        return IcdEntry(self.codes[position], description, self.billable[position] == "1")

    def find(self, code: str) -> int | None:
        position = bisect.bisect_left(self.codes, code)
        if position < len(self.codes) and self.codes[position] == code:
            return position
        return None

    def with_prefix(self, prefix: str) -> range:
        start = bisect.bisect_left(self.codes, prefix)
        # "\x7f" sorts after every character a code can hold.
        return range(start, bisect.bisect_left(self.codes, prefix + "\x7f", lo=start))


_lock = threading.RLock()
_index: _Index | None = None


def package_version() -> str:
    """The installed simple-icd-10-cm version, which fixes the ICD-10-CM release it ships."""
    return installed_version(PACKAGE, "simple_icd_10_cm") or "missing"


def cache_path(part: str = "codes") -> Path | None:
    """The cache file of one part ("codes" or "descriptions") for the installed version; None
    when services named no cache folder (the index then lives in memory only)."""
    folder = cache_dir()
    return folder / f"icd10-{package_version()}-{part}.json" if folder is not None else None


def lookup(code: str) -> IcdEntry | None:
    """The entry for a code (with or without its dot, any case), or None if it is not listed."""
    normalized = normalize_icd10(code)
    if normalized is None:
        return None
    index = _get_index()
    position = index.find(normalized)
    return None if position is None else index.entry(position)


def billable(code: str) -> bool | None:
    """True for a billable code, False for a category with subcodes, None if not listed.

    Cheaper than `lookup`: it never reads the descriptions, so a command-line check stays fast.
    """
    normalized = normalize_icd10(code)
    if normalized is None:
        return None
    index = _get_index()
    position = index.find(normalized)
    return None if position is None else index.billable[position] == "1"


def search(text: str, limit: int = 20) -> list[IcdEntry]:
    """Autocomplete: codes starting with `text` first, then descriptions holding every word.

    Description matches list neoplasm codes (chapter 2, C00-D49) first, because this is an
    oncology tool, and codes whose category also matches before the rest, each in code order.
    """
    query = " ".join(text.split())
    if not query or limit <= 0:
        return []
    index = _get_index()
    found = list(_code_prefix_matches(index, query, limit))
    if len(found) < limit:
        seen = set(found)
        # Scan for the longest word first (fewest hits), then check the others on those.
        first, *others = sorted(query.lower().split(), key=len, reverse=True)
        lowered = index.lowered()
        matches = [
            position
            for position in [p for p, text in enumerate(lowered) if first in text]
            if position not in seen and all(word in lowered[position] for word in others)
        ]
        # Neoplasms first; then codes whose 3-character category matches too, so "breast"
        # lists C50 (breast cancer) before C43.52 (melanoma of the skin of the breast).
        matched = {index.codes[position] for position in matches}
        matches.sort(key=lambda p: _rank(index.codes[p], matched))
        found.extend(matches[: limit - len(found)])
    return [index.entry(position) for position in found[:limit]]


def _code_prefix_matches(index: _Index, query: str, limit: int) -> list[int]:
    prefix = query.upper().replace(" ", "")
    if not re.fullmatch(r"[A-Z]\d[0-9A-Z.]{0,6}", prefix):
        return []
    if len(prefix) > 3 and "." not in prefix:
        prefix = f"{prefix[:3]}.{prefix[3:]}"
    return list(index.with_prefix(prefix)[:limit])


def _rank(code: str, matched: set[str]) -> tuple[bool, bool, str]:
    return (not _is_neoplasm_chapter(code), code[:3] not in matched, code)


def _is_neoplasm_chapter(code: str) -> bool:
    # ICD-10-CM chapter 2: C00-D49. [ICD]
    return code[0] == "C" or (code[0] == "D" and code[1:3] < "50")


def warm_up() -> None:
    """Load (or build) the whole index now, descriptions included, e.g. on a worker thread at
    start-up, so neither the first check nor the first autocomplete waits."""
    _get_index().lowered()


def _get_index() -> _Index:
    global _index
    with _lock:
        if _index is None:
            _index = _load_cached() or _build_and_cache()
        return _index


def _read_cache(part: str) -> dict[str, Any] | None:
    """One cache file's JSON object, or None when it is absent, damaged or of another format."""
    path = cache_path(part)
    if path is None or not path.exists():  # the first run: built without a word
        return None
    try:
        data = limits.read_bounded(path, limits.ICD10_CACHE_BYTES, what="the ICD-10-CM index")
        document = json.loads(data)
    except (OSError, ValueError, AppError):
        # A damaged cache file: rebuild it from the package without bothering anyone.
        log.info("ICD-10-CM cache unreadable; rebuilding it")
        return None
    if not isinstance(document, dict) or document.get("format") != _CACHE_FORMAT:
        return None
    return document


def _load_cached() -> _Index | None:
    document = _read_cache("codes")
    try:
        if document is not None:
            return _Index(document["codes"].split("\n"), document["billable"], None)
    except (KeyError, TypeError, AttributeError, ValueError):
        log.info("ICD-10-CM cache unreadable; rebuilding it")
    return None


def _load_descriptions(count: int) -> list[str] | None:
    document = _read_cache("descriptions")
    try:
        if document is not None:
            descriptions: list[str] = document["descriptions"].split("\n")
            if len(descriptions) == count:
                return descriptions
    except (KeyError, TypeError, AttributeError):
        pass
    log.info("ICD-10-CM descriptions cache unreadable; rebuilding it")
    return None


def _rebuild_for(index: _Index) -> list[str]:
    """Rebuild both cache files; `index` takes the fresh columns (the same, for one version)."""
    fresh = _build_and_cache()
    index.codes, index.billable = fresh.codes, fresh.billable
    return fresh.descriptions()


def _build_and_cache() -> _Index:
    codes, descriptions, billable_flags = _read_package()
    index = _Index(codes, billable_flags, descriptions)
    version = package_version()
    parts = {
        "codes": {"codes": "\n".join(codes), "billable": billable_flags},
        "descriptions": {"descriptions": "\n".join(descriptions)},
    }
    try:
        for part, columns in parts.items():
            path = cache_path(part)
            if path is None:
                break
            document = {"format": _CACHE_FORMAT, "package_version": version, **columns}
            write_derived(path, json.dumps(document, ensure_ascii=False).encode("utf-8"))
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

    rows = {}
    for code in cm.get_all_codes(True):
        # A few codes (C50, C7A, D49, B20 ...) name both a block and its only category; the
        # package lists them twice and calls them blocks, but they are codes staff enter.
        if code in rows or (cm.is_chapter_or_block(code) and not cm.is_category(code)):
            continue
        # Collapse the odd tab or line break inside a CMS description.
        description = " ".join(cm.get_description(code).split())
        rows[code] = (description, "1" if cm.is_leaf(code) else "0")
    codes = sorted(rows)
    return codes, [rows[c][0] for c in codes], "".join(rows[c][1] for c in codes)


def _forget_index() -> None:
    """For tests: drop the in-memory index so the next use reads the cache again."""
    global _index
    with _lock:
        _index = None
