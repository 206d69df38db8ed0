"""`pa-letter check` and `render` with a letterhead edited by hand: named, refused, kept."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import EXAMPLES


def test_a_hand_edited_letterhead_is_named_on_the_checklist_and_the_letter_is_refused(
    pa_letter, pa_letter_home: Path, tmp_path: Path
) -> None:
    settings = pa_letter_home / "settings.json"
    settings.write_text(json.dumps({"letterhead": {"name": "Riverside\u202e Oncology",
                                                   "fax": "555 𝔄"}}), "utf-8")
    before = settings.read_bytes()
    checked = pa_letter("check", EXAMPLES / "commercial-preauth.json", "--format", "json")
    assert checked.code == 1
    found = {(f["code"], f["field"]) for f in json.loads(checked.out)["findings"]}
    assert ("practice.unsafe_characters", "settings.letterhead.name") in found
    assert ("practice.unprintable", "settings.letterhead.fax") in found
    out = tmp_path / "letter.pdf"
    rendered = pa_letter("render", EXAMPLES / "commercial-preauth.json", "-o", out)
    assert rendered.code != 0 and not out.exists()
    assert "In Settings, the practice name holds U+202E" in rendered.err
    assert "\u202e" not in rendered.out + rendered.err and "Traceback" not in rendered.err
    assert settings.read_bytes() == before  # nothing saved is lost
