"""PA Letter Studio: prior-authorization and appeal letters for off-label oncology drugs."""

import os

__version__ = "0.1.0"

# The app uses no pydantic plugins. Without this, the first model class makes pydantic read
# the metadata of every installed package to look for some, on every start (~20 ms of a
# check). Set before any model is built; a value the environment already gives is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

# And, plugins being off, pydantic's loader is not imported either (pydantic_plugins.py).
from desktop_app.pydantic_plugins import skip_the_plugin_search

skip_the_plugin_search()
