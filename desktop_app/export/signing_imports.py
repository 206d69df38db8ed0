"""Lets a process that only checks signatures skip loading pyHanko's signing machinery.

(And the modules pyHanko imports for writing and decrypting files, and asyncio's TLS.)

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
patched: the same code runs, later or never. The modules of USED_ONLY_WHEN_WRITING are
deferred the same way (LazyLoader would not do there either: on Python 3.11 a lazy module
runs as soon as an `import` statement names it again, the import system reading its spec).
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from types import ModuleType
from typing import Any

PACKAGE = "pyhanko.sign"
# Modules pyHanko imports whole for work a check never does, each used only inside functions
# (the module is bound at import, its names looked up when called): opening PKCS#12 files,
# to decrypt a PDF for a recipient (and with them cryptography's x509 package and the email
# modules it parses addresses with); the local time zone, for metadata written when a file is
# saved (tzlocal, with zoneinfo and sysconfig); uuid, naming resources content is written
# with; secrets (with hmac and base64), making the keys and salts of an encrypted file; and
# the AES key wrapping of encrypting and the PEM reader of key loading.
# pyHanko's signature checks use none of them (tests/unit/export/test_signing_imports.py).
USED_ONLY_WHEN_WRITING = (
    "cryptography.hazmat.primitives.serialization.pkcs12", "tzlocal", "uuid", "secrets",
    "cryptography.hazmat.primitives.keywrap", "asn1crypto.pem",
)
# And Python's own, bound the same way by modules every command loads: the source-line
# readers of `inspect` and `traceback` (tokenize, linecache), help-text wrapping (textwrap)
# and `random`, which cryptography's RSA module uses only to recover a key's primes. A check
# prints no traceback or source line and makes no key. These are loaded first thing (by
# dataclasses, through inspect), so a verify defers them before anything else it does.
PYTHONS_OWN_FOR_OTHER_WORK = ("tokenize", "linecache", "textwrap", "random")
_lock = threading.RLock()
_waiting: dict[str, Any] = {}  # name -> the loader a deferred module holds until first used


def defer_pyhanko_signers() -> bool:
    """Make `pyhanko.sign` run its `__init__` on first use of a name it exports.

    True if the deferral is now in place; False when the package was imported already (then
    everything is loaded and nothing changes) or cannot be found.
    """
    # Dunder look-ups (copy, pickle, inspect probing) never need the signers.
    return _defer(PACKAGE, dunders_load=False)


def defer_modules_checks_never_use() -> list[str]:
    """Make each of USED_ONLY_WHEN_WRITING run its code on first use of any of its names.

    The same deferral as pyhanko.sign's, for modules: the module object is made from its real
    spec and put where the import system puts it, so `import tzlocal` binds it as usual; its
    code runs when something first asks it for a name it does not hold yet. The names of the
    modules deferred (not imported already) are returned.
    """
    return [name for name in USED_ONLY_WHEN_WRITING if _defer(name, dunders_load=True)]


def defer_pythons_own_modules_checks_never_use() -> list[str]:
    """As defer_modules_checks_never_use, for PYTHONS_OWN_FOR_OTHER_WORK (call first)."""
    return [name for name in PYTHONS_OWN_FOR_OTHER_WORK if _defer(name, dunders_load=True)]


def _defer(name: str, *, dunders_load: bool) -> bool:
    with _lock:
        if name in sys.modules:
            return False
        parent_name, _, child = name.rpartition(".")
        # The parent package, loaded as usual (pyhanko's is small; the others are loaded by
        # a check anyway): its spec gives the child's path, and it holds the child's name.
        parent = importlib.import_module(parent_name) if parent_name else None
        if name in sys.modules:
            return False  # the parent imported it: it is in use already
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return False
        module = importlib.util.module_from_spec(spec)
        module.__dict__["__getattr__"] = _waiting[name] = _loader_for(name, module, dunders_load)
        sys.modules[name] = module
        if parent is not None:
            vars(parent)[child] = module  # as the import system sets a loaded submodule
        return True


def _loader_for(name: str, module: ModuleType, dunders_load: bool) -> Any:
    def load_and_get(attribute: str) -> object:
        if not dunders_load and attribute.startswith("__") and attribute.endswith("__"):
            raise AttributeError(attribute)
        with _lock:
            if module.__dict__.get("__getattr__") is load_and_get:
                del module.__dict__["__getattr__"]
                assert module.__spec__ is not None and module.__spec__.loader is not None
                module.__spec__.loader.exec_module(module)
        try:
            return module.__dict__[attribute]
        except KeyError:
            raise AttributeError(f"module {name!r} has no attribute {attribute!r}") from None

    return load_and_get


def loaded(name: str) -> bool:
    """Whether the module's own code has run in this process (for tests and diagnostics)."""
    module = sys.modules.get(name)
    if module is None:
        return False
    return name not in _waiting or module.__dict__.get("__getattr__") is not _waiting[name]


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
