"""`pa-letter templates validate PATH` and `render --template PATH`, run in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli import main

pytestmark = pytest.mark.no_database  # runs once: opens no case database

ROOT = Path(__file__).resolve().parents[3]
FRONT = '+++\nid = "cli-letter"\ntitle = "CLI"\nkind = "appeal"\nversion = 1\n+++\n'


def test_validate_lists_each_problem_with_its_line_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.letter"
    path.write_text(
        FRONT
        + "<letter>\n<p>{{ case.patient.nmae }}</p>\n<p>{{ case.drug.name|shout }}</p>\n"
        + "<signature/></letter>\n",
        encoding="utf-8",
    )
    assert main(["templates", "validate", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"{path}:8: error: 'case.patient.nmae' is not a known field; did you mean 'name'?" in out
    assert any(line.startswith(f"{path}:9: error:") and "shout" in line for line in out)


def test_validate_a_clean_template_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    path = ROOT / "docs" / "examples" / "peer-to-peer-request.letter"
    assert main(["templates", "validate", str(path)]) == 0
    assert capsys.readouterr().out.strip().endswith("valid")


def test_validate_names_a_front_matter_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "front.letter"
    path.write_text(FRONT.replace('kind = "appeal"', 'kind = "memo"') + "<letter/>\n")
    assert main(["templates", "validate", str(path)]) == 1
    assert f"{path}:4: error: kind must be one of preauth, appeal, fax" in capsys.readouterr().out


def test_render_with_a_template_file(tmp_path: Path, examples_dir: Path) -> None:
    template = ROOT / "docs" / "examples" / "peer-to-peer-request.letter"
    out = tmp_path / "p2p.pdf"
    code = main(
        [
            "render",
            str(examples_dir / "commercial-appeal.json"),
            "--template",
            str(template),
            "-o",
            str(out),
        ]
    )
    assert code == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_render_with_a_runaway_template_stops_in_words(
    tmp_path: Path, examples_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "loop.letter"
    template.write_text(
        FRONT + "<letter><p>\n{% for a in range(99999) %}{% for b in range(99999) %}"
        "{% endfor %}{% endfor %}\n</p><signature/></letter>\n"
    )
    code = main(
        [
            "render",
            str(examples_dir / "commercial-appeal.json"),
            "--template",
            str(template),
            "-o",
            str(tmp_path / "x.pdf"),
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "loops ran more than" in err
    assert "loop.letter:8:" in err
    assert not (tmp_path / "x.pdf").exists()
