"""Finding letter templates: the built-in ones, the practice's shared folder, the user's folder.

A custom template whose id matches a built-in takes its place (user folder over shared folder
over built-in), so an admin customises a letter without touching the installed files.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import desktop_app
from desktop_app import limits
from desktop_app.errors import TemplateError
from desktop_app.letters.frontmatter import parse_front_matter, split_front_matter

log = logging.getLogger(__name__)

TEMPLATE_SUFFIX = ".letter"
TEMPLATES_FOLDER = "templates"
KIND_TEMPLATES = {"preauth": "offlabel-preauth", "appeal": "offlabel-appeal", "fax": "fax-cover"}


@dataclass(frozen=True, slots=True)
class LetterTemplate:
    id: str
    title: str
    kind: str
    version: str
    description: str
    required_fields: tuple[str, ...]
    rule_sets: tuple[str, ...]
    source: str  # the whole file, front matter included
    path: Path | None
    content_hash: str  # sha256 of the file's bytes, recorded with every letter made from it
    builtin: bool
    body_start: int  # the file line where the Jinja body begins
    front_matter_end: int  # the line of the closing '+++'
    language: str = "en"  # what the letter is written in; its page furniture follows it


def template_from_text(
    text: str, *, path: Path | None = None, builtin: bool = False
) -> LetterTemplate:
    """Parse a template's text; TemplateError (with the line) if its front matter is wrong."""
    file = path.name if path else None
    check_template_size(text, file)
    front = parse_front_matter(text, file)
    _, _, closing = split_front_matter(text, file)
    return LetterTemplate(
        id=front.id,
        title=front.title,
        kind=front.kind,
        version=front.version,
        description=front.description,
        required_fields=front.required_fields,
        rule_sets=front.rule_sets,
        source=text,
        path=path,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        builtin=builtin,
        body_start=front.body_start,
        front_matter_end=closing,
        language=front.language,
    )


def check_template_size(text: str, file: str | None = None) -> None:
    """Text typed or pasted into the editor meets the same cap as a template file."""
    if len(text) > limits.TEMPLATE_FILE_BYTES:
        cap = limits.size_words(limits.TEMPLATE_FILE_BYTES)
        raise TemplateError(f"the template is too large to be a letter template (over {cap})",
                            file=file)


def read_template_text(path: Path, *, shown: str | None = None) -> str:
    """A template file's text, read no further than the template cap (limits.py)."""
    shown = str(path) if shown is None else shown
    data = limits.read_bounded(
        path, limits.TEMPLATE_FILE_BYTES, what="a letter template", error=TemplateError,
        shown=shown,
    )
    try:
        # Notepad and Excel save "UTF-8" with a byte order mark; it is no part of the text.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TemplateError(
            "the template is not UTF-8 text", file=shown, hint="save it as UTF-8"
        ) from None


def load_template(path: Path, *, builtin: bool = False) -> LetterTemplate:
    """Read one template file; TemplateError naming the file if it cannot be used.

    A custom template's file is read every time, so an edited template is used at once; only
    the parse of text already seen is reused. A built-in one is read again when its file
    changes (size, times or inode). Finding a letter's template reads every template in three
    folders, and parsing their front matter was 3 ms of each letter (bench/bench_batch.py).
    """
    if builtin:
        return _installed_template(path)
    text = read_template_text(path)
    return _parsed_template(text, path, builtin)


# The built-in templates are installed files nobody edits in place: each is read again only
# when its size, times or inode change, not on every letter. Custom templates (the practice's
# folder may be a network share with coarse file times) are read every time, as above.
_INSTALLED: dict[Path, tuple[tuple[int, int, int, int], LetterTemplate]] = {}


def _installed_template(path: Path) -> LetterTemplate:
    try:
        info = path.stat()
    except OSError:
        return _parsed_template(read_template_text(path), path, True)  # says what is wrong
    stamp = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    known = _INSTALLED.get(path)
    if known is not None and known[0] == stamp:
        return known[1]
    template = _parsed_template(read_template_text(path), path, True)
    if len(_INSTALLED) >= 64:
        _INSTALLED.clear()  # an installation has a handful; this bounds any other use
    _INSTALLED[path] = (stamp, template)
    return template


@lru_cache(maxsize=32)  # a practice has a handful of templates; the cap bounds the memory
def _parsed_template(text: str, path: Path, builtin: bool) -> LetterTemplate:
    # LetterTemplate is frozen, so every caller can share one. A TemplateError is not kept:
    # a broken file is parsed, and reported, each time it is read.
    return template_from_text(text, path=path, builtin=builtin)


def builtin_templates_dir() -> Path:
    """Templates shipped with the app: inside an installed wheel, or the repository's folder."""
    package = Path(desktop_app.__file__).resolve().parent
    for candidate in (package / "_bundled" / TEMPLATES_FOLDER, package.parent / TEMPLATES_FOLDER):
        if (candidate / f"offlabel-preauth{TEMPLATE_SUFFIX}").is_file():
            return candidate
    raise TemplateError(
        "the built-in letter templates are missing from this installation",
        hint="reinstall PA Letter Studio",
    )


@dataclass(frozen=True, slots=True)
class TemplateFolders:
    """Where custom templates are, lowest precedence first after the built-ins."""

    shared: Path | None = None  # the practice's (a shared folder, or the database's copy)
    user: Path | None = None  # this desk's own


BUILT_IN_ONLY = TemplateFolders()


def _folder_templates(folder: Path | None, *, builtin: bool) -> list[LetterTemplate]:
    if folder is None or not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob(f"*{TEMPLATE_SUFFIX}")):
        try:
            found.append(load_template(path, builtin=builtin))
        except TemplateError as exc:
            if builtin:
                raise
            # File names and line numbers only: templates hold no patient data.
            log.warning("skipping template %s: %s", path.name, exc.message)
    return found


def list_templates(folders: TemplateFolders = BUILT_IN_ONLY) -> list[LetterTemplate]:
    """Every usable template by id; custom ones replace built-ins with the same id."""
    chosen: dict[str, LetterTemplate] = {}
    for folder, builtin in (
        (builtin_templates_dir(), True),
        (folders.shared, False),
        (folders.user, False),
    ):
        for template in _folder_templates(folder, builtin=builtin):
            chosen[template.id] = template
    return sorted(chosen.values(), key=lambda t: (not t.builtin, t.kind, t.id))


def get_template(id_or_path: str, folders: TemplateFolders = BUILT_IN_ONLY) -> LetterTemplate:
    """A template by id, or by a file path (anything ending in .letter or naming a file)."""
    candidate = Path(id_or_path).expanduser()
    looks_like_path = (
        id_or_path.endswith(TEMPLATE_SUFFIX) or "/" in id_or_path or ("\\" in id_or_path)
    )
    if looks_like_path:
        if not candidate.is_file():
            raise TemplateError("no template file here", file=str(candidate))
        return load_template(candidate)
    for template in list_templates(folders):
        if template.id == id_or_path:
            return template
    raise TemplateError(
        f"no template with id '{id_or_path}'",
        hint="'pa-letter templates list' shows the ids",
    )


def template_for_kind(kind: str, folders: TemplateFolders = BUILT_IN_ONLY) -> LetterTemplate:
    """The template a letter kind uses by default: preauth, appeal or fax."""
    if kind not in KIND_TEMPLATES:
        raise TemplateError(f"no default template for letter kind '{kind}'")
    return get_template(KIND_TEMPLATES[kind], folders)
