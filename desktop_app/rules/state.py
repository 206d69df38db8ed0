"""State-law rules: which state off-label law binds the plan, and what it asks for.

State laws bind fully insured plans only; self-funded employer plans are exempt under ERISA
§514 (JCO 2006;24:3206). Maine counts literature only as 2 or more articles (24-A M.R.S.
§2745-E(1)(C)).
"""

from __future__ import annotations

from collections.abc import Iterator

from desktop_app.domain.case import ArticleEvidence, Case
from desktop_app.domain.findings import Finding, Severity
from desktop_app.knowledge.state_laws import StateLaw, erisa_exemption, state_law
from desktop_app.knowledge.support import assess_evidence
from desktop_app.rules.engine import RuleContext, rule

ONCOLOGY_WORDS = ("oncolog", "hematolog", "haematolog")


def binding_state_law(case: Case) -> StateLaw | None:
    """The state off-label law that binds this plan: fully insured plans in a listed state."""
    if getattr(case.payer, "plan_type", None) != "commercial_fully_insured":
        return None
    return state_law(getattr(case.payer, "state", None))


def _articles(count: int) -> str:
    return "1 more article" if count == 1 else f"{count} more articles"


@rule(
    "state.mandate_not_applicable",
    rule_set="state",
    source="ERISA §514 (29 U.S.C. 1144); JCO 2006;24:3206",
    checks="Self-funded employer plans are told that state off-label laws do not apply.",
)
def check_self_funded(context: RuleContext) -> Iterator[Finding]:
    case = context.case
    if getattr(case.payer, "plan_type", None) != "commercial_self_funded":
        return
    law = state_law(getattr(case.payer, "state", None))
    which = (
        f"{law.name}'s off-label drug law ({law.citation}) does"
        if law
        else "state off-label laws do"
    )
    yield Finding(
        "state.mandate_not_applicable",
        Severity.INFO,
        "payer.plan_type",
        f"This is a self-funded employer plan, so {which} not apply "
        f"({erisa_exemption().citation}). Base the letter on "
        "the plan's own terms and the medical evidence, and leave state law out of it.",
    )


@rule(
    "evidence.too_few_articles",
    rule_set="state",
    source="24-A M.R.S. §2745-E(1)(C) (Maine: at least 2 articles); state_laws.json",
    checks="Where the plan's state law counts literature only above a number of articles "
    "(Maine: 2), enough articles are cited, unless a compendium supports the use.",
)
def check_article_count(context: RuleContext) -> Iterator[Finding]:
    case = context.case
    law = binding_state_law(case)
    if law is None or law.min_articles is None:
        return
    given = sum(isinstance(item, ArticleEvidence) for item in case.evidence or ())
    if given >= law.min_articles or assess_evidence(case).compendium_support:
        return
    yield Finding(
        "evidence.too_few_articles",
        Severity.ERROR,
        "evidence",
        f"{law.name}'s off-label law ({law.citation}) accepts medical literature only as at least "
        f"{law.min_articles} articles from major peer-reviewed journals, and {given} "
        f"{'is' if given == 1 else 'are'} cited with no supportive compendium listing. Add "
        f"{_articles(law.min_articles - given)} or a supportive compendium listing.",
    )


@rule(
    "state.oncologist_required",
    rule_set="state",
    source="8 V.S.A. §4100e; Vermont DFR HCA Bulletin 121",
    checks="Where the state law covers only uses prescribed by the treating oncologist "
    "(Vermont), the prescriber's specialty is oncology or hematology.",
)
def check_treating_oncologist(context: RuleContext) -> Iterator[Finding]:
    case = context.case
    law = binding_state_law(case)
    if law is None or not law.requires_treating_oncologist:
        return
    specialty = getattr(case.prescriber, "specialty", None)
    if not isinstance(specialty, str) or not specialty.strip():
        return  # nothing to compare; the letter template asks for the specialty if it needs it
    if not any(word in specialty.casefold() for word in ONCOLOGY_WORDS):
        yield Finding(
            "state.oncologist_required",
            Severity.WARNING,
            "prescriber.specialty",
            f"{law.name}'s off-label law ({law.citation}) covers uses prescribed by the patient's "
            "treating oncologist. Have the treating oncologist sign the letter, or check that "
            "the prescriber's specialty is entered correctly.",
        )
