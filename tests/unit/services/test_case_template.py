"""The template a case remembers is the one checked and rendered; a lost one falls back."""

from __future__ import annotations

from desktop_app.letters.samples import full_case
from desktop_app.services.case_template import case_template
from desktop_app.services.check import check_case


def _with_template(template: str | None, kind: str = "preauth") -> object:
    case = full_case(kind)
    return case.model_copy(update={"letter": case.letter.model_copy(update={"template": template})})


def test_no_choice_uses_the_kind_default() -> None:
    chosen, findings = case_template(_with_template(None))
    assert chosen.id == "offlabel-preauth" and findings == []


def test_a_removed_template_falls_back_with_a_warning() -> None:
    report = check_case(_with_template("gone-letter"))
    assert report.template_id == "offlabel-preauth"
    found = [f for f in report.findings if f.code == "template.unavailable"]
    assert [f.field for f in found] == ["letter.template"]
    assert "gone-letter" in found[0].message


def test_a_template_for_another_kind_is_not_used() -> None:
    chosen, findings = case_template(_with_template("offlabel-appeal", "preauth"))
    assert chosen.id == "offlabel-preauth"
    assert findings and findings[0].code == "template.unavailable"


def test_an_explicit_template_still_wins() -> None:
    chosen, _ = case_template(_with_template("gone-letter"), "fax-cover")
    assert chosen.id == "fax-cover"
