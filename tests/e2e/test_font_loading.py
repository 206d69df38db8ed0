"""Which bundled faces a PDF render reads, run as real processes (fonts register per process).

Each DejaVu face takes 12-25 ms to read, so a letter reads only the faces it sets. These
guard that by behaviour: the example letter (regular, bold, italic) never reads bold italic,
and a letter that does set bold italic, including a bold run in an italic style, still
prints it in the embedded DejaVu face rather than failing or falling back to Helvetica.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "medicare-part-b-preauth.json"

RENDER_PROBE = textwrap.dedent(
    """
    import sys
    from desktop_app.cli import main
    from desktop_app.export import fonts

    code = main(sys.argv[1:])
    print("faces:", " ".join(sorted(fonts._coverage)), file=sys.stderr)
    sys.exit(code)
    """
)

BOLD_ITALIC_PROBE = textwrap.dedent(
    """
    import io, sys
    from desktop_app.export.pdf import write_pdf
    from desktop_app.letters.document import LetterDocument, Paragraph, Run

    if sys.argv[1] == "run":
        paragraph = Paragraph([Run("Plain, then "), Run("bold italic", bold=True, italic=True)])
    else:  # the quote style is italic: its bold run prints in bold italic
        paragraph = Paragraph([Run("A quote with a "), Run("bold word", bold=True)], "quote")
    document = LetterDocument(blocks=[paragraph])
    out = io.BytesIO()
    write_pdf(document, out, invariant=True)
    sys.stdout.buffer.write(out.getvalue())
    """
)


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, PA_LETTER_HOME=str(home))
    env.pop("PA_LETTER_DB_URL", None)
    return env


def test_the_example_letter_reads_only_the_faces_it_prints(tmp_path: Path) -> None:
    out = tmp_path / "letter.pdf"
    done = subprocess.run(
        [sys.executable, "-c", RENDER_PROBE, "render", str(EXAMPLE), "-o", str(out)],
        env=_env(tmp_path / "home"), capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    faces = next(line for line in done.stderr.splitlines() if line.startswith("faces:"))
    assert faces.split()[1:] == ["PALetterSans", "PALetterSans-Bold", "PALetterSans-Italic"]
    data = out.read_bytes()
    assert b"DejaVuSans-Bold" in data and b"DejaVuSans-Oblique" in data
    assert b"DejaVuSans-BoldOblique" not in data


@pytest.mark.parametrize("where", ["run", "style"])
def test_bold_italic_is_read_when_a_letter_sets_it(tmp_path: Path, where: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", BOLD_ITALIC_PROBE, where],
        env=_env(tmp_path / "home"), capture_output=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    data = done.stdout
    assert data.startswith(b"%PDF")
    assert b"DejaVuSans-BoldOblique" in data
    assert b"Helvetica" not in data  # every face printed is an embedded DejaVu one
