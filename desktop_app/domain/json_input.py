"""JSON text from outside the app, decoded only when it cannot break the decoder.

Python's json module ends in a traceback on input nested about a thousand levels deep
(RecursionError) and on integers over 4,300 digits (ValueError), and it accepts NaN and
Infinity, which no case field can hold; it keeps the last of a field given twice, where a
reader of the file sees the first. It also turns a lone UTF-16 surrogate escape
("\ud800", which no editor types but a broken export writes) into a string that is no text:
the models' own JSON reader then refuses it with a position in text the app built, not the
user's file. Each of these is refused here as unusable input, naming the field it sits in,
before or while the decoder runs.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from desktop_app import limits
from desktop_app.errors import CaseFileError

# A JSON string, scanned in linear time even when its closing quote is missing.
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"?', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]++")
_TOKEN = re.compile(r'"(?:[^"\\]++|\\.)*+"?|[\[\]{}:,]', re.DOTALL)
# A surrogate left alone: the decoder joins a well-formed pair into one character.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_TWICE_WORDS = "the field is given twice in this object; keep the one that is right"
_SURROGATE_WORDS = ("holds a \\u escape of half a character (a lone UTF-16 surrogate), which "
                    "is not text; retype the value or export the file again")


@dataclass(frozen=True, slots=True)
class _Refused:
    """Put in place of a number the decoder must not build; found again by its path."""

    why: str


def load_json(text: str, *, source: str) -> Any:
    """The decoded JSON; CaseFileError (file, field, why) for what a case can never hold."""
    _check_depth(text, source)
    try:
        data = json.loads(
            text,
            parse_int=_integer,
            parse_float=_decimal,
            parse_constant=_constant,
            object_pairs_hook=_object,
        )
    except json.JSONDecodeError as exc:
        # Some of the decoder's messages end in "at" already ("Unterminated string starting at").
        what = exc.msg.removesuffix(" at")
        raise CaseFileError(
            f"not valid JSON ({what} at line {exc.lineno}, column {exc.colno})", file=source
        ) from None
    except RecursionError:  # the depth check makes this unreachable; kept as a last guard
        raise CaseFileError(_too_deep_words(), file=source) from None
    for path, refused in _refusals(data, ""):
        raise CaseFileError(refused.why, file=source, field=path or None)
    return data


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """The object, with a field given twice refused: json keeps the last one silently, so a
    reader of the file would see one value and the letter print the other."""
    found: dict[str, Any] = {}
    for key, value in pairs:
        found[key] = _Refused(_TWICE_WORDS) if key in found else value
    return found


def _integer(digits: str) -> int | _Refused:
    if len(digits) > limits.JSON_NUMBER_CHARS:
        return _Refused(_long_number_words(len(digits)))
    return int(digits)


def _decimal(text: str) -> float | _Refused:
    if len(text) > limits.JSON_NUMBER_CHARS:
        return _Refused(_long_number_words(len(text)))
    value = float(text)
    if not math.isfinite(value):
        return _Refused("this number is too large to be a number in a case (it reads as Infinity)")
    return value


def _constant(name: str) -> _Refused:
    return _Refused(f"{name} is not a number a case can hold; give the value in digits")


def _long_number_words(length: int) -> str:
    return (
        f"a number {length:,} characters long; no case field needs more than "
        f"{limits.JSON_NUMBER_CHARS}"
    )


def _too_deep_words() -> str:
    return (
        f"the file nests lists or objects more than {limits.JSON_DEPTH} levels deep; "
        "a case file is four levels deep (is this a case file?)"
    )


def _refusals(value: Any, path: str) -> Iterator[tuple[str, _Refused]]:
    # Depth is at most limits.JSON_DEPTH here, so recursion is safe.
    if isinstance(value, _Refused):
        yield path, value
    elif isinstance(value, str):
        if _LONE_SURROGATE.search(value):
            yield path, _Refused(_SURROGATE_WORDS)
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            if _LONE_SURROGATE.search(key):
                # The key itself is not text: name the object holding it, not the bad key.
                yield path, _Refused(f"a field name {_SURROGATE_WORDS}")
                continue
            yield from _refusals(item, name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _refusals(item, f"{path}.{index}" if path else str(index))


def _check_depth(text: str, source: str) -> None:
    """Refuse nesting deeper than the limit; a fast scan first, field path only if needed."""
    skeleton = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if len(skeleton) <= limits.JSON_DEPTH:
        return
    depth = 0
    for mark in skeleton:
        depth += 1 if mark in "[{" else -1
        if depth > limits.JSON_DEPTH:
            raise CaseFileError(_too_deep_words(), file=source, field=_deep_field(text) or None)


def _deep_field(text: str) -> str:
    """The dotted path of the first value nested too deeply (the scan stops there)."""
    frames: list[list[Any]] = []  # [kind, key or index]; kind "{" or "["
    pending_key: str | None = None
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            frames.append([token, None if token == "{" else 0])
            if len(frames) > limits.JSON_DEPTH:
                return ".".join(str(f[1]) for f in frames[:-1] if f[1] is not None)
        elif token in "]}":
            if frames:
                frames.pop()
        elif token == ",":
            if frames and frames[-1][0] == "[":
                frames[-1][1] += 1
        elif token == ":":
            if frames and pending_key is not None:
                frames[-1][1] = pending_key
        else:
            pending_key = _key(token)
            continue
        pending_key = None
    return ""


def _key(token: str) -> str:
    try:
        key = json.loads(token)
    except ValueError:
        return "?"
    return key[:60] if isinstance(key, str) else "?"
