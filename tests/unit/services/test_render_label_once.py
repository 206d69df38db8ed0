"""A render compares the case with the drug's label once, for its checklist and its letter."""

from __future__ import annotations

import pytest

from desktop_app.domain.casefile import load_case
from desktop_app.services.check import check_case
from desktop_app.services.render import render_letter
from tests.conftest import EXAMPLES
from tests.support.label_comparisons import count_label_comparisons

pytestmark = pytest.mark.no_database  # runs once: opens no case database


def test_the_check_and_the_letter_share_one_comparison(monkeypatch: pytest.MonkeyPatch) -> None:
    case = load_case(EXAMPLES / "commercial-appeal.json")
    expected = [f.code for f in check_case(case).findings]
    made = count_label_comparisons(monkeypatch)
    letter = render_letter(case, fmt="pdf", override_reason="test")
    assert made == [case]
    assert [f.code for f in letter.findings] == expected  # the same checklist as before
    # A later render of the edited case sees the edit: nothing is kept past one render.
    case.off_label.reasons = []
    again = render_letter(case, fmt="pdf", override_reason="test")
    assert len(made) == 2
    assert "offlabel.reason_mismatch" in expected
    assert [f.code for f in again.findings] != expected
