"""Deferring pyHanko's signers and TLS changes when code loads, not what signing or checking does.

Each case runs in a fresh interpreter, as `pa-letter verify` does: the deferral only acts
before anything has imported `pyhanko.sign`.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.support.certs import PASSWORD, certificates
from tests.support.pdfs import letter_pdf

ROOT = Path(__file__).resolve().parents[3]

_DEFERRED = """
    import sys
    from desktop_app.export.signing_imports import defer_pyhanko_signers, signers_loaded
    deferred = defer_pyhanko_signers()
    from desktop_app.export.signing_verify import verify_pdf
"""


def _run(code: str, *args: str) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_checking_a_signature_loads_neither_signers_nor_aiohttp(tmp_path: Path) -> None:
    from desktop_app.export.signing import sign_pdf

    signed = tmp_path / "signed.pdf"
    signed.write_bytes(sign_pdf(letter_pdf(1), certificates().valid, PASSWORD))
    out = _run(_DEFERRED + """
    report = verify_pdf(open(sys.argv[1], "rb").read())
    print(deferred, report.ok, report.signer, signers_loaded(), "aiohttp" in sys.modules)
    """, str(signed))
    assert out[:2] == ["True", "True"]
    assert out[-2:] == ["False", "False"]  # the check was made without either


def test_signing_after_checking_in_the_same_process_still_works(tmp_path: Path) -> None:
    # The GUI checks and signs in one process: the first use of the signers loads them.
    out = _run(_DEFERRED + """
    from tests.support.certs import PASSWORD, certificates
    from tests.support.pdfs import letter_pdf
    from desktop_app.export.signing import sign_pdf
    signed = sign_pdf(letter_pdf(1), certificates().valid, PASSWORD)
    again = sign_pdf(signed, certificates().valid, PASSWORD)
    report = verify_pdf(again)
    from pyhanko.sign import PdfSigner, signers
    print(deferred, report.ok, len(report.signatures), signers_loaded(),
          PdfSigner is signers.PdfSigner)
    """)
    assert out == ["True", "True", "2", "True", "True"]


def test_a_name_pyhanko_sign_does_not_have_is_still_an_attribute_error() -> None:
    out = _run("""
    from desktop_app.export.signing_imports import defer_pyhanko_signers
    defer_pyhanko_signers()
    import pyhanko.sign
    try:
        pyhanko.sign.no_such_name
    except AttributeError as exc:
        print("AttributeError", "no_such_name" in str(exc))
    print(hasattr(pyhanko.sign, "SimpleSigner"))
    """)
    assert out == ["AttributeError", "True", "True"]


def test_nothing_changes_once_pyhanko_sign_is_loaded() -> None:
    out = _run("""
    import pyhanko.sign
    from desktop_app.export.signing_imports import defer_pyhanko_signers
    print(defer_pyhanko_signers(), hasattr(pyhanko.sign, "PdfSigner"))
    """)
    assert out == ["False", "True"]


# What `pa-letter verify` defers (services/signing.checking_only), in the same order.
_WITHOUT_TLS = """
    import sys
    from desktop_app.export.signing_imports import (
        USED_ONLY_WHEN_WRITING, asyncio_without_tls, defer_modules_checks_never_use,
        defer_pyhanko_signers, loaded, tls_loaded)
    defer_pyhanko_signers()
    later = defer_modules_checks_never_use()
    without = asyncio_without_tls()
    from desktop_app.export.signing_verify import verify_pdf
