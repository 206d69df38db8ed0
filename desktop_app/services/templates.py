"""Letter templates for the CLI and the template manager: list, lint, save, version (the
editor's preview: services/template_preview.py).

Custom templates live in the user's data folder ("user") or in a folder the practice shares
("shared", settings.shared_templates_dir). One with a built-in's id replaces the built-in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from desktop_app.errors import TemplateError
from desktop_app.letters.frontmatter import split_front_matter
from desktop_app.letters.templates import (
    TEMPLATE_SUFFIX,
    LetterTemplate,
    builtin_templates_dir,
    get_template,
    load_template,
    read_template_text,
    template_from_text,
)
from desktop_app.letters.templates import list_templates as _letter_templates
from desktop_app.services import template_versions as versions
from desktop_app.services.template_sources import letter_template_folders, template_folders

LOCATION_WORDS = {
    "built-in": "Built-in",
    "shared": "Practice shared folder",
    "user": "Your templates folder",
}


@dataclass(frozen=True, slots=True)
class TemplateInfo:
    id: str
    title: str
    kind: str
    version: str
    builtin: bool
    path: str
    description: str = ""
    location: str = "built-in"  # built-in | shared | user
    active: bool = True  # the one letters use for this id
    overrides_builtin: bool = False  # a custom template that takes a built-in's place
    last_changed: dt.datetime | None = None
    content_hash: str = ""

    @property
    def status(self) -> str:
        """What the manager shows: where it lives and whether letters use it."""
        if self.builtin:
            return "Built-in" if self.active else "Built-in (replaced by a custom template)"
        where = "Shared folder" if self.location == "shared" else "Custom"
        if not self.active:
            return f"{where} (not used: another custom template has this id)"
        return f"{where} — overrides built-in" if self.overrides_builtin else where


@dataclass(frozen=True, slots=True)
class TemplateProblemInfo:
    line: int | None
    message: str
    severity: str


@dataclass(frozen=True, slots=True)
class TemplateVersionInfo:
    version: str
    saved_at: dt.datetime
    current: bool


def _info(
    template: LetterTemplate, location: str, active: bool, builtin_ids: set[str]
) -> TemplateInfo:
    changed = None
    if template.path is not None and template.path.is_file():
        changed = dt.datetime.fromtimestamp(template.path.stat().st_mtime, tz=dt.UTC)
    return TemplateInfo(
        id=template.id,
        title=template.title,
        kind=template.kind,
        version=str(template.version),
        builtin=template.builtin,
        path=str(template.path or ""),
        description=template.description,
        location=location,
        active=active,
        overrides_builtin=not template.builtin and template.id in builtin_ids,
        last_changed=changed,
        content_hash=template.content_hash,
    )


def list_templates() -> list[TemplateInfo]:
    """The templates letters use, one per id (custom ones in place of built-ins)."""
    return [t for t in template_catalog() if t.active]


def _active_templates() -> list[LetterTemplate]:
    return _letter_templates(letter_template_folders())


def _folder(location: str) -> Path:
    folders = template_folders()
    if location not in folders:
        raise TemplateError(
            "no shared templates folder is set", hint="choose one in Settings first"
        )
    return folders[location]


def template_catalog() -> list[TemplateInfo]:
    """Every template file: built-ins, the shared folder's and the user's, each marked."""
    active = {t.id: t.content_hash for t in _active_templates()}
    builtin = [load_template(p, builtin=True) for p in _files(builtin_templates_dir())]
    builtin_ids = {t.id for t in builtin}
    rows: list[TemplateInfo] = []
    chosen: set[str] = set()
    custom: list[tuple[LetterTemplate, str]] = []
    for location, folder in reversed(list(template_folders().items())):  # user first: it wins
        for path in _files(folder):
            try:
                custom.append((load_template(path), location))
            except TemplateError:
                continue  # unusable files are skipped, as get_template does
    for template, location in custom + [(t, "built-in") for t in builtin]:
        is_active = template.id not in chosen and active.get(template.id) == template.content_hash
        if is_active:
            chosen.add(template.id)
        rows.append(_info(template, location, is_active, builtin_ids))
    return sorted(rows, key=lambda t: (t.id, not t.active, t.location))


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{TEMPLATE_SUFFIX}")) if folder.is_dir() else []


def template_source(template_id: str) -> str:
    return get_template(template_id, letter_template_folders()).source


def read_template_file(path: str | Path) -> str:
    """The text of one template file (built-in or custom)."""
    return load_template(Path(path)).source


def validate_template_file(path: Path) -> list[TemplateProblemInfo]:
    """Lint a template file; TemplateError (naming the file) if it cannot be read."""
    return lint_template_text(read_template_text(path))


def lint_template_text(text: str) -> list[TemplateProblemInfo]:
    """Every problem in a template's text, with its line in the file."""
    from desktop_app.letters.lint import lint_template

    return [TemplateProblemInfo(p.line, p.message, str(p.severity)) for p in lint_template(text)]


