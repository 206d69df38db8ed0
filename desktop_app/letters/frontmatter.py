"""A letter template's front matter: TOML between two `+++` lines, checked field by field.

Every error names the line in the template file, so an admin can fix it in any text editor.
"""

from __future__ import annotations

import re
import tomllib
import typing
from dataclasses import dataclass

from desktop_app.domain.case import Case
from desktop_app.errors import TemplateError
from desktop_app.letters.fieldpaths import field_path_problem
from desktop_app.letters.page_words import LANGUAGES
from desktop_app.rules.engine import RULE_SETS

DELIMITER = "+++"
# "brief": a page for the practice itself (the peer-to-peer brief), never sent to a payer.
TEMPLATE_KINDS = ("preauth", "appeal", "fax", "patient", "brief")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_VERSION = re.compile(r"^\d+(\.\d+){0,2}$")
_KEYS = ("id", "title", "kind", "version", "description", "required_fields", "rule_sets",
         "language")
_REQUIRED_KEYS = ("id", "title", "kind", "version")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    id: str
    title: str
    kind: str
    version: str
    description: str
    required_fields: tuple[str, ...]
    rule_sets: tuple[str, ...]
    body_start: int  # 1-based line number in the file where the Jinja body begins
    language: str = "en"  # page_words.LANGUAGES: the words of the running header and footer


def split_front_matter(text: str, file: str | None = None) -> tuple[str, int, int]:
    """Return (TOML text, opening line, closing line); TemplateError if malformed."""
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise TemplateError("the template is empty", file=file, line=1)
    if lines[first].strip() != DELIMITER:
        raise TemplateError(
            "a template must start with front matter between two '+++' lines",
            file=file,
            line=first + 1,
            hint="the first line should be +++",
        )
    for i in range(first + 1, len(lines)):
        if lines[i].strip() == DELIMITER:
            return "\n".join(lines[first + 1 : i]), first + 1, i + 1
    raise TemplateError("the front matter is not closed by a '+++' line", file=file, line=first + 1)


def parse_front_matter(text: str, file: str | None = None) -> FrontMatter:
    """Parse and check a whole template file's front matter."""
    toml_text, opening_line, closing_line = split_front_matter(text, file)
    offset = opening_line  # TOML line n is file line n + offset
    _refuse_repeated_keys(toml_text, offset, file)
    _refuse_what_breaks_the_reader(toml_text, offset, file)
    try:
        data = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(exc, toml_text, offset, file) from None
    except (ValueError, RecursionError):  # the check above makes this unreachable; a guard
        raise TemplateError("the front matter cannot be read", file=file,
                            line=opening_line) from None
    key_line = _key_lines(toml_text, offset)

    def fail(key: str, message: str) -> TemplateError:
        return TemplateError(message, file=file, line=key_line.get(key, opening_line), field=key)

    for key in data:
        if key not in _KEYS:
            raise fail(key, f"unknown front matter key '{key}' (allowed: {', '.join(_KEYS)})")
    for key in _REQUIRED_KEYS:
        if key not in data:
            raise TemplateError(
                f"the front matter lacks '{key}'", file=file, line=opening_line, field=key
            )
    return FrontMatter(
        id=_check_id(data["id"], fail),
        title=_check_text(data, "title", fail, required=True),
        kind=_check_kind(data["kind"], fail),
        version=_check_version(data["version"], fail),
        description=_check_text(data, "description", fail, required=False),
        required_fields=_check_fields(data.get("required_fields", []), fail),
        rule_sets=_check_rule_sets(data.get("rule_sets", list(RULE_SETS)), fail),
        body_start=closing_line + 1,
        language=_check_language(data.get("language", "en"), fail),
    )


Fail = typing.Callable[[str, str], TemplateError]


def _check_language(value: object, fail: Fail) -> str:
    if not isinstance(value, str) or value not in LANGUAGES:
        raise fail("language", f"language must be one of {', '.join(LANGUAGES)} "
                               "(the pages' header and footer are printed in it)")
    return value


def jinja_source(text: str, closing_line: int) -> str:
    """The file with its front matter blanked into a Jinja comment of the same height.

    Jinja then counts lines exactly as the file does, so its errors need no translation.
    """
    lines = text.splitlines(keepends=True)
    return "{#" + "\n" * closing_line + "#}" + "".join(lines[closing_line:])


