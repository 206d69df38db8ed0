"""A command's dataclass methods, string annotations and expressions come from the last run.

The first `pa-letter check` writes the table (storage/generated_code.py) into the cache
folder, private; the next finds what it needs there and leaves the file as it was; a damaged
table is replaced and the command works as before.
"""

from __future__ import annotations

import marshal
import stat
from pathlib import Path

from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "medicare-part-b-preauth.json"


def _table(cache: Path) -> Path:
    found = list(cache.glob("generated-code-*.marshal"))
    assert len(found) == 1, found
    return found[0]


def test_the_second_run_leaves_the_table_as_it_was(pa_letter, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {"PA_LETTER_CACHE": str(cache)}
    first = pa_letter("check", EXAMPLE, env_extra=env)
    table = _table(cache)
    assert stat.S_IMODE(table.stat().st_mode) == 0o600
    written = table.stat().st_mtime_ns, table.read_bytes()
    second = pa_letter("check", EXAMPLE, env_extra=env)
    assert (second.code, second.out) == (first.code, first.out)
    assert (table.stat().st_mtime_ns, table.read_bytes()) == written  # nothing was added


def test_a_damaged_table_is_replaced(pa_letter, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {"PA_LETTER_CACHE": str(cache)}
    expected = pa_letter("check", EXAMPLE, env_extra=env)
    table = _table(cache)
    table.write_bytes(b"\x00 damaged \xff" * 10)
    done = pa_letter("check", EXAMPLE, env_extra=env)
    assert (done.code, done.out) == (expected.code, expected.out)
    assert "Traceback" not in done.err
    replaced = marshal.loads(table.read_bytes())
    assert isinstance(replaced, dict) and len(replaced) > 100


def test_a_verify_keeps_a_table_of_its_own_and_leaves_the_checks_as_it_was(
    pa_letter, tmp_path: Path
) -> None:
    from desktop_app.export.signing import sign_pdf
    from tests.support.certs import PASSWORD, certificates
    from tests.support.pdfs import letter_pdf

    cache = tmp_path / "cache"
    env = {"PA_LETTER_CACHE": str(cache)}
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(sign_pdf(letter_pdf(1), certificates().valid, PASSWORD))
    pa_letter("check", EXAMPLE, env_extra=env)
    checks = _table(cache)
    written = checks.read_bytes()
    done = pa_letter("verify", signed, env_extra=env)
    assert done.code == 0, done.err
    tables = sorted(cache.glob("generated-code-*.marshal"))
    assert len(tables) == 2 and checks.read_bytes() == written
    verifys = next(t for t in tables if t != checks)
    assert verifys.name.endswith("-verify.marshal") and checks.name.endswith("-check.marshal")
    # Only what a verify compiled: the check's case-model code is not read or kept with it.
    only_the_checks = set(marshal.loads(written)) - set(marshal.loads(verifys.read_bytes()))
    assert len(only_the_checks) > 100
