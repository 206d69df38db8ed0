"""Which standard and which benefit apply, and conflicts that must be answered before a claim.

- Part D judges a use that is not anticancer by SSA §1860D-2(e)(4)(A)(ii) and §1927(k)(6):
  the FDA label or a citation in AHFS-DI, USP-DI or DrugDex; NCCN and articles do not count.
- A compendium's negative listing beside supportive ones is a conflict the letter must explain
  (MBPM ch.15 §50.4.5(B); MAC article A58113).
- An oral anticancer drug with an injectable form may belong to Part B (SSA §1861(s)(2)(Q)).
- Traditional Medicare has no prior-authorization step for most Part B drugs: an Advance
  Beneficiary Notice protects the patient where coverage is uncertain (CMS-R-131).
"""

from __future__ import annotations

from collections.abc import Iterator

from desktop_app.domain.case_evidence import ArticleEvidence, CompendiumEvidence
from desktop_app.domain.findings import Finding, Severity
from desktop_app.knowledge.anticancer import UseKind
from desktop_app.knowledge.benefits import is_oral_route, part_b_oral_anticancer
from desktop_app.knowledge.coverage import use_coverage
from desktop_app.knowledge.support import NOT_SUPPORTIVE, assess_evidence
from desktop_app.rules.engine import RuleContext, rule
from desktop_app.rules.justification import justify

PART_D_NOT_ANTICANCER = "SSA §1860D-2(e)(4)(A)(ii); SSA §1927(k)(6), (g)(1)(B)(i)"


def _plan(context: RuleContext) -> object:
    return getattr(context.case.payer, "plan_type", None)


@rule(
    "evidence.conflicting_listing",
    rule_set="evidence",
    source="MBPM ch.15 §50.4.5(B) (a use rated NCCN 3, DrugDex III, not supportive or "
    "Lexi-Drugs Unsupported is not medically accepted by that compendium); MAC article A58113 "
    "(no compendium may list the use as unsupported or not recommended)",
    checks="A compendium that rates the use not supportive beside others that support it is "
    "answered in the case (why the listing does not apply), before the letter relies on the rest.",
)
def check_conflicting_listing(context: RuleContext) -> Iterator[Finding]:
    case = context.case
    result = assess_evidence(case)
    against = [i for i in result.items if i.verdict == NOT_SUPPORTIVE]
    explanation = case.off_label.conflict_explanation
    if not against or not result.supporting or (explanation or "").strip():
        return
    names = ", ".join(dict.fromkeys(i.compendium or "a compendium" for i in against))
    yield Finding(
        "evidence.conflicting_listing",
        Severity.ERROR,
        "off_label.conflict_explanation",
        f"{names} rates this use unfavorably while other evidence supports it. Reviewers apply "
        "the unfavorable listing: a compendium that rates a use not supportive does not accept it "
        "(MBPM ch.15 §50.4.5(B)), and contractors such as A58113's ask that no compendium do so. "
        "Explain why the listing does not apply to this patient (newer evidence, a different "
        "line of therapy or population); until then the letter will not claim the standard is "
        "met.",
    )


@rule(
    "evidence.part_d_compendia_only",
    rule_set="evidence",
    source=PART_D_NOT_ANTICANCER,
    checks="For a Part D use that is not anticancer, each item cited is one the statute counts "
    "(AHFS-DI, USP-DI or DrugDex); NCCN listings and journal articles are flagged.",
)
def check_part_d_compendia(context: RuleContext) -> Iterator[Finding]:
    case = context.case
    if _plan(context) != "medicare_part_d":
        return
    if assess_evidence(case).use is not UseKind.NOT_ANTICANCER:
        return
    for index, item in enumerate(case.evidence or ()):
        if isinstance(item, ArticleEvidence):
            what = "A journal article"
        elif isinstance(item, CompendiumEvidence) and item.compendium not in (
            "AHFS-DI",
            "USP-DI",
            "DrugDex",
        ):
            what = f"A {item.compendium or 'compendium'} listing"
        else:
            continue
        yield Finding(
            "evidence.part_d_compendia_only",
            Severity.WARNING,
            f"evidence.{index}",
            f"{what} does not count for this Part D use: it is not an anticancer use, so only "
            "the FDA label or a citation in AHFS-DI, USP-DI or DrugDex makes it a medically "
            "accepted indication (SSA §1860D-2(e)(4)(A)(ii), §1927(k)(6)). Keep it as background "
            "if the physician wants.",
        )