def _toml_error(
    exc: tomllib.TOMLDecodeError, toml_text: str, offset: int, file: str | None
) -> TemplateError:
    text = str(exc)
    match = _TOML_POSITION.search(text)
    # "at end of document": the culprit is the last TOML line, not the closing '+++'.
    toml_lines = [n for n, line in enumerate(toml_text.splitlines(), 1) if line.strip()]
    line = (toml_lines[-1] if toml_lines else 1) + offset
    if match and match.group(1):
        line = int(match.group(1)) + offset
    if text.startswith("Unclosed"):
        # tomllib notices an unclosed [ or { only on a later line; point at where it opened.
        line = _unbalanced_line(toml_text, line - offset) + offset
    message = _TOML_POSITION.sub("", text).strip() or "malformed front matter"
    return TemplateError(f"front matter is not valid TOML: {message}", file=file, line=line)


def _unbalanced_line(toml_text: str, reported: int) -> int:
    lines = toml_text.splitlines()
    for number in range(min(reported, len(lines)), 0, -1):
        line = lines[number - 1]
        if line.count("[") > line.count("]") or line.count("{") > line.count("}"):
            return number
    return reported


# Outside quoted strings: TOML's own strings may hold any brackets and digits.
_TOML_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')
_DIGIT_RUN = re.compile(r"\d{41,}")
# Front matter holds flat lists of names; nothing in it nests.
_FRONT_MATTER_DEPTH = 4


def _refuse_what_breaks_the_reader(toml_text: str, offset: int, file: str | None) -> None:
    """tomllib ends in a traceback on a number over 4,300 digits (ValueError) and on lists
    nested about a thousand deep (RecursionError): both are refused here by their line."""
    depth = 0
    for number, line in enumerate(toml_text.splitlines(), 1):
        bare = _TOML_STRING.sub('""', line).split("#", 1)[0]  # a comment is no value
        if _DIGIT_RUN.search(bare):
            raise TemplateError("a number in the front matter is far too long to be a "
                                "version or a setting", file=file, line=number + offset)
        for mark in bare:
            depth += 1 if mark in "[{" else -1 if mark in "]}" else 0
            if depth > _FRONT_MATTER_DEPTH:
                raise TemplateError(
                    f"the front matter nests lists more than {_FRONT_MATTER_DEPTH} deep; "
                    "it holds flat lists of names", file=file, line=number + offset)


def _refuse_repeated_keys(toml_text: str, offset: int, file: str | None) -> None:
    seen: set[str] = set()
    for number, line in enumerate(toml_text.splitlines(), 1):
        match = re.match(r"\s*([A-Za-z_][\w-]*)\s*=", line)
        if match and match.group(1) in seen:
            raise TemplateError(
                f"'{match.group(1)}' is given twice", file=file, line=number + offset
            )
        if match:
            seen.add(match.group(1))


def _key_lines(toml_text: str, offset: int) -> dict[str, int]:
    found: dict[str, int] = {}
    for number, line in enumerate(toml_text.splitlines(), 1):
        match = re.match(r"\s*([A-Za-z_][\w-]*)\s*=", line)
        if match and match.group(1) not in found:
            found[match.group(1)] = number + offset
    return found


def _check_id(value: object, fail: Fail) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise fail("id", "id must be lowercase letters, digits and hyphens, e.g. 'my-appeal'")
    return value


def _check_text(data: dict[str, object], key: str, fail: Fail, *, required: bool) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise fail(key, f"{key} must be text in quotes")
    if required and not value.strip():
        raise fail(key, f"{key} must not be empty")
    return value.strip()


def _check_kind(value: object, fail: Fail) -> str:
    if value not in TEMPLATE_KINDS:
        raise fail("kind", f"kind must be one of {', '.join(TEMPLATE_KINDS)}")
    return str(value)


def _check_version(value: object, fail: Fail) -> str:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise fail("version", 'version must be a whole number or a version like "1.2.0"')
    text = str(value)
    if not _VERSION.match(text):
        raise fail("version", 'version must be a whole number or a version like "1.2.0"')
    return text


def _check_fields(value: object, fail: Fail) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail("required_fields", "required_fields must be a list of field paths in quotes")
    for path in value:
        problem = field_path_problem(Case, path)
        if problem:
            raise fail("required_fields", f"required_fields: {problem}")
    return tuple(value)


def _check_rule_sets(value: object, fail: Fail) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail("rule_sets", "rule_sets must be a list of names in quotes")
    unknown = [v for v in value if v not in RULE_SETS]
    if unknown:
        raise fail(
            "rule_sets",
            f"unknown rule set '{unknown[0]}' (known: {', '.join(RULE_SETS)})",
        )
    return tuple(value)
