"""How deeply a template nests, checked on its tokens before Jinja parses it.

Jinja's parser and compiler recurse once per nested block, bracket or operator: 300 nested
`{% if %}` or 500 nested parentheses end in a RecursionError. The lexer does not recurse, so
the shape is measured on its tokens first and a template past the limits is refused with the
line where it went too deep. The limits are ten times what the built-in letters use.
"""

from __future__ import annotations

from jinja2 import Environment, TemplateSyntaxError

from desktop_app.errors import TemplateError

MAX_BLOCK_DEPTH = 30  # {% if %} / {% for %} / {% macro %} inside one another (built-ins: 3)
MAX_BRACKET_DEPTH = 20  # ( [ { inside one another in one tag (built-ins: 1)
MAX_TAG_TOKENS = 180  # names, operators and values in one {{ }} or {% %} (built-ins: 34);
# Python refuses code nested more than 200 parentheses deep, and Jinja nests one per operator.

BLOCK_TAGS = ("if", "for", "macro", "call", "filter", "with", "block", "autoescape", "trans")
# Environment.lex() gives operators as ("operator", "(").
_OPEN = frozenset("([{")
_CLOSE = frozenset(")]}")
_TAG_BEGIN = frozenset({"block_begin", "variable_begin"})
_TAG_END = frozenset({"block_end", "variable_end"})


def check_template_shape(environment: Environment, source: str) -> None:
    """TemplateError with the line if the template nests deeper than Jinja can follow.

    A template the lexer rejects passes: Jinja's own parse reports that syntax error.
    """
    try:
        tokens = [t for t in environment.lex(source) if t[1] != "whitespace"]
    except TemplateSyntaxError:
        return
    blocks = brackets = in_tag = 0
    after_block_begin = False
    for line, kind, value in tokens:
        if after_block_begin and kind == "name":
            if value in BLOCK_TAGS:
                blocks += 1
                if blocks > MAX_BLOCK_DEPTH:
                    raise _too_deep(line, f"blocks ({{% {value} %}}) inside one another",
                                    MAX_BLOCK_DEPTH)
            elif value.startswith("end") and blocks:
                blocks -= 1
        after_block_begin = kind == "block_begin"
        if kind == "operator" and value in _OPEN:
            brackets += 1
            if brackets > MAX_BRACKET_DEPTH:
                raise _too_deep(line, "brackets inside one another", MAX_BRACKET_DEPTH)
        elif kind == "operator" and value in _CLOSE and brackets:
            brackets -= 1
        if kind in _TAG_BEGIN:
            in_tag, brackets = 0, 0
        elif kind in _TAG_END:
            in_tag = 0
        else:
            in_tag += 1
            if in_tag > MAX_TAG_TOKENS:
                raise TemplateError(
                    f"this tag is too long to follow: more than {MAX_TAG_TOKENS} names, "
                    "operators and values in one {{ }} or {% %}",
                    line=line,
                    hint="split it into several {% set %} steps",
                )


def _too_deep(line: int, what: str, limit: int) -> TemplateError:
    return TemplateError(
        f"the template nests {what} more than {limit} deep; a letter needs a few",
        line=line,
    )


def nesting_error(line: int | None = None) -> TemplateError:
    """For a RecursionError that got past the checks above: the same words, no traceback."""
    return TemplateError(
        "the template nests too deeply to be read (blocks, brackets or operators inside one "
        "another)",
        line=line,
    )
