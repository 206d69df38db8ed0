"""settings.json read without building the pydantic settings models, when that is safe.

Importing pydantic and building the settings models costs more than `pa-letter verify`
spends checking a signature, and verifying needs only the trusted roots and the registered
certificates. `plain_settings` accepts a document only when every value already has the exact
JSON type the model declares (a string where it wants a string, true/false where it wants a
boolean, a whole number in range for the port), every key is one the model knows, and nothing
is required that is missing: then the models would accept it and hold the same values. Anything
else (a damaged file, a number where a name belongs, an unknown key, a duplicated key, text
that is not UTF-8) returns None, and the caller asks the models themselves, which keep the
last word on what a damaged file is. So the answer never differs; only the cost does.

The shapes below mirror domain/practice.py; tests/unit/storage/test_settings_plain.py fails
when the two drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app import limits
from desktop_app.errors import StorageError
from desktop_app.storage.paths import data_home

__all__ = ["SETTINGS_FILE", "SHAPES", "PlainRead", "Shape", "plain_settings", "read_plain_settings",
           "read_settings_bytes", "settings_path"]

SETTINGS_FILE = "settings.json"

# The kinds of value a field holds: a string, an optional string, a boolean, a TCP port, or a
# nested model ("model:NAME"), an optional one ("model?:NAME") or a list of them ("list:NAME").
STR, OPTIONAL_STR, BOOL, PORT = "str", "str?", "bool", "port"


@dataclass(frozen=True, slots=True)
class Shape:
    """One model: its fields' kinds, and the fields that have no default."""

    fields: Mapping[str, str]
    required: frozenset[str] = field(default_factory=frozenset)


SHAPES: dict[str, Shape] = {
    "PracticeSettings": Shape({
        "letterhead": "model:PracticeLetterhead",
        "prescribers": "list:DirectoryPrescriber",
        "user_name": STR,
        "shared_templates_dir": OPTIONAL_STR,
        "trusted_certificates": "list:TrustedCertificate",
        "timestamp_url": OPTIONAL_STR,
        "allow_typed_name_signatures": BOOL,
        "online_lookup": BOOL,
        "database": "model?:SharedDatabase",
    }),
    "PracticeLetterhead": Shape({
        "name": STR, "address": STR, "phone": STR, "fax": STR, "email": STR,
        "logo_path": OPTIONAL_STR,
    }),
    "RegisteredCertificate": Shape(
        {"fingerprint": STR, "subject": STR, "not_after": STR}, frozenset({"fingerprint"})
    ),
    "TrustedCertificate": Shape(
        {"subject": STR, "fingerprint": STR, "pem": STR},
        frozenset({"subject", "fingerprint", "pem"}),
    ),
    "DirectoryPrescriber": Shape(
        {
            "name": STR, "credentials": STR, "npi": STR, "tax_id": STR, "specialty": STR,
            "phone": STR, "fax": STR, "email": STR, "signature_image": OPTIONAL_STR,
            "certificates": "list:RegisteredCertificate",
        },
        frozenset({"name"}),
    ),
    "SharedDatabase": Shape(
        {"host": STR, "port": PORT, "database": STR, "user": STR, "tls_mode": STR},
        frozenset({"host", "user"}),
    ),
}
PORT_RANGE = range(1, 65536)  # SharedDatabase.port: ge=1, le=65535


def settings_path(home: Path | None = None) -> Path:
    return (home or data_home()) / SETTINGS_FILE


def read_settings_bytes(path: Path) -> bytes:
    """The settings file's bytes (StorageError naming it if it cannot be read or is huge)."""
    try:
        raw = limits.read_bounded(
            path, limits.SETTINGS_FILE_BYTES, what="a settings file", error=StorageError
        )
    except OSError as exc:
        raise StorageError(f"cannot read settings ({exc.strerror})", file=str(path)) from None
    return limits.without_byte_order_mark(raw)  # an admin may have fixed it in Notepad


@dataclass(frozen=True, slots=True)
class PlainRead:
    """settings.json as read for a start that needs one or two values from it."""

    path: Path
    raw: bytes | None  # None: there is no settings file (the models' defaults hold)
    # The JSON when plainly valid (or {} for no file); None when only the settings models can
    # say what the file holds: then `raw` goes through storage.settings.parse_settings.
    document: dict[str, Any] | None


def read_plain_settings(home: Path | None = None) -> PlainRead:
    """settings.json without the models when it is absent or plainly valid; StorageError
    (the same as load_settings') when it cannot be read."""
    path = settings_path(home)
    if not path.exists():
        return PlainRead(path, None, {})
    raw = read_settings_bytes(path)
    return PlainRead(path, raw, plain_settings(raw))


class _NotPlain(Exception):
    """The document is not plainly valid: the models must judge it."""


def plain_settings(raw: bytes) -> dict[str, Any] | None:
    """The settings document as parsed JSON if it is plainly valid (see above), else None."""
    import json  # here: a desk without a settings file (a fresh one, a verify) parses none

    try:
        text = raw.decode("utf-8")  # strict: the models read UTF-8 only
        document = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_refuse)
        _check(document, SHAPES["PracticeSettings"])
    except (_NotPlain, ValueError, RecursionError):
        return None
    assert isinstance(document, dict)
    return document


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _value in pairs]
    if len(set(keys)) != len(keys):
        raise _NotPlain  # which copy wins is the JSON reader's choice: let the models decide
    return dict(pairs)


def _refuse(_constant: str) -> None:
    raise _NotPlain  # NaN and Infinity are not JSON


def _check(value: object, shape: Shape) -> None:
    if not isinstance(value, dict):
        raise _NotPlain
    if set(value) - set(shape.fields) or shape.required - set(value):
        raise _NotPlain
    for key, item in value.items():
        _check_kind(item, shape.fields[key])


def _check_kind(value: object, kind: str) -> None:
    if kind == OPTIONAL_STR and value is None:
        return
    if kind in (STR, OPTIONAL_STR):
        _check_text(value)
    elif kind == BOOL:
        if not isinstance(value, bool):
            raise _NotPlain
    elif kind == PORT:
        if type(value) is not int or value not in PORT_RANGE:
            raise _NotPlain
    elif kind.startswith("list:"):
        if not isinstance(value, list):
            raise _NotPlain
        for item in value:
            _check(item, SHAPES[kind.removeprefix("list:")])
    elif kind.startswith("model?:"):
        if value is not None:
            _check(value, SHAPES[kind.removeprefix("model?:")])
    elif kind.startswith("model:"):
        _check(value, SHAPES[kind.removeprefix("model:")])
    else:
        raise _NotPlain  # a kind this reader does not know: the models judge


def _check_text(value: object) -> None:
    if not isinstance(value, str):
        raise _NotPlain
    try:
        value.encode("utf-8")  # a lone surrogate escape (\ud800) is the models' to judge
    except UnicodeEncodeError:
        raise _NotPlain from None
