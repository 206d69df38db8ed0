"""Saving a custom template keeps every earlier version, which can be viewed and restored.

Each save of a changed template raises its front-matter `version` (1.0.0 -> 1.0.1) and moves the
text it replaces to `<folder>/.versions/<id>/<version>.letter`, so a letter's recorded template
version always names text that still exists. Restoring an old version saves it again as a new
version: history only grows. A template with lint errors is never saved, because a custom
template with a built-in's id replaces it for every letter. (Here in services, not letters/:
it writes files, and letters do no I/O of their own.)
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.findings import Severity
from desktop_app.errors import TemplateError
from desktop_app.letters.frontmatter import split_front_matter
from desktop_app.letters.templates import (
    TEMPLATE_SUFFIX,
    LetterTemplate,
    builtin_templates_dir,
    load_template,
    read_template_text,
    template_from_text,
)
from desktop_app.storage.paths import write_private

VERSIONS_FOLDER = ".versions"
_VERSION_TEXT = re.compile(r"^\d+(\.\d+){0,2}$")
_VERSION_LINE = re.compile(r"""^(\s*version\s*=\s*)("[^"]*"|'[^']*'|\d+)(.*)$""")


@dataclass(frozen=True, slots=True)
class TemplateVersion:
    version: str
    saved_at: dt.datetime
    path: Path
    current: bool  # the version letters are made with now


def version_key(version: str) -> tuple[int, int, int]:
    """'1.2' sorts as (1, 2, 0): versions compare as numbers, not text ('1.10' > '1.9')."""
    parts = [int(p) for p in version.split(".")] if _VERSION_TEXT.match(version) else [0]
    padded = [*parts, 0, 0, 0]
    return padded[0], padded[1], padded[2]


def next_version(version: str) -> str:
    """The version after this one, in the same style: '7' -> '8', '1.0.0' -> '1.0.1'."""
    parts = version.split(".") if _VERSION_TEXT.match(version) else ["0"]
    parts[-1] = str(int(parts[-1]) + 1)
    return ".".join(parts)


def set_version(text: str, version: str) -> str:
    """The template text with its front-matter `version` replaced; nothing else changes."""
    _, opening, closing = split_front_matter(text)
    lines = text.splitlines(keepends=True)
    for index in range(opening, closing - 1):
        match = _VERSION_LINE.match(lines[index].rstrip("\r\n"))
        if match:
            ending = lines[index][len(lines[index].rstrip("\r\n")) :]
            value = version if match.group(2).isdigit() and version.isdigit() else f'"{version}"'
            lines[index] = f"{match.group(1)}{value}{match.group(3)}{ending}"
            return "".join(lines)
    raise TemplateError("the front matter lacks 'version'", line=opening, field="version")


def custom_template_file(folder: Path, template_id: str) -> Path | None:
    """The file in `folder` that holds the template with this id (its name may differ)."""
    if not folder.is_dir():
        return None
    preferred = folder / f"{template_id}{TEMPLATE_SUFFIX}"
    candidates = [preferred] if preferred.is_file() else []
    candidates += [p for p in sorted(folder.glob(f"*{TEMPLATE_SUFFIX}")) if p != preferred]
    for path in candidates:
        try:
            if load_template(path).id == template_id:
                return path
        except TemplateError:
            continue
    return None


def save_template(text: str, folder: Path) -> LetterTemplate:
    """Save a template into `folder`, raising its version and keeping the one it replaces.

    TemplateError (with the line) if the text has errors: a broken template is never saved.
    """
    from desktop_app.letters.lint import lint_template

    template = template_from_text(text)
    errors = [p for p in lint_template(text) if p.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        where = f"line {first.line}: " if first.line else ""
        count = f"{len(errors)} problems" if len(errors) > 1 else "a problem"
        raise TemplateError(
            f"not saved: the template has {count} ({where}{first.message})",
            line=first.line,
            hint="fix the problems listed under the editor, then save again",
        )
    existing_path = custom_template_file(folder, template.id)
    existing = load_template(existing_path) if existing_path else None
    if existing is not None and existing.source == text:
        return existing  # nothing changed: no new version
    earlier = [v.version for v in template_history(template.id, folder)]
    earlier += _builtin_version(template.id)
    newest = max(earlier, key=version_key, default=None)
    if newest is not None and version_key(template.version) <= version_key(newest):
        text = set_version(text, next_version(newest))
    if existing is not None and existing_path is not None:
        _archive(existing, existing_path, folder)
    target = existing_path or folder / f"{template.id}{TEMPLATE_SUFFIX}"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_private(target, text.encode("utf-8"))
    return load_template(target)


def _builtin_version(template_id: str) -> list[str]:
    path = builtin_templates_dir() / f"{template_id}{TEMPLATE_SUFFIX}"
    return [load_template(path, builtin=True).version] if path.is_file() else []


def _history_dir(folder: Path, template_id: str) -> Path:
    return folder / VERSIONS_FOLDER / template_id


def _archive(template: LetterTemplate, path: Path, folder: Path) -> None:
    """Copy the text being replaced into the history, keeping when it was saved."""
    history = _history_dir(folder, template.id)
    # One folder at a time: mkdir's mode applies to the last folder only, the others would
    # take the umask's (0755), and the history holds the practice's letter wording.
    history.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    history.mkdir(exist_ok=True, mode=0o700)
    target = history / f"{template.version}{TEMPLATE_SUFFIX}"
    number = 1
    while target.is_file() and read_template_text(target) != template.source:
        number += 1  # the file was edited by hand without a new version: keep both
        target = history / f"{template.version}~{number}{TEMPLATE_SUFFIX}"
    saved_at = path.stat().st_mtime
    write_private(target, template.source.encode("utf-8"))
    os.utime(target, (saved_at, saved_at))


def template_history(template_id: str, folder: Path) -> list[TemplateVersion]:
    """Every kept version of a custom template, newest first; the current one is marked."""
    found: list[TemplateVersion] = []
    current = custom_template_file(folder, template_id)
    if current is not None:
        found.append(_version_entry(current, current=True))
    history = _history_dir(folder, template_id)
    if history.is_dir():
        found += [_version_entry(p, current=False) for p in history.glob(f"*{TEMPLATE_SUFFIX}")]
    return sorted(found, key=lambda v: (version_key(v.version), v.saved_at), reverse=True)


def _version_entry(path: Path, *, current: bool) -> TemplateVersion:
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
    try:
        version = load_template(path).version
    except TemplateError:
        version = path.stem.split("~")[0]
    return TemplateVersion(version, stamp, path, current)


def version_text(template_id: str, version: str, folder: Path) -> str:
    """The text of one kept version; TemplateError if there is none."""
    for entry in template_history(template_id, folder):
        if entry.version == version:
            return read_template_text(entry.path)
    raise TemplateError(f"template '{template_id}' has no kept version {version}")


def restore_version(template_id: str, version: str, folder: Path) -> LetterTemplate:
    """Make an old version current again, saved as a new version (history only grows)."""
    return save_template(version_text(template_id, version, folder), folder)


def delete_template(template_id: str, folder: Path) -> None:
    """Remove a custom template; its text stays in the history. Built-ins cannot be deleted."""
    path = custom_template_file(folder, template_id)
    if path is None:
        raise TemplateError(
            f"'{template_id}' is not a custom template in this folder",
            hint="built-in templates cannot be deleted; a custom copy can replace one",
        )
    _archive(load_template(path), path, folder)
    path.unlink()
