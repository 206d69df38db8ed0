"""What a process that writes a PDF does before its first page, run as real processes.

Guards of the speed issue's fixed cost by behaviour, not by timing: reportlab's web-address
pattern is the quick one in a real render; a second run builds its fonts from the entries the
first kept (in a private cache folder) and writes the very same PDF; a damaged entry, or a
cache folder that cannot be used, costs a font read and still gives the same PDF.
"""

from __future__ import annotations

import stat
import textwrap
from pathlib import Path

import pytest

from desktop_app.export.reportlab_platypus import QUICK_URI_PATTERN
from tests.e2e.probes import ROOT, run_probe

EXAMPLES = ROOT / "examples"

# Renders one example (invariant, so two runs can be compared byte for byte) and says which
# faces were read from their font files and which web-address pattern reportlab holds.
PROBE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from reportlab.pdfbase import ttfonts

    read = []
    original = ttfonts.TTFontFile.extractInfo
    ttfonts.TTFontFile.extractInfo = lambda self, *a: read.append(self.name) or original(self, *a)

    from desktop_app.domain.casefile import load_case
    from desktop_app.services.render import render_letter

    letter = render_letter(load_case(sys.argv[1]), fmt="pdf", override_reason="test",
                           invariant=True)
    from reportlab.platypus import paragraph  # as the render left it
    Path(sys.argv[2]).write_bytes(letter.data)
    print("read:", len(read), file=sys.stderr)
    print("pattern:", repr(paragraph.uri_pat.pattern), file=sys.stderr)
    """
)


def _render(example: str, out: Path, home: Path, cache: Path) -> dict[str, str]:
    done = run_probe(PROBE, EXAMPLES / example, out, home=home, PA_LETTER_CACHE=str(cache))
    assert done.returncode == 0, done.stderr[-2000:]
    said = dict(line.split(": ", 1) for line in done.stderr.splitlines() if ": " in line)
    return {key: said[key] for key in ("read", "pattern")}


@pytest.mark.parametrize("example", ["medicare-part-b-preauth.json", "hostile-strings.json"])
def test_a_second_run_builds_its_fonts_from_the_cache_and_writes_the_same_pdf(
    tmp_path: Path, example: str
) -> None:
    cache = tmp_path / "cache"
    first = _render(example, tmp_path / "first.pdf", tmp_path / "home", cache)
    assert int(first["read"]) >= 3  # regular, bold, italic (the hostile case: fallbacks too)
    assert first["pattern"] == repr(QUICK_URI_PATTERN)
    folder = cache / "fonts"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    kept = sorted(folder.iterdir())
    assert len(kept) == int(first["read"])
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in kept)

    second = _render(example, tmp_path / "second.pdf", tmp_path / "home", cache)
    assert second["read"] == "0"
    assert (tmp_path / "second.pdf").read_bytes() == (tmp_path / "first.pdf").read_bytes()


def test_a_damaged_or_unusable_cache_costs_a_font_read_and_gives_the_same_pdf(
    tmp_path: Path,
) -> None:
    example = "medicare-part-b-preauth.json"
    cache = tmp_path / "cache"
    _render(example, tmp_path / "first.pdf", tmp_path / "home", cache)
    expected = (tmp_path / "first.pdf").read_bytes()
    entries = sorted((cache / "fonts").iterdir())
    entries[0].write_bytes(entries[0].read_bytes()[:-7])  # cut short, as by a full disk
    data = bytearray(entries[1].read_bytes())
    data[len(data) // 2] ^= 0x20  # one byte changed on disk
    entries[1].write_bytes(bytes(data))
    damaged = _render(example, tmp_path / "damaged.pdf", tmp_path / "home", cache)
    assert damaged["read"] == "2"
    assert (tmp_path / "damaged.pdf").read_bytes() == expected
    again = _render(example, tmp_path / "again.pdf", tmp_path / "home", cache)
    assert again["read"] == "0"  # the damaged entries were replaced

    blocker = tmp_path / "cache-is-a-file"
    blocker.write_bytes(b"")
    unusable = _render(example, tmp_path / "unusable.pdf", tmp_path / "home", blocker)
    assert int(unusable["read"]) >= 3
    assert (tmp_path / "unusable.pdf").read_bytes() == expected
