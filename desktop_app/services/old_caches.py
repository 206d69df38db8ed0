"""Once a day, off the start's path: remove the cache entries of other app versions.

Which names are this version's comes from the code that writes each cache (compiled
templates: services/template_cache.py; the ICD-10-CM index: knowledge/icd10.py; parsed fonts:
export/parsed_fonts.py; generated code: storage/generated_code.py); what is removed, and
what never is, is storage/cache_pruning.py's. A cache that cannot be read, listed or written
is left as it is, without a word to staff: it holds nothing but what the app can rebuild.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from desktop_app.errors import AppError
from desktop_app.storage import cache_pruning
from desktop_app.storage.cache_pruning import CacheKind
from desktop_app.storage.font_cache import FACE_NAME, FONT_FOLDER
from desktop_app.storage.paths import cache_home

log = logging.getLogger(__name__)

# What services/template_cache.py names its folder, and what Jinja's FileSystemBytecodeCache
# writes in it: "__jinja2_<sha1>.cache", and the same with a random ".tmp" tail while writing.
_TEMPLATES = re.compile(r"templates-[0-9a-f]{16}")
_COMPILED = re.compile(r"__jinja2_[0-9a-f]{40}\.cache(?:[a-z0-9_]{1,32}\.tmp)?")
# knowledge/icd10.cache_path: "icd10-<simple-icd-10-cm version>-<part>.json".
_ICD10 = re.compile(r"icd10-[A-Za-z0-9.+!_-]{1,64}-(?:codes|descriptions)\.json")
_FONT = re.compile(FACE_NAME.pattern + r"\.font")
# storage/generated_code.file_name: "generated-code-<cache tag>-<hex version>.marshal", and
# "...-<hex version>-<command>.marshal" for a command's own table.
_GENERATED = re.compile(
    r"generated-code-[a-z0-9_-]{1,32}-[0-9a-f]{1,16}(?:-[a-z]{1,16})?\.marshal")


def remove_old_caches(*, now: float | None = None, every_day: bool = True) -> int:
    """Remove other versions' entries unused for a week; how many were removed. With
    `every_day`, at most one look a day (the check costs one stat otherwise). Never raises:
    tidying a cache must not fail the command or the start it follows."""
    try:
        return _remove_old_caches(now, every_day)
    except Exception as exc:  # noqa: BLE001  see above; the cache stays as it was
        log.warning("old cache entries were not looked for (%s)", type(exc).__name__)
        return 0


def _remove_old_caches(now: float | None, every_day: bool) -> int:
    try:
        root = cache_home()
    except AppError:
        return 0
    if every_day and not cache_pruning.checking_due(root, now):
        return 0
    removed = cache_pruning.remove_stale(root, CACHE_FOLDER_KINDS, now=now)
    fonts = root / FONT_FOLDER
    if not fonts.is_symlink():  # the app's own folder, never a link out of the cache folder
        removed += cache_pruning.remove_stale(fonts, FONT_FOLDER_KINDS, now=now)
    cache_pruning.note_checked(root)
    if removed:
        log.info("removed %d cache entries of other app versions", removed)
    return removed


def _is_current_templates(path: Path) -> bool:
    from desktop_app.services.template_cache import current_folder_name

    try:
        return path.name == current_folder_name()
    except (OSError, AppError, ImportError):
        return True  # this version's name unknown: keep everything


def _is_current_icd10(path: Path) -> bool:
    from desktop_app.knowledge.icd10 import cache_path

    try:
        current = [cache_path(part) for part in ("codes", "descriptions")]
    except (OSError, AppError):
        return True
    if None in current:
        return True  # no cache folder named: nothing to compare with, keep everything
    return path.name in {p.name for p in current if p is not None}


def _is_current_generated_code(path: Path) -> bool:
    """A table of the Python running now (another Python's is never read again)."""
    from desktop_app.storage.generated_code import file_name

    shared = file_name()
    return path.name == shared or (
        path.name.startswith(shared.removesuffix(".marshal") + "-")
        and path.name.count("-") == shared.count("-") + 1
    )


def _is_current_font(path: Path) -> bool:
    """A face the app ships whose entry was made by this version from the shipped font file
    (an entry made by another version is replaced when this one uses the face, but a face
    seldom used, such as the emoji one, would otherwise keep its stale megabytes)."""
    from desktop_app.export.assets import asset_path
    from desktop_app.export.fonts import FONT_FILES
    from desktop_app.export.parsed_fonts import HEAD_SIZE, entry_key, kept_key

    face = path.name.removesuffix(".font")
    if face not in FONT_FILES:
        return False  # a face this version no longer ships
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as stream:
            kept = kept_key(stream.read(HEAD_SIZE))
        if kept is None:
            return False  # an entry of another format: another version's
        return kept == entry_key(asset_path("fonts", FONT_FILES[face]).read_bytes())
    except (OSError, AppError):
        return True  # cannot tell: keep it


# What the cache folder holds that is keyed by a version, and what its `fonts` folder holds.
CACHE_FOLDER_KINDS = (
    CacheKind(_TEMPLATES, _is_current_templates, contents=_COMPILED),
    CacheKind(_ICD10, _is_current_icd10),
    CacheKind(_GENERATED, _is_current_generated_code),
)
FONT_FOLDER_KINDS = (CacheKind(_FONT, _is_current_font),)