@rule(
    "coverage.not_anticancer",
    "coverage.use_unclear",
    rule_set="offlabel",
    source="SSA §1860D-2(e)(4)(A)(i)-(ii); SSA §1861(t)(2)(B) (anticancer chemotherapeutic "
    "regimens); knowledge/data/anticancer_uses.json",
    checks="Under Medicare, the case says whether the use is anticancer, which decides the "
    "standard the letter cites.",
)
def check_use_kind(context: RuleContext) -> Iterator[Finding]:
    case = context.case
    plan = _plan(context)
    if plan not in ("medicare_part_b", "medicare_part_d", "medicare_advantage"):
        return
    use = assess_evidence(case).use
    coverage = use_coverage(plan, use)
    if use is UseKind.NOT_ANTICANCER:
        yield Finding(
            "coverage.not_anticancer",
            Severity.INFO,
            "diagnosis.icd10",
            "This is not an anticancer use (the diagnosis or the drug says so), so the letter "
            f"cites {coverage.provision}, not the off-label anticancer rules of SSA "
            "§1861(t)(2)(B).",
        )
    elif use is UseKind.UNCLEAR:
        # Name this plan's two standards: a Part B letter must not be pointed at Part D's.
        anticancer = use_coverage(plan, UseKind.ANTICANCER).provision
        other = use_coverage(plan, UseKind.NOT_ANTICANCER).provision
        yield Finding(
            "coverage.use_unclear",
            Severity.WARNING,
            "diagnosis.icd10",
            "The diagnosis code does not show a cancer, so it is unclear whether this is an "
            f"anticancer use, and Medicare applies a different standard to each ({anticancer} "
            f"for an anticancer use, {other} for any other). Enter the cancer's ICD-10-CM code, "
            "or add it among the secondary codes; if the drug treats a disease that is not a "
            "cancer, enter that disease's code. Until then the letter will not say any standard "
            "is met.",
        )


@rule(
    "benefit.part_b_oral_anticancer",
    "benefit.not_part_b",
    rule_set="offlabel",
    source="SSA §1861(s)(2)(Q) (OBRA-93 §13563); DME MAC article A52479 (Oral Anticancer "
    "Drugs); knowledge/data/part_b_oral_anticancer.json",
    checks="The Medicare benefit the letter is under fits the drug: a listed oral anticancer drug "
    "with an injectable form may be Part B; other drugs taken by mouth are usually Part D.",
)
def check_benefit(context: RuleContext) -> Iterator[Finding]:
    case = context.case
    plan = _plan(context)
    drug = part_b_oral_anticancer(case.drug.generic_name, case.drug.brand_name)
    oral = is_oral_route(case.drug.route)
    if plan == "medicare_part_d" and drug is not None and oral:
        yield Finding(
            "benefit.part_b_oral_anticancer",
            Severity.WARNING,
            "payer.plan_type",
            f"Oral {drug.generic_name} has an injectable form ({drug.injectable_form}), so "
            "Medicare Part B may cover it under SSA §1861(s)(2)(Q) for the same cancers, "
            "including unlabeled uses. Ask the pharmacy which benefit it bills; if Part B, the "
            "claim goes to the DME MAC and this Part D request is not the right route.",
        )
    elif plan in ("medicare_part_b", "medicare_advantage") and oral and drug is None:
        yield Finding(
            "benefit.not_part_b",
            Severity.WARNING,
            "drug.route",
            "This drug is taken by mouth and is not on the list of oral anticancer drugs Part B "
            "covers (SSA §1861(s)(2)(Q)); drugs patients take themselves are usually covered "
            "under Part D. Check the benefit before sending a Part B letter.",
        )


@rule(
    "medicare.abn_reminder",
    rule_set="offlabel",
    source="CMS Medicare Claims Processing Manual ch.30 §50; Form CMS-R-131 (Advance "
    "Beneficiary Notice of Noncoverage)",
    checks="For traditional Medicare Part B, staff are reminded to give the patient an Advance "
    "Beneficiary Notice when coverage of the drug is uncertain.",
)
def check_abn(context: RuleContext) -> Iterator[Finding]:
    case = context.case
    if _plan(context) != "medicare_part_b" or case.letter.kind != "preauth":
        return
    if justify(case).met:
        return
    yield Finding(
        "medicare.abn_reminder",
        Severity.INFO,
        None,
        "Coverage of this use is not certain under Medicare Part B, and there is no prior "
        "authorization to settle it first. Before the first dose, give the patient an Advance "
        "Beneficiary Notice of Noncoverage (form CMS-R-131) so the patient can choose, "
        "knowing Medicare may not pay.",
    )
