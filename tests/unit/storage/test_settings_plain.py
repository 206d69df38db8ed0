"""Reading settings.json without the settings models gives the models' answer, or none at all.

`verify` trusts roots and registered certificates from this reader: if it ever accepted a file
the models call damaged, or read a value differently, a signature could be vouched for that the
app itself would not vouch for.
"""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from desktop_app.domain import practice
from desktop_app.storage.settings import (
    DirectoryPrescriber,
    PracticeLetterhead,
    PracticeSettings,
    RegisteredCertificate,
    SharedDatabase,
    TrustedCertificate,
)
from desktop_app.storage.settings_plain import (
    BOOL,
    OPTIONAL_STR,
    PORT,
    SHAPES,
    STR,
    plain_settings,
)

pytestmark = pytest.mark.no_database

MODELS = {
    name: model
    for name, model in vars(practice).items()
    if isinstance(model, type) and issubclass(model, BaseModel)
    and model.__module__ == practice.__name__ and not name.startswith("_")
}


def _kind(annotation: Any) -> str:
    """The settings_plain kind a model field's annotation calls for."""
    args = typing.get_args(annotation)
    if annotation is str:
        return STR
    if annotation is bool:
        return BOOL
    if annotation is int:
        return PORT
    if isinstance(annotation, types.UnionType) and set(args) == {str, type(None)}:
        return OPTIONAL_STR
    if isinstance(annotation, types.UnionType) and type(None) in args:
        (model,) = [arg for arg in args if arg is not type(None)]
        return f"model?:{model.__name__}"
    if typing.get_origin(annotation) is list:
        return f"list:{args[0].__name__}"
    return f"model:{annotation.__name__}"


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_settings_model_is_mirrored_field_for_field(name: str) -> None:
    model, shape = MODELS[name], SHAPES[name]
    fields = model.model_fields
    assert {key: _kind(info.annotation) for key, info in fields.items()} == dict(shape.fields)
    assert {key for key, info in fields.items() if info.is_required()} == shape.required
    assert model.model_config.get("extra") == "forbid"  # unknown keys are refused by both


def test_the_port_range_is_the_models() -> None:
    for port in (0, 1, 5432, 65535, 65536):
        try:
            SharedDatabase(host="h", user="u", port=port)
            accepted = True
        except ValidationError:
            accepted = False
        document = {"database": {"host": "h", "user": "u", "port": port}}
        assert (plain_settings(json.dumps(document).encode()) is not None) == accepted


def _full_settings() -> PracticeSettings:
    return PracticeSettings(
        letterhead=PracticeLetterhead(name="Riverside Oncology", logo_path="/tmp/logo.png"),
        prescribers=[
            DirectoryPrescriber(
                name="Daniel K. Brenner", npi="1548723018",
                certificates=[RegisteredCertificate(fingerprint="AB" * 32, subject="D. Brenner")],
            ),
            DirectoryPrescriber(name="Ana Ruiz", signature_image=None),
        ],
        user_name="front desk",
        trusted_certificates=[TrustedCertificate(subject="Root", fingerprint="cd", pem="PEM")],
        timestamp_url="http://127.0.0.1:9/tsa",
        allow_typed_name_signatures=True,
        database=SharedDatabase(host="db.example", user="staff", port=6543),
    )


def test_a_file_the_app_saved_is_read_plainly_with_the_same_values() -> None:
    # What save_settings writes (every field, mode="json") is the file verify meets.
    model = _full_settings()
    raw = json.dumps(model.model_dump(mode="json"), indent=2).encode()
    document = plain_settings(raw)
    assert document is not None
    assert PracticeSettings.model_validate(document) == model
    assert document["prescribers"][0]["certificates"][0]["fingerprint"] == "AB" * 32


