"""The off-label reasons beside the drug's label: labeled use, mismatched reasons, questions."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.findings import Finding, Severity
from desktop_app.knowledge.reference import reload_reference_data
from desktop_app.rules import labeled
from desktop_app.rules.engine import RuleContext, run_rules
from desktop_app.rules.label_check import compare_with_label
from desktop_app.rules.label_match import State
from tests.support.drug_fixtures import DRUGS, fixture_group, install_catalog
from tests.unit.rules.evidence_case_builder import make_case


def every(case: Any) -> list[Finding]:
    """All the labeled-use findings (the four registered rules share one comparison)."""
    return labeled.labeled_use_findings(RuleContext(case))


FOLFOX = [{"regimen": "FOLFOX", "reason_stopped": "progression"}]


@pytest.fixture(autouse=True)
def catalog(pa_letter_home: Path) -> Iterator[None]:
    install_catalog(pa_letter_home)
    yield
    reload_reference_data()


def drug(name: str, amount: float, unit: str, frequency: str, route: str = "intravenous",
         **extra: Any) -> dict[str, Any]:
    return {"generic_name": name, "hcpcs": None, "dose": {"amount": amount, "unit": unit},
            "route": route, "frequency": frequency, **extra}


def findings(**sections: Any) -> dict[tuple[str, str | None], Finding]:
    found = every(make_case(**sections))
    return {(f.code, f.field): f for f in found if f.code != "offlabel.label_unverified"}


PEMBRO = drug("pembrolizumab", 200, "mg", "every 3 weeks")
MSI_CHOLANGIO = {"icd10": "C22.1", "description": "Intrahepatic cholangiocarcinoma",
                 "stage": "Stage IV", "biomarkers": ["MSI-high"]}


def test_msi_h_tumor_on_pembrolizumab_is_labeled_whatever_the_organ() -> None:
    found = findings(drug=PEMBRO, diagnosis=MSI_CHOLANGIO, prior_therapies=FOLFOX,
                     off_label={"reasons": ["indication"]})
    finding = found[("offlabel.labeled_use", "off_label.reasons")]
    assert finding.severity is Severity.WARNING
    assert "FDA label covers this use" in finding.message
    assert "MSI-H or dMMR solid tumors" in finding.message
    assert "remove 'indication'" in finding.message


def test_the_same_cancer_without_msi_status_asks_the_question_the_issue_names() -> None:
    diagnosis = {**MSI_CHOLANGIO, "biomarkers": ["FGFR2 fusion"]}
    found = findings(drug=PEMBRO, diagnosis=diagnosis, prior_therapies=FOLFOX,
                     off_label={"reasons": ["indication"]})
    question = found[("offlabel.label_question", "diagnosis.biomarkers")]
    assert question.message == (
        "Is the tumor MSI-H or dMMR? The label covers unresectable or metastatic MSI-H or "
        "dMMR solid tumors after prior treatment."
    )
    assert ("offlabel.labeled_use", "off_label.reasons") not in found


def test_an_mss_tumor_is_not_labeled_and_the_indication_reason_is_right() -> None:
    diagnosis = {**MSI_CHOLANGIO, "biomarkers": ["MSS"]}
    assert findings(drug=PEMBRO, diagnosis=diagnosis, prior_therapies=FOLFOX,
                    off_label={"reasons": ["indication"]}) == {}
    found = findings(drug=PEMBRO, diagnosis=diagnosis, prior_therapies=FOLFOX,
                     off_label={"reasons": ["dose"]})
    mismatch = found[("offlabel.reason_mismatch", "off_label.reasons")]
    assert "does not cover this use" in mismatch.message
    assert "Add 'indication'" in mismatch.message
    # ...and the dose is a labeled one, so 'dose' is the wrong reason too.
    assert "Remove 'dose'" in found[("offlabel.reason_mismatch", "drug.dose.amount")].message


def test_nivolumab_for_a_cancer_it_is_not_labeled_for() -> None:
    nivo = drug("nivolumab", 240, "mg", "every 2 weeks")
    anal = {"icd10": "C21.1", "description": "Squamous cell carcinoma of anal canal",
            "stage": "metastatic"}
    assert findings(drug=nivo, diagnosis=anal, off_label={"reasons": ["indication"]}) == {}
    comparison = compare_with_label(make_case(drug=nivo, diagnosis=anal))
    assert comparison is not None
    assert comparison.disease is State.UNMET
    assert comparison.dose.state is State.MET  # 240 mg every 2 weeks is a labeled dose


def test_weekly_paclitaxel_departs_by_dose_and_schedule() -> None:
    weekly = drug("paclitaxel", 80, "mg/m²", "weekly", combination_with=["cisplatin"])
    ovary = {"icd10": "C56.9", "description": "ovarian cancer", "stage": "advanced"}
    assert findings(drug=weekly, diagnosis=ovary, prior_therapies=None,
                    off_label={"reasons": ["dose"]}) == {}
    found = findings(drug=weekly, diagnosis=ovary, prior_therapies=None,
                     off_label={"reasons": ["indication"]})
    assert "labeled_use" in str(found)  # the disease is on the label...
    mismatch = found[("offlabel.reason_mismatch", "drug.dose.amount")]  # ...the dose is not
    assert "80 mg/m² weekly" in mismatch.message
    assert "175 mg/m2 intravenously over 3 hours every 3 weeks" in mismatch.message
    # The fixture's paclitaxel is unverified: its doses are the catalog's, not quoted.
    assert "“" not in mismatch.message
    assert "as the drug catalog lists it, not yet confirmed against the label" in mismatch.message
    assert "Add 'dose'" in mismatch.message


def test_the_labeled_amount_on_another_schedule_is_a_schedule_departure() -> None:
    found = findings(drug=drug("paclitaxel", 175, "mg/m2", "every 2 weeks",
                               combination_with=["cisplatin"]),
                     diagnosis={"icd10": "C56.9", "stage": "advanced"}, prior_therapies=None,
                     off_label={"reasons": ["indication", "route"]})
    assert ("offlabel.reason_mismatch", "drug.frequency") in found
    assert "is a labeled route" in found[("offlabel.reason_mismatch", "drug.route")].message


def test_intravesical_gemcitabine_is_off_label_by_route() -> None:
    bladder = {"icd10": "C67.9", "description": "Malignant neoplasm of bladder",
               "stage": "non-muscle invasive"}
    gem = drug("gemcitabine", 2000, "mg", "weekly for 6 weeks", route="intravesical")
    found = findings(drug=gem, diagnosis=bladder, off_label={"reasons": ["indication"]})
    mismatch = found[("offlabel.reason_mismatch", "drug.route")]
    assert mismatch.message == (
        "The route (intravesical) is not a labeled route of gemcitabine: the label gives "
        "intravenous. Add 'route' to the off-label reasons."
    )
    # The labeled IV doses say nothing about an instillation: no dose question.
    assert not [k for k in found if k[1] and k[1].startswith("drug.dose")]
    assert findings(drug=gem, diagnosis=bladder,
                    off_label={"reasons": ["indication", "route"]}) == {}


def test_a_biosimilar_is_checked_against_its_drugs_label() -> None:
    ogivri = drug("trastuzumab-dkst", 6, "mg/kg", "every 3 weeks", brand_name="Ogivri")
    breast = {"icd10": "C50.911", "stage": "metastatic", "biomarkers": ["HER2 3+"]}
    comparison = compare_with_label(make_case(drug=ogivri, diagnosis=breast))
    assert comparison is not None and comparison.product is not None
    assert comparison.product.name == "Ogivri"
    assert comparison.product_label is not None  # Ogivri's own label
    assert comparison.disease is State.MET
    assert comparison.dose.state is State.UNMET  # 6 mg/kg q3w is the gastric regimen


def test_nonsquamous_lung_cancer_only_for_pemetrexed() -> None:
    pem = drug("pemetrexed", 500, "mg/m2", "every 21 days")
    squamous = {"icd10": "C34.90", "histology": "squamous cell carcinoma",
                "stage": "Stage IV"}
    found = findings(drug=pem, diagnosis=squamous, off_label={"reasons": ["dose"]})
    assert "leaves out squamous histology" in found[
        ("offlabel.reason_mismatch", "off_label.reasons")].message
    silent = {"icd10": "C34.90", "stage": "Stage IV", "description": "lung cancer"}
    asked = findings(drug=pem, diagnosis=silent, off_label={"reasons": ["indication"]})
    assert asked[("offlabel.label_question", "diagnosis.histology")].message.startswith(
        "Is the tumor squamous histology?")


def test_units_that_cannot_be_compared_are_asked_about() -> None:
    found = findings(drug=drug("paclitaxel", 315, "mg", "every 3 weeks"),
                     diagnosis={"icd10": "C50.912"}, prior_therapies=FOLFOX,
                     off_label={"reasons": ["indication"]})
    question = found[("offlabel.label_question", "drug.dose.unit")]
    assert "What is the planned dose in mg/m2?" in question.message


def test_an_unknown_route_word_is_asked_about() -> None:
    found = findings(drug={**PEMBRO, "route": "port"}, diagnosis=MSI_CHOLANGIO,
                     prior_therapies=FOLFOX, off_label={"reasons": ["dose"]})
    assert "Which route is planned?" in found[("offlabel.label_question", "drug.route")].message


def test_unverified_entries_ask_staff_to_confirm_what_the_letter_quotes() -> None:
    found = every(
                make_case(drug=PEMBRO, diagnosis=MSI_CHOLANGIO, prior_therapies=FOLFOX))
    unverified = [f for f in found if f.code == "offlabel.label_unverified"]
    assert len(unverified) == 1 and "confirm" in unverified[0].message
    assert "dailymed.nlm.nih.gov" in unverified[0].message
    nivo = every(
               make_case(drug=drug("nivolumab", 240, "mg", "every 2 weeks")))
    assert "offlabel.label_unverified" not in [f.code for f in nivo]


def test_a_label_without_a_set_id_is_named_by_its_drugs_at_fda_address(
    pa_letter_home: Path,
) -> None:
    drugs = copy.deepcopy(DRUGS)
    address = "https://www.accessdata.fda.gov/drugsatfda_docs/label/2025/125514s170lbl.pdf"
    drugs[0]["label"] = {**drugs[0]["label"], "setid": None, "drugs_at_fda": address}
    install_catalog(pa_letter_home, fixture_group(drugs))
    found = every(make_case(drug=PEMBRO, diagnosis=MSI_CHOLANGIO, prior_therapies=FOLFOX))
    unverified = [f for f in found if f.code == "offlabel.label_unverified"]
    assert len(unverified) == 1 and address in unverified[0].message
    assert "dailymed" not in unverified[0].message


def test_a_drug_not_in_the_catalog_is_left_to_staff() -> None:
    assert every(make_case(drug=drug("made-up-mab", 1, "mg", "x"))) == []
    assert every(make_case(drug=drug("", 1, "mg", "x"))) == []


def test_a_damaged_catalog_is_a_warning_not_a_crash(pa_letter_home: Path) -> None:
    (pa_letter_home / "reference" / "drugs" / "bad.json").write_text("{", "utf-8")
    reload_reference_data()
    found = run_rules(RuleContext(make_case(drug=PEMBRO)))
    unreadable = [f for f in found if f.code == "offlabel.catalog_unreadable"]
    assert unreadable and "bad.json" in unreadable[0].message
    assert "internal.rule_failed" not in [f.code for f in found]


def test_hostile_text_in_the_case_is_read_as_words() -> None:
    hostile = "<b>&amp; {{x}} MSI-H ((("
    found = every(make_case(
        drug={**PEMBRO, "route": hostile, "frequency": hostile},
        diagnosis={"icd10": "C22.1", "biomarkers": [hostile], "stage": hostile,
                   "histology": hostile}, prior_therapies=[{"regimen": hostile,
                                                            "reason_stopped": "x"}]))
    assert all(isinstance(f, Finding) and f.message for f in found)


def test_each_registered_rule_reports_its_own_codes() -> None:
    case = make_case(drug=drug("gemcitabine", 2000, "mg", "weekly", route="intravesical"),
                     diagnosis={"icd10": "C25.9", "stage": "metastatic"},
                     off_label={"reasons": ["indication"]})
    context = RuleContext(case)
    assert [f.code for f in labeled.check_reason_mismatch(context)] == [
        "offlabel.reason_mismatch"]
    assert [f.code for f in labeled.check_labeled_use(context)] == ["offlabel.labeled_use"]
    assert list(labeled.check_label_questions(context)) == []
    codes = [f.code for f in run_rules(context)]
    assert codes.count("offlabel.reason_mismatch") == 1


def test_first_line_after_the_adjuvant_therapy_the_label_names_is_still_first_line() -> None:
    gem = drug("gemcitabine", 1250, "mg/m2", "days 1 and 8 of each 21-day cycle",
               combination_with=["paclitaxel"])
    breast = {"icd10": "C50.912", "stage": "metastatic", "description": "breast cancer"}
    adjuvant_ac = [{"regimen": "AC (doxorubicin, cyclophosphamide) adjuvant",
                    "reason_stopped": "completed"}]
    labeled_case = compare_with_label(make_case(drug=gem, diagnosis=breast,
                                                prior_therapies=adjuvant_ac))
    assert labeled_case is not None and labeled_case.disease is State.MET
    later = [*adjuvant_ac, {"regimen": "capecitabine", "reason_stopped": "progression"}]
    second_line = compare_with_label(make_case(drug=gem, diagnosis=breast,
                                               prior_therapies=later))
    assert second_line is not None and second_line.disease is State.UNMET
    [line] = [c for c in second_line.closest()[0].unmet]
    assert line.kind == "line" and "capecitabine" in line.differs


def test_a_verified_entry_s_doses_are_quoted_as_the_label_s_words(
    pa_letter_home: Path,
) -> None:
    drugs = copy.deepcopy(DRUGS)
    paclitaxel = next(d for d in drugs if d["generic_name"] == "paclitaxel")
    paclitaxel["verified"] = True
    install_catalog(pa_letter_home, fixture_group(drugs))
    weekly = drug("paclitaxel", 80, "mg/m²", "weekly", combination_with=["cisplatin"])
    ovary = {"icd10": "C56.9", "description": "ovarian cancer", "stage": "advanced"}
    found = findings(drug=weekly, diagnosis=ovary, prior_therapies=None,
                     off_label={"reasons": ["indication"]})
    message = found[("offlabel.reason_mismatch", "drug.dose.amount")].message
    assert "“175 mg/m2 intravenously over 3 hours every 3 weeks”" in message
    assert "not yet confirmed" not in message


def _checked(revised: str, by: str = "Dana Whitfield, RN", on: str | None = "2026-11-30"
             ) -> dict[str, Any]:
    day = dt.date.fromisoformat(on) if on else None
    return {"label_check": {"checked_by": by, "checked_on": day,
                            "label_revised": dt.date.fromisoformat(revised)}}


def test_staff_check_against_the_cited_label_stands_in_for_the_unverified_warning() -> None:
    found = every(make_case(drug=PEMBRO, diagnosis=MSI_CHOLANGIO, prior_therapies=FOLFOX,
                            off_label=_checked("2025-09-01")))
    codes = [f.code for f in found]
    assert "offlabel.label_unverified" not in codes
    checked = [f for f in found if f.code == "offlabel.label_checked"]
    assert len(checked) == 1
    assert checked[0].severity is Severity.INFO
    assert checked[0].field == "off_label.label_check"
    assert ("Dana Whitfield, RN checked the catalog's labeled uses, doses and routes of "
            "pembrolizumab against KEYTRUDA (pembrolizumab) injection, for intravenous use "
            "(revised September 2025) on November 30, 2026") in checked[0].message


def test_a_check_against_an_older_label_asks_for_a_new_one() -> None:
    found = every(make_case(drug=PEMBRO, diagnosis=MSI_CHOLANGIO, prior_therapies=FOLFOX,
                            off_label=_checked("2025-03-01")))
    assert "offlabel.label_checked" not in [f.code for f in found]
    [unverified] = [f for f in found if f.code == "offlabel.label_unverified"]
    assert ("The check recorded in the case was against the label revised March 2025; the "
            "catalog now cites the label revised September 2025, so check again.") \
        in unverified.message


@pytest.mark.parametrize("check", [
    _checked("2025-09-01", by="  "),
    _checked("2025-09-01", on=None),
    {"label_check": {"checked_by": "Dana Whitfield, RN", "checked_on": dt.date(2026, 11, 30)}},
])
def test_a_check_missing_who_when_or_which_label_does_not_count(check: dict[str, Any]) -> None:
    found = every(make_case(drug=PEMBRO, diagnosis=MSI_CHOLANGIO, prior_therapies=FOLFOX,
                            off_label=check))
    assert "offlabel.label_checked" not in [f.code for f in found]
    [unverified] = [f for f in found if f.code == "offlabel.label_unverified"]
    assert "does not count yet" in unverified.message


def test_an_empty_check_is_no_check() -> None:
    found = every(make_case(drug=PEMBRO, diagnosis=MSI_CHOLANGIO, prior_therapies=FOLFOX,
                            off_label={"label_check": {"checked_by": ""}}))
    [unverified] = [f for f in found if f.code == "offlabel.label_unverified"]
    assert "recorded in the case" not in unverified.message
    assert "record the check in the Off-label section" in unverified.message


def test_a_verified_entry_needs_no_check_and_reports_none() -> None:
    found = every(make_case(drug=drug("nivolumab", 240, "mg", "every 2 weeks"),
                            off_label=_checked("2025-03-01")))
    codes = [f.code for f in found]
    assert "offlabel.label_checked" not in codes and "offlabel.label_unverified" not in codes


def test_a_revision_is_a_month_whatever_day_names_it() -> None:
    found = every(make_case(drug=PEMBRO, diagnosis=MSI_CHOLANGIO, prior_therapies=FOLFOX,
                            off_label=_checked("2025-09-15")))
    assert "offlabel.label_checked" in [f.code for f in found]


def test_after_a_check_the_checklist_no_longer_calls_the_doses_unconfirmed() -> None:
    weekly = drug("pembrolizumab", 200, "mg", "weekly")
    hedged = every(make_case(drug=weekly, diagnosis=MSI_CHOLANGIO, prior_therapies=FOLFOX))
    checked = every(make_case(drug=weekly, diagnosis=MSI_CHOLANGIO, prior_therapies=FOLFOX,
                              off_label=_checked("2025-09-01")))
    [before] = [f for f in hedged if f.code == "offlabel.reason_mismatch"]
    [after] = [f for f in checked if f.code == "offlabel.reason_mismatch"]
    assert "not yet confirmed against the label" in before.message
    assert "not yet confirmed" not in after.message and "“" not in after.message
