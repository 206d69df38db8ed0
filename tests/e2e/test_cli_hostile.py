"""Hostile input through `pa-letter` as a process: a clear line and the spec's exit code, never a
traceback, a hang or a patient's name on stderr.

The corpus (tests/corpus) holds every input that once failed: tracebacks, 5 GB reads, minute-
long layouts, silently printed "$NaN".
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = sorted((CORPUS / "cases").glob("*.json"))
# The linter tests run every corpus template in process; here a few, through the process.
TEMPLATES = [
    CORPUS / "templates" / f"{name}.letter"
    for name in ("list-repeat-5gb", "format-width-from-argument", "nested-if-300",
                 "include-etc-passwd")
]
NAMES = ("Corpus-Patient", "Corpus-Prescriber", "esproC-tneitaP")


def _clean(err: str) -> None:
    assert "Traceback" not in err
    for name in NAMES:
        assert name not in err
    assert len(err.strip().splitlines()) <= 3  # one clear line (and a note at most)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_each_corpus_case_is_rendered_or_refused_in_words(
    pa_letter: Any, path: Path, tmp_path: Path
) -> None:
    started = time.monotonic()
    rendered = pa_letter("render", path, "-o", tmp_path / "letter.pdf", "--override", "test")
    assert rendered.code in (0, 2)
    _clean(rendered.err)
    assert (rendered.code == 0) == (tmp_path / "letter.pdf").exists()
    assert time.monotonic() - started < 60


@pytest.mark.parametrize(
    ("name", "exit_code", "words"),
    [
        ("nested-1000-deep", 2, "more than 16 levels deep"),
        ("number-5000-digits", 2, "field 'drug.cycles': a number 5,000 characters long"),
        ("amount-nan", 2, "field 'denial.amount_in_controversy': NaN is not a number"),
        ("amount-infinity", 2, "Infinity is not a number"),
        ("prescriber-name-303-characters", 2, "field 'prescriber.name': holds 303 characters"),
        ("evidence-1000-items", 2, "field 'evidence': holds 1,000 items"),
        ("biomarkers-20000", 2, "field 'diagnosis.biomarkers': holds 20,000 items"),
        ("payer-name-lone-surrogate", 2, "field 'payer.name': holds a \\u escape of half"),
    ],
)
def test_unusable_cases_exit_2_naming_file_and_field(
    pa_letter: Any, name: str, exit_code: int, words: str
) -> None:
    result = pa_letter("check", CORPUS / "cases" / f"{name}.json")
    assert result.code == exit_code
    assert f"{name}.json" in result.err and words in result.err


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("birth-date-year-1", "date.out_of_range"),
        ("name-right-to-left-override", "text.hidden_characters"),
        ("member-id-zero-width", "text.hidden_characters"),
    ],
)
def test_what_once_passed_silently_is_now_a_finding(pa_letter: Any, name: str, code: str) -> None:
    result = pa_letter("check", CORPUS / "cases" / f"{name}.json", "--format", "json")
    assert result.code == 1
    assert f'"code": "{code}"' in result.out


def test_a_long_prescriber_name_within_limits_renders_to_docx(
    pa_letter: Any, tmp_path: Path
) -> None:
    case = (CORPUS / "cases" / "rationale-one-long-word.json").read_text("utf-8")
    case = case.replace("Dr Ottoline Corpus-Prescriber", "Dr " + "Q" * 97)
    source = tmp_path / "case.json"
    source.write_text(case, "utf-8")
    result = pa_letter("render", source, "-o", tmp_path / "letter.docx", "--override", "test")
    assert result.code == 0, result.err


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_each_corpus_template_is_refused_quickly_with_its_line(
    pa_letter: Any, path: Path
) -> None:
    started = time.monotonic()
    result = pa_letter("templates", "validate", path)
    assert time.monotonic() - started < 15  # the process starts too; the check itself < 2 s
    assert result.code == 1
    assert f"{path}:8: error:" in result.out
    assert "TypeError" not in result.out
    _clean(result.err)


ENDLESS = Path("/dev/zero")


@pytest.mark.skipif(not ENDLESS.exists(), reason="no /dev/zero here")
@pytest.mark.parametrize(
    ("args", "exit_code", "words"),
    [
        (("check", ENDLESS), 2, "too large to be a case file (over 5 MB)"),
        (("render", ENDLESS, "-o", "out.pdf"), 2, "too large to be a case file (over 5 MB)"),
        (("templates", "validate", ENDLESS), 2, "too large to be a letter template (over 1 MB)"),
        (("verify", ENDLESS), 2, "too large to be a signed letter (over 100 MB)"),
        (("sign", ENDLESS, "--p12", "x.p12", "-o", "s.pdf"), 2, "over 100 MB"),
        (("sign", "x.pdf", "--p12", ENDLESS, "-o", "s.pdf"), 2, "far too large"),
        (("sign", "x.pdf", "--p12", "x.p12", "--password-file", ENDLESS, "-o", "s.pdf"), 2,
         "far too large to hold a password"),
    ],
)
def test_an_endless_file_is_refused_at_its_cap_at_once(
    pa_letter: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[Any, ...],
    exit_code: int, words: str,
) -> None:
    for name in ("x.pdf", "x.p12"):
        (tmp_path / name).write_bytes(b"%PDF-1.4\n")
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    result = pa_letter(*args)
    assert time.monotonic() - started < 15
    assert result.code == exit_code, result.err
    assert words in result.err
    _clean(result.err)


def test_a_batch_with_bad_files_renders_the_good_ones_and_exits_1(
    pa_letter: Any, tmp_path: Path, examples_dir: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.json").write_bytes((examples_dir / "commercial-preauth.json").read_bytes())
    for name in ("nested-1000-deep", "amount-nan", "number-5000-digits"):
        (folder / f"{name}.json").write_bytes((CORPUS / "cases" / f"{name}.json").read_bytes())
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        result = pa_letter("batch", folder, "-o", out, "--jobs", jobs)
        assert result.code == 1
        assert [p.name for p in out.iterdir()] == ["good.pdf"]
        assert result.out.strip() == "1 written, 3 refused or unusable"
        assert all(f"{n}.json: unusable:" in result.err
                   for n in ("nested-1000-deep", "amount-nan", "number-5000-digits"))
        _clean(result.err.splitlines()[-1])
