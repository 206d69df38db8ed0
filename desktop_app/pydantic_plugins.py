"""pydantic's plugin search, skipped without importing what it would search with.

The app uses no pydantic plugins, so desktop_app/__init__.py sets PYDANTIC_DISABLE_PLUGINS.
pydantic then finds none without reading any package's metadata, but the module that would read
it (`pydantic.plugin._loader`) still imports `importlib.metadata` when the first model is built,
and with it the email, zipfile, csv and socket modules: about 43 M instructions, 2% of a whole
`pa-letter render`, for nothing. When plugins are disabled as a whole (the values pydantic itself
treats so), this registers a stand-in for that module whose `get_plugins()` gives what the real
one gives then: no plugins. Any other setting (naming plugins to leave out) keeps the real one.

pydantic 2.14 uses only `get_plugins` from that module (tests/unit/test_pydantic_plugins.py
checks pydantic's source and fails on a version that uses more, so this is looked at again).
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Iterable

LOADER = "pydantic.plugin._loader"
# pydantic/plugin/_loader.py: these values disable every plugin, before any is searched for.
DISABLED_FOR_ALL = ("__all__", "1", "true")


def get_plugins() -> Iterable[object]:
    """The real loader's answer when plugins are disabled for all: none."""
    return ()


def skip_the_plugin_search() -> None:
    """Stand in for pydantic's plugin loader when plugins are off (before any model is built)."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in DISABLED_FOR_ALL:
        return
    if LOADER in sys.modules:  # already loaded (a test, another library): nothing to save
        return
    stand_in = types.ModuleType(LOADER, __doc__)
    stand_in.get_plugins = get_plugins  # type: ignore[attr-defined]
    sys.modules[LOADER] = stand_in
