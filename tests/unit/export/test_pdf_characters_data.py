"""The checker's list of printable characters is the fonts' own list (no drift)."""

from __future__ import annotations

from desktop_app.export.fonts import printable_ranges
from desktop_app.knowledge.printable import PRINTABLE_FILE, PrintableCharacters
from desktop_app.knowledge.reference import BUNDLED_DIR


def test_the_data_file_matches_the_bundled_fonts() -> None:
    data = PrintableCharacters.model_validate_json((BUNDLED_DIR / PRINTABLE_FILE).read_bytes())
    assert [tuple(pair) for pair in data.ranges] == printable_ranges(), (
        "the fonts changed: run .venv/bin/python scripts/update_pdf_characters.py"
    )
