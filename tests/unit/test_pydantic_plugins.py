"""With pydantic plugins off, their loader is stood in for, and answers as the real one would."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pydantic
import pytest

from desktop_app import pydantic_plugins
from desktop_app.domain.case import Case

PYDANTIC = Path(pydantic.__file__).parent


def test_pydantic_takes_nothing_but_get_plugins_from_its_loader() -> None:
    # A pydantic that uses more of the module (or moves it) fails here, so the stand-in is
    # looked at again rather than breaking model building.
    uses = {
        (path.relative_to(PYDANTIC).as_posix(), line.strip())
        for path in PYDANTIC.rglob("*.py")
        if path.name != "_loader.py"
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.search(r"\b_loader\b", line)
    }
    assert uses == {("plugin/_schema_validator.py", "from ._loader import get_plugins")}


def test_the_real_loader_finds_no_plugin_either_when_plugins_are_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = importlib.util.spec_from_file_location("real_loader", PYDANTIC / "plugin/_loader.py")
    assert spec is not None and spec.loader is not None
    real = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(real)
    for value in pydantic_plugins.DISABLED_FOR_ALL:
        monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", value)
        assert tuple(real.get_plugins()) == tuple(pydantic_plugins.get_plugins()) == ()
    assert real._plugins is None  # and it never looked


def test_this_process_builds_models_with_the_stand_in() -> None:
    assert sys.modules[pydantic_plugins.LOADER].get_plugins is pydantic_plugins.get_plugins
    assert Case.model_validate({}).format == "pa-letter-case/1"  # a model still validates


@pytest.mark.parametrize("setting", [None, "", "logfire", "0", "false", "__ALL__"])
def test_any_other_setting_keeps_pydantics_own_loader(
    monkeypatch: pytest.MonkeyPatch, setting: str | None
) -> None:
    if setting is None:
        monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    else:
        monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", setting)
    monkeypatch.delitem(sys.modules, pydantic_plugins.LOADER, raising=False)
    pydantic_plugins.skip_the_plugin_search()
    assert pydantic_plugins.LOADER not in sys.modules  # pydantic imports the real one itself


def test_a_loader_already_imported_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "__all__")
    already = object()
    monkeypatch.setitem(sys.modules, pydantic_plugins.LOADER, already)
    pydantic_plugins.skip_the_plugin_search()
    assert sys.modules[pydantic_plugins.LOADER] is already