"""


def test_checking_signatures_loads_asyncio_without_tls_and_judges_them_as_before(
    tmp_path: Path,
) -> None:
    from desktop_app.export.signing import sign_pdf
    from desktop_app.export.signing_verify import verify_pdf
    from tests.support import attacks

    signed = sign_pdf(letter_pdf(2), certificates().valid, PASSWORD)
    shadowed = attacks.shadow_stamp(signed, certificates().accented)
    (tmp_path / "signed.pdf").write_bytes(signed)
    (tmp_path / "shadow.pdf").write_bytes(shadowed)
    out = _run(_WITHOUT_TLS + """
    for name in sys.argv[1:]:
        report = verify_pdf(open(name, "rb").read(), require_trusted=True)
        print(report.ok, report.text().splitlines()[0].split(":")[0].replace(" ", "-"))
    print(without, "asyncio" in sys.modules, tls_loaded(), "_ssl" in sys.modules)
    print(later == list(USED_ONLY_WHEN_WRITING), *[loaded(name) for name in later])
    print(*[name in sys.modules for name in ("cryptography.x509", "email.utils", "zoneinfo")])
    """, str(tmp_path / "signed.pdf"), str(tmp_path / "shadow.pdf"))
    # The same verdicts as in this process, which loaded asyncio with TLS.
    expected = [
        f"{report.ok} {report.text().splitlines()[0].split(':')[0].replace(' ', '-')}"
        for report in (verify_pdf(data, require_trusted=True) for data in (signed, shadowed))
    ]
    assert " ".join(out[:4]) == " ".join(expected)
    assert out[:4] == ["False", "NOT-VOUCHED-FOR", "False", "ALTERED"]
    assert out[4:8] == ["True", "True", "False", "False"]  # the checks ran without ssl
    from desktop_app.export.signing_imports import USED_ONLY_WHEN_WRITING

    deferred_then_unused = ["False"] * (len(USED_ONLY_WHEN_WRITING) + 3)
    assert out[8:] == ["True", *deferred_then_unused]  # nor these, nor what they bring


def test_ssl_imported_after_the_checks_is_the_real_module() -> None:
    out = _run(_WITHOUT_TLS + """
    import asyncio.base_events
    import ssl
    print(without, asyncio.base_events.ssl is None, hasattr(ssl, "create_default_context"))
    """)
    assert out == ["True", "True", "True"]


def test_nothing_changes_once_asyncio_is_loaded() -> None:
    out = _run("""
    import asyncio
    import asyncio.base_events
    from desktop_app.export.signing_imports import asyncio_without_tls
    print(asyncio_without_tls(), asyncio.base_events.ssl is not None)
    """)
    assert out == ["False", "True"]


def test_a_deferred_module_runs_when_first_used_and_is_the_real_one() -> None:
    # The app opens certificates and names resources in a process that also checks.
    out = _run(_WITHOUT_TLS + """
    from tests.support.certs import PASSWORD, certificates
    from desktop_app.export.signing_certs import load_signing_certificate
    import secrets, tzlocal, uuid
    from cryptography.hazmat.primitives.serialization import pkcs12
    opened = load_signing_certificate(certificates().valid, PASSWORD)
    used = (bool(opened.common_name), uuid.uuid4().version, tzlocal.get_localzone() is not None,
            len(secrets.token_hex(4)), sys.modules[later[0]] is pkcs12,
            hasattr(pkcs12, "load_pkcs12"))
    print(*[loaded(name) for name in (later[0], "tzlocal", "uuid", "secrets")], *used)
    try:
        uuid.no_such_name
    except AttributeError as exc:
        print("AttributeError", "no_such_name" in str(exc))
    """)
    assert out[:4] == ["True"] * 4  # each deferred module ran when first used
    assert out[4:] == ["True", "4", "True", "8", "True", "True", "AttributeError", "True"]


def test_modules_already_imported_are_left_as_they_are() -> None:
    out = _run("""
    import uuid
    from desktop_app.export.signing_imports import defer_modules_checks_never_use, loaded
    print("uuid" in defer_modules_checks_never_use(), loaded("uuid"))
    """)
    assert out == ["False", "True"]


def test_pythons_own_deferred_modules_still_show_tracebacks_help_and_random_numbers(
    tmp_path: Path,
) -> None:
    source = tmp_path / "failing.py"
    source.write_text("def fail():\n    raise ValueError('shown with its line')\n")
    out = _run("""
    import sys
    from desktop_app.export.signing_imports import (
        PYTHONS_OWN_FOR_OTHER_WORK, defer_pythons_own_modules_checks_never_use, loaded)
    deferred = defer_pythons_own_modules_checks_never_use()
    waiting = [loaded(name) for name in deferred]
    sys.path.insert(0, sys.argv[1])
    import traceback, textwrap, random, failing
    try:
        failing.fail()
    except ValueError:
        shown = "raise ValueError('shown with its line')" in traceback.format_exc()
    print(deferred == list(PYTHONS_OWN_FOR_OTHER_WORK), *waiting, shown,
          textwrap.wrap("a b", 1) == ["a", "b"], 0 <= random.random() < 1,
          *[loaded(name) for name in deferred])
    """, str(tmp_path))
    assert out == ["True", "False", "False", "False", "False", "True", "True", "True",
                   "True", "True", "True", "True"]