def new_id_problem(new_id: str) -> str | None:
    """Why `new_id` cannot name a new template, in words; None when it can."""
    import re

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", new_id):
        return "use lowercase letters, digits and hyphens, e.g. northwind-appeal"
    if any(t.id == new_id for t in template_catalog()):
        return f"a template with id '{new_id}' already exists"
    return None


def duplicate_text(source: str, new_id: str | None, new_title: str | None = None) -> str:
    """A copy of a template to customise; with a new id (and title) it becomes a new letter."""
    if new_id is None:
        return source
    _, opening, closing = split_front_matter(source)
    lines = source.splitlines(keepends=True)
    for index in range(opening, closing - 1):
        key = lines[index].split("=", 1)[0].strip()
        if key == "id":
            lines[index] = f'id = "{new_id}"\n'
        elif key == "title" and new_title:
            lines[index] = f"title = {_toml_string(new_title)}\n"
    return "".join(lines)


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _publish(location: str) -> None:
    """A save to the practice's templates on a shared database reaches every desk."""
    if location == "shared":
        from desktop_app.services.practice_templates import publish_practice_templates

        publish_practice_templates()


def _require_admin() -> None:
    """Templates are the practice's letters: only an admin changes them (none in a solo office)."""
    from desktop_app.services.people import require

    require("edit_templates")


def save_template_text(text: str, location: str = "user") -> TemplateInfo:
    """Save (a new version of) a custom template; TemplateError with the line if it has errors."""
    _require_admin()
    if location == "shared":
        _refuse_if_saved_since_opened(text, _folder(location))
    return _save_text(text, location)


def _save_text(text: str, location: str) -> TemplateInfo:
    saved = versions.save_template(text, _folder(location))
    _publish(location)
    return _find(saved.id, location, saved.content_hash)


def _refuse_if_saved_since_opened(text: str, folder: Path) -> None:
    """A practice template another desk saved after this text was opened is not overwritten.

    The text names the version it was opened at; a newer current version in the practice's
    folder means someone else's save would silently become history."""
    template = template_from_text(text)
    path = versions.custom_template_file(folder, template.id)
    if path is None:
        return
    current = load_template(path)
    if versions.version_key(current.version) > versions.version_key(template.version):
        raise TemplateError(
            f"someone saved version {current.version} of this practice template after "
            f"you opened version {template.version}; yours was not saved",
            hint="copy your text, open the template again to see theirs, then save",
        )


def _find(template_id: str, location: str, content_hash: str) -> TemplateInfo:
    for row in template_catalog():
        if row.id == template_id and row.location == location and row.content_hash == content_hash:
            return row
    raise TemplateError(f"template '{template_id}' was saved but cannot be found")


def delete_custom_template(template_id: str, location: str = "user") -> None:
    """Delete a custom template (its versions are kept); built-ins cannot be deleted."""
    _require_admin()
    versions.delete_template(template_id, _folder(location))
    _publish(location)


def import_template_file(path: Path, location: str = "user") -> TemplateInfo:
    """Copy a template file in; refused with the first problem's line if it has errors."""
    _require_admin()
    text = read_template_text(path, shown=path.name)
    try:
        return _save_text(text, location)  # an older exported copy becomes the newest version
    except TemplateError as exc:
        exc.file = path.name
        raise


def export_template_file(text: str, target: Path) -> None:
    """Write a template's text to a file the admin chose (atomically)."""
    from desktop_app.storage.paths import atomic_writer

    with atomic_writer(target) as stream:
        stream.write(text.encode("utf-8"))


def template_history(template_id: str, location: str = "user") -> list[TemplateVersionInfo]:
    return [
        TemplateVersionInfo(v.version, v.saved_at, v.current)
        for v in versions.template_history(template_id, _folder(location))
    ]


def template_version_text(template_id: str, version: str, location: str = "user") -> str:
    return versions.version_text(template_id, version, _folder(location))


def restore_template_version(
    template_id: str, version: str, location: str = "user"
) -> TemplateInfo:
    """Make an old version current again, saved as a new version."""
    _require_admin()
    saved = versions.restore_version(template_id, version, _folder(location))
    _publish(location)
    return _find(saved.id, location, saved.content_hash)
