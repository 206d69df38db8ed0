"""Jinja's syntax errors in words an office admin can act on.

Jinja writes for programmers ("Expected an expression, got 'end of statement block'"). The
template editor and `pa-letter templates validate` show these words instead, with the line
already pointing where the problem starts (render.syntax_error_line). A message not
recognized here is shown as Jinja wrote it, so nothing is ever hidden.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# The block tags a letter template uses, and the tag that closes each one.
_CLOSERS = {"if": "endif", "for": "endfor", "with": "endwith", "macro": "endmacro",
            "call": "endcall", "filter": "endfilter", "set": "endset"}
_OPENER_OF = {closer: opener for opener, closer in _CLOSERS.items()}
_INNERMOST = re.compile(r"The innermost block that needs to be closed is '(\w+)'")


def _unclosed(match: re.Match[str]) -> str:
    opener = match.group(1)
    closer = _CLOSERS.get(opener, f"end{opener}")
    return (f"the {{% {opener} %}} block that starts here is never closed: add "
            f"{{% {closer} %}} where it should end")


def _unknown_tag(match: re.Match[str]) -> str:
    tag = match.group(1)
    inner = _INNERMOST.search(match.string)
    if inner and tag.startswith("end"):
        opener = inner.group(1)
        closer = _CLOSERS.get(opener, f"end{opener}")
        return (f"{{% {tag} %}} cannot close the {{% {opener} %}} block that is still open; "
                f"close it first with {{% {closer} %}}")
    if tag in _OPENER_OF:
        return f"{{% {tag} %}} has no {{% {_OPENER_OF[tag]} %}} before it to close"
    if tag in ("else", "elif"):
        return f"{{% {tag} %}} must be inside an {{% if %}} (or {{% for %}}) block"
    return (f"'{tag}' is not a template tag; the tags are if, elif, else, for, set, with "
            "and macro (see docs/templates.md)")


_WORDS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^Unexpected end of template\..*innermost block that needs to be closed is "
                r"'(\w+)'", re.S), _unclosed),
    (re.compile(r"^Encountered unknown tag '(\w+)'"), _unknown_tag),
    (re.compile(r"^Expected an expression, got 'end of statement block'"),
     lambda _m: "a {% %} tag is missing what it works on, e.g. {% if %} with no condition"),
    (re.compile(r"^Expected an expression, got 'end of print statement'"),
     lambda _m: "{{ }} is empty: put a field between the braces, e.g. {{ case.patient.name }}"),
    (re.compile(r"^expected token 'end of print statement', got '(.+)'"),
     lambda m: f"'{m.group(1)}' is not expected here: is a '}}}}' or a '|' missing before it?"),
    (re.compile(r"^expected token 'end of statement block', got '(.+)'"),
     lambda m: f"'{m.group(1)}' is not expected here: is a '%}}' missing before it?"),
    (re.compile(r"^unexpected end of template, expected 'end of print statement'"),
     lambda _m: "'{{' is never closed: add '}}' after the field"),
    (re.compile(r"^unexpected '([^']+)'"),
     lambda m: f"unexpected '{m.group(1)}': is a '{{{{' or '{{%' not closed with '}}}}' or '%}}'?"),
    (re.compile(r"^expected token 'name', got 'end of print statement'"),
     lambda _m: "a '|' must be followed by a filter name, e.g. {{ case.letter.date | date }}"),
    (re.compile(r"^expected name or number"),
     lambda _m: "a '.' must be followed by a field name, e.g. case.patient.name"),
    (re.compile(r"""^unexpected char ["']?(.)["']? at \d+"""),
     lambda m: f"the text in quotes starting with {m.group(1)} is never closed"),
    (re.compile(r"^Missing end of comment tag"),
     lambda _m: "a comment '{#' is never closed: add '#}'"),
]


def syntax_words(jinja_message: str | None) -> str:
    """The admin's words for one of Jinja's syntax messages (Jinja's own if not recognized)."""
    message = (jinja_message or "").strip()
    for pattern, words in _WORDS:
        match = pattern.search(message)
        if match:
            return words(match)
    return message or "the template cannot be read"
