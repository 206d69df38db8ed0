"""No patient or prescriber data on stderr: every fuzzed case file is rendered by the command
line, and what it prints on stderr never holds a name from the file.

Error messages name the field, never its content (README, privacy); an unexpected exception
is reported by its type alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from desktop_app.cli import main
from tests.unit.domain.test_fuzz_case_loader import PATIENT, PRESCRIBER, mutated_examples

RENDERS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@RENDERS
@given(text=mutated_examples())
def test_rendering_any_fuzzed_case_keeps_names_off_stderr(
    text: str, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "fuzzed.json"
    source.write_text(text, "utf-8")
    for output in ("letter.pdf", "letter.docx"):
        code = main(["render", str(source), "-o", str(tmp_path / output), "--override", "fuzz"])
        err = capfd.readouterr().err
        assert code in (0, 1, 2)
        assert "Traceback" not in err
        assert PATIENT not in err and PRESCRIBER not in err
        if code != 0:
            assert err.startswith("pa-letter: ") and err.count("\n") == 1


def test_an_unexpected_exception_is_reported_by_its_type_alone(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    examples_dir: Path,
) -> None:
    from desktop_app.services import check

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError(f"{PATIENT} born 1954-04-22")

    monkeypatch.setattr(check, "check_file", broken)
    assert main(["check", str(examples_dir / "commercial-preauth.json")]) == 1
    err = capfd.readouterr().err
    assert err == (
        "pa-letter: an unexpected problem (KeyError) stopped the command; "
        "please report it to support\n"
    )