@pytest.mark.parametrize(
    "raw",
    [
        b'{"user_name": 5}',  # the models refuse it
        b'{"online_lookup": "yes"}',  # the models may coerce it: they decide
        b'{"database": {"host": "h", "user": "u", "port": "5432"}}',
        b'{"database": {"host": "h", "user": "u", "port": true}}',
        b'{"database": {"host": "h", "user": "u", "port": 5432.0}}',
        b'{"user_name": "a", "user_name": "b"}',  # which copy wins is the reader's choice
        b'{"trusted_certificates": [{"subject": "s", "fingerprint": "f", "pem": NaN}]}',
        b'\xef\xbb\xbf{"user_name": "a"}',  # a byte-order mark
        b'{"user_name": "\\ud800"}',  # a lone surrogate
        b'{"user_name": "caf\xe9"}',  # Latin-1, not UTF-8
        b'{"letterhead": {"name": "x", "motto": "y"}}',  # an unknown key
        b'{"prescribers": [{"npi": "1548723018"}]}',  # a prescriber without a name
        b'{"prescribers": {"name": "x"}}',
        b'{"trusted_certificates": [{"subject": "s", "fingerprint": "f"}]}',
        b"[]",
        b"",
        b"not json",
        b'{"letterhead": ' * 5000 + b"{}" + b"}" * 5000,  # deeper than a settings file gets
    ],
)
def test_anything_unusual_is_left_to_the_models(raw: bytes) -> None:
    assert plain_settings(raw) is None


_ODD = st.one_of(st.none(), st.booleans(), st.integers(-3, 70000), st.floats(),
                 st.text(max_size=4), st.lists(st.integers(), max_size=2))


def _value(kind: str) -> st.SearchStrategy[object]:
    """Mostly a value of the kind the model wants, sometimes something else."""
    if kind == STR:
        good: st.SearchStrategy[object] = st.text(max_size=8)
    elif kind == OPTIONAL_STR:
        good = st.one_of(st.none(), st.text(max_size=8))
    elif kind == BOOL:
        good = st.booleans()
    elif kind == PORT:
        good = st.integers(0, 65536)
    elif kind.startswith("list:"):
        good = st.lists(_model(kind.removeprefix("list:")), max_size=2)
    elif kind.startswith("model?:"):
        good = st.one_of(st.none(), _model(kind.removeprefix("model?:")))
    else:
        good = _model(kind.removeprefix("model:"))
    return st.integers(0, 24).flatmap(lambda n: _ODD if n == 0 else good)


def _model(name: str) -> st.SearchStrategy[object]:
    """A model's object: its required keys nearly always, others at random, rarely a stray."""
    shape = SHAPES[name]
    rare = st.integers(0, 9).map(lambda n: n == 0)
    required = [_value(shape.fields[key]) for key in sorted(shape.required)]
    return st.fixed_dictionaries(
        {},
        optional={key: _value(kind) for key, kind in shape.fields.items()},
    ).flatmap(
        lambda body: st.tuples(rare, rare, *required).map(
            lambda drawn: _with(body, shape.required, drawn)
        )
    )


def _with(body: dict[str, object], required: frozenset[str], drawn: tuple[Any, ...]) -> object:
    drop_required, add_stray, *values = drawn
    result = dict(body)
    if not drop_required:
        result.update(dict(zip(sorted(required), values, strict=True)))
    if add_stray:
        result["stray"] = "x"
    return result


def _documents() -> st.SearchStrategy[object]:
    """Settings-like documents: mostly well-formed, with wrong types and keys mixed in."""
    return st.deferred(lambda: _model("PracticeSettings"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents())
def test_a_plainly_read_file_is_one_the_models_accept_with_the_same_values(
    document: object,
) -> None:
    raw = json.dumps(document).encode()
    plain = plain_settings(raw)
    if plain is None:
        return  # the models decide, as they always did
    model = PracticeSettings.model_validate_json(raw)  # must not raise
    assert model.model_dump(exclude_unset=True) == plain


def test_a_settings_file_saved_with_a_byte_order_mark_keeps_its_settings(
    tmp_path: Path,
) -> None:
    # Notepad's "UTF-8" starts with EF BB BF; both readers once called the file damaged,
    # and the app started with default settings instead of the practice's.
    from desktop_app.storage.settings import load_settings, save_settings
    from desktop_app.storage.settings_plain import read_plain_settings, settings_path

    save_settings(_full_settings(), tmp_path)
    path = settings_path(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_settings(tmp_path) == _full_settings()
    assert read_plain_settings(tmp_path).document is not None
