"""Compiled letter templates kept between runs, so one render does not compile its template.

Compiling a letter template (lexing, parsing, generating and compiling Python) is about a
tenth of a one-letter `pa-letter render`. Jinja's own bytecode cache keeps the compiled code
keyed by the template's name and checked against a checksum of its source and Python's
bytecode magic, so a changed template or a new Python compiles afresh. Letters do no I/O of
their own: services hand in the cache (services/template_cache.py); without one, every
process compiles, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from types import CodeType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # services install the cache at start, before anything needs Jinja
    from jinja2 import Environment
    from jinja2.bccache import Bucket, BytecodeCache

_make_cache: Callable[[], BytecodeCache | None] | None = None


def use_bytecode_cache(make: Callable[[], BytecodeCache | None] | None) -> None:
    """Where compiled templates are kept (None: nowhere). `make` is asked at each compile
    the process has not already done, so a cache folder moved meanwhile is seen."""
    global _make_cache
    _make_cache = make


def _the_cache() -> BytecodeCache | None:
    return _make_cache() if _make_cache is not None else None


def cached_code(
    environment: Environment, name: str, source: str
) -> tuple[Bucket | None, CodeType | None]:
    """The compiled code kept for this template's exact source, if any, and its bucket."""
    cache = _the_cache()
    if cache is None:
        return None, None
    try:
        bucket = cache.get_bucket(environment, name, None, source)
    except OSError:
        return None, None  # an unreadable cache folder costs a compile, nothing more
    except Exception:  # noqa: BLE001  a damaged file (Jinja unpickles its checksum) is a miss
        from jinja2.bccache import Bucket

        # A fresh bucket, so the compiled code replaces the damaged file.
        key, checksum = cache.get_cache_key(name), cache.get_source_checksum(source)
        return Bucket(environment, key, checksum), None
    code = bucket.code
    return bucket, code if isinstance(code, CodeType) else None


def keep_code(bucket: Bucket | None, code: CodeType) -> None:
    """Keep the code for the next run; a full disk or a read-only folder only costs speed."""
    cache = _the_cache() if bucket is not None else None
    if cache is None or bucket is None:
        return
    bucket.code = code
    try:
        cache.set_bucket(bucket)
    except (OSError, ValueError):
        return
