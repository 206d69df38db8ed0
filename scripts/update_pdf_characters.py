"""Write desktop_app/knowledge/data/pdf_characters.json from the bundled fonts.

Run after changing a font in assets/fonts: `.venv/bin/python scripts/update_pdf_characters.py`.
tests/unit/export/test_pdf_characters_data.py fails while the file and the fonts disagree.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_app.export.fonts import FONT_FILES, printable_ranges  # noqa: E402
from desktop_app.knowledge.printable import PRINTABLE_FILE  # noqa: E402

TARGET = ROOT / "desktop_app" / "knowledge" / "data" / PRINTABLE_FILE


def main() -> int:
    data = {
        "about": (
            "Characters the PDF letter can print: those in all four DejaVu Sans faces or in "
            "one of the fallbacks (Droid Sans Fallback, Nanum Gothic, Noto Emoji), as "
            "(first, last) code point ranges. Anything else prints as an empty box, so the "
            "checker warns about it. Generated from the fonts by "
            "scripts/update_pdf_characters.py; do not edit by hand."
        ),
        "source": "assets/fonts: " + ", ".join(sorted(set(FONT_FILES.values()))),
        "effective": dt.date.today().isoformat(),
        "ranges": [list(pair) for pair in printable_ranges()],
    }
    TARGET.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"Wrote {TARGET.relative_to(ROOT)} ({len(data['ranges'])} ranges)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
