"""Golden checks of what the app proposes from each sample denial letter (examples/denials/).

The ten letters are fictional, in the shapes payers use: Medicare Advantage and Part D notices,
a MAC redetermination, commercial and self-funded plans, a Medicaid plan, a pathway vendor.
Expectations live in tests/golden/expected/denials/<letter>.json; after an intended change to
the reading rules regenerate them with `PA_UPDATE_GOLDEN=1` and review the diff: it is what
staff will be asked to confirm.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest

from desktop_app.rules.denial_reading import DenialProposal, read_denial
from tests.conftest import EXAMPLES

LETTERS = sorted((EXAMPLES / "denials").glob("*.txt"))
EXPECTED = Path(__file__).with_name("expected") / "denials"
UPDATE = os.environ.get("PA_UPDATE_GOLDEN") == "1"


def as_json(proposal: DenialProposal) -> dict[str, Any]:
    def plain(value: object) -> object:
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    data: dict[str, Any] = {}
    for field in dataclasses.fields(proposal):
        value = getattr(proposal, field.name)
        if field.name == "reasons":
            data["reasons"] = [{"category": r.category, "text": r.text} for r in value]
        elif isinstance(value, tuple):
            data[field.name] = list(value)
        else:
            data[field.name] = None if value is None else plain(value.value)
    return data


@pytest.mark.parametrize("letter", LETTERS, ids=[p.stem for p in LETTERS])
def test_what_is_proposed_from_each_denial_letter(letter: Path) -> None:
    observed = as_json(read_denial(letter.read_text(encoding="utf-8")))
    path = EXPECTED / f"{letter.stem}.json"
    if UPDATE or not path.exists():
        path.write_text(json.dumps(observed, indent=1, ensure_ascii=False) + "\n", "utf-8")
        if not UPDATE:
            pytest.fail(f"wrote a new golden file {path.name}; review and commit it")
    assert observed == json.loads(path.read_text("utf-8"))


def test_the_ten_letters_cover_the_shapes_and_every_category_but_other() -> None:
    proposals = [read_denial(p.read_text(encoding="utf-8")) for p in LETTERS]
    assert len(proposals) == 10
    plan_types = {p.plan_type.value for p in proposals if p.plan_type}
    assert {"medicare_advantage", "medicare_part_d", "medicare_part_b", "medicaid",
            "commercial_fully_insured", "commercial_self_funded"} <= plan_types
    categories = {r.category for p in proposals for r in p.reasons}
    assert categories >= {"experimental", "not_medically_necessary", "not_fda_approved",
                          "not_in_compendia", "step_therapy", "missing_information",
                          "out_of_network", "quantity_limit"}
    # Every letter gives its date and at least one reason; none is left unread.
    assert all(p.denial_date and p.reasons for p in proposals)


def test_the_payers_words_are_quoted_as_printed() -> None:
    text = (EXAMPLES / "denials" / "10-medicare-advantage-step-therapy.txt").read_text("utf-8")
    proposal = read_denial(text)
    for reason in proposal.reasons:
        assert reason.text in " ".join(text.split())
