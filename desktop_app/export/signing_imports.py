"""Lets a process that only checks signatures skip loading pyHanko's signing machinery.

Every `pyhanko.sign.*` module lives in the `pyhanko.sign` package, whose `__init__` imports
the signers, and through them the RFC 3161 client and aiohttp (with an SSL context built at
import): most of what `pa-letter verify` spent starting up. Two standard tools were tried
first and do not help: importing only `pyhanko.sign.validation` still runs the package's
`__init__`, and `importlib.util.LazyLoader` over aiohttp is executed at once, because pyHanko's
timestamp client names `aiohttp.BasicAuth` in annotations evaluated when the module loads.

So the package's own `__init__` is deferred instead (PEP 562): `pyhanko.sign` is made from its
real spec (its `__path__`, so `pyhanko.sign.validation` and the other submodules import as
usual), and the first time anyone asks it for a name it does not hold yet (`PdfSigner`,
`signers`...), the real `__init__` runs and the name is returned. Nothing is replaced or
patched: the same code runs, later or never.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from types import ModuleType
from typing import Any

PACKAGE = "pyhanko.sign"
_lock = threading.RLock()


def defer_pyhanko_signers() -> bool:
    """Make `pyhanko.sign` run its `__init__` on first use of a name it exports.

    True if the deferral is now in place; False when the package was imported already (then
    everything is loaded and nothing changes) or cannot be found.
    """
    with _lock:
        if PACKAGE in sys.modules:
            return False
        import pyhanko  # the top package is small; its spec gives the subpackage's path

        spec = importlib.util.find_spec(PACKAGE)
        if spec is None or spec.loader is None:
            return False
        package = importlib.util.module_from_spec(spec)
        package.__dict__["__getattr__"] = _loader_for(package)
        sys.modules[PACKAGE] = package
        vars(pyhanko)["sign"] = package  # as the import system sets a loaded subpackage
        return True


def _loader_for(package: ModuleType) -> Any:
    def load_and_get(name: str) -> object:
        # Dunder look-ups (copy, pickle, inspect probing) never need the signers.
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        with _lock:
            if package.__dict__.get("__getattr__") is load_and_get:
                del package.__dict__["__getattr__"]
                assert package.__spec__ is not None and package.__spec__.loader is not None
                package.__spec__.loader.exec_module(package)
        try:
            return package.__dict__[name]
        except KeyError:
            raise AttributeError(f"module {PACKAGE!r} has no attribute {name!r}") from None

    return load_and_get


def asyncio_without_tls() -> bool:
    """Import asyncio, which pyHanko's checks run on, without the `ssl` module.

    asyncio imports `ssl` (OpenSSL's TLS library, a 70 KB module and a shared library to
    load) only to offer TLS connections, and each of its imports of it is written to do
    without: `try: import ssl` / `except ImportError: ssl = None`. A check never connects
    anywhere (signing_trust: no fetching), so for the time asyncio is imported `ssl` is
    marked absent, the way Python documents for making an import fail (`sys.modules[name]
    = None`), and the mark is then removed: anything that imports `ssl` later gets the real
    module. asyncio itself keeps `ssl = None`: in this process its loops cannot open TLS
    connections, as on a Python built without OpenSSL.

    True if asyncio was imported so; False when asyncio or ssl was already loaded (nothing
    changes then).
    """
    with _lock:
        if "asyncio" in sys.modules or "ssl" in sys.modules:
            return False
        sys.modules["ssl"] = None  # type: ignore[assignment]
        try:
            import asyncio  # noqa: F401  (loaded now, for pyHanko's certificate checks)
        finally:
            if sys.modules.get("ssl", False) is None:
                del sys.modules["ssl"]
        return True


def tls_loaded() -> bool:
    """Whether the `ssl` module is in this process (for tests and diagnostics)."""
    return sys.modules.get("ssl") is not None


def signers_loaded() -> bool:
    """Whether pyHanko's signing machinery is in this process (for tests and diagnostics)."""
    return "pyhanko.sign.signers" in sys.modules
