"""State-law rules: which state off-label law binds the plan, and whether the case meets it.

State laws bind fully insured plans only; self-funded employer plans are exempt under ERISA
§514 (JCO 2006;24:3206). Each law names its compendia and article count (data/state_laws.json):
Maine counts literature only as 2 or more articles and names only USP-DI and AHFS-DI
(24-A M.R.S. §2745-E(1)(C)-(D)).
"""

from __future__ import annotations

from collections.abc import Iterator

from desktop_app.domain.findings import Finding, Severity
from desktop_app.knowledge.state_laws import erisa_exemption, state_law
from desktop_app.knowledge.support import assess_evidence
from desktop_app.rules.engine import RuleContext, rule
from desktop_app.rules.state_support import (
    binding_state_law,
    citable_state_law,
    conditions_to_confirm,
    is_oncologist,
    state_law_support,
)

__all__ = ["binding_state_law"]


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
    source="24-A M.R.S. §2745-E(1)(C) (Maine: at least 2 articles); each state's statute in "
    "knowledge/data/state_laws.json",
    checks="Where the plan's state law counts literature only above a number of articles "
    "(for example Maine, California, Ohio and Rhode Island: 2), enough articles are cited, "
    "unless a compendium the statute names supports the use.",
)
def check_article_count(context: RuleContext) -> Iterator[Finding]:
    case = context.case
    support = state_law_support(case, assess_evidence(case))
    if support is None or support.compendia or not support.law.accepts_literature:
        return
    law = support.law
    if law.min_articles is None or len(support.articles) >= law.min_articles:
        return
    given = len(support.articles)
    cited = f"{given} qualifying {'article is' if given == 1 else 'articles are'} cited"
    add = _articles(law.min_articles - given)
    if law.compendia is None:  # the statute's compendia were not confirmed: only articles show it
        fix = (
            f"{cited}. Add {add}; which compendia it accepts ({law.compendia_text}) is not "
            "confirmed, so a compendium listing does not show the law is met."
        )
    else:
        fix = (
            f"{cited} with no supportive listing in {law.compendia_text}. "
            f"Add {add} or such a listing."
        )
    yield Finding(
        "evidence.too_few_articles",
        Severity.ERROR,
        "evidence",
        f"{law.name}'s off-label law ({law.citation}) accepts medical literature only as at least "
        f"{law.min_articles} articles from peer-reviewed journals, and {fix}",
    )


@rule(
    "state.law_not_met",
    rule_set="state",
    source="each state's statute in knowledge/data/state_laws.json (e.g. 24-A M.R.S. §2745-E: "
    "USP-DI or AHFS-DI, or 2 articles)",
    checks="Where a state off-label law binds the plan, the case meets it as the statute words "
    "it (its own compendia and article count); otherwise the letter does not cite it.",
)
def check_state_law_met(context: RuleContext) -> Iterator[Finding]:
    case = context.case
    result = assess_evidence(case)
    support = state_law_support(case, result)
    if support is None or not support.law.verified or support.met:
        return
    if support.law.min_articles and support.law.accepts_literature and not support.compendia:
        return  # evidence.too_few_articles already says what to add
    law = support.law
    count = law.articles_needed
    articles = f"{count} article{'s' if count != 1 else ''} from peer-reviewed journals"
    verdict = "does not meet it as written"
    if not support.oncologist_ok and (support.compendia or support.by_literature):
        why = "it covers only uses prescribed by the patient's treating oncologist"
    elif law.compendia is None:
        verdict = "does not show that it meets it"
        # The statute's compendia were not confirmed: say so rather than call a listing short.
        why = (
            f"which compendia it accepts ({law.compendia_text}) is not confirmed, so only "
            f"{articles} can show that the case meets it"
        )
    else:
        ways = f"a supportive listing in {law.compendia_text}"
        why = f"it asks for {ways}" + (f", or {articles}" if law.accepts_literature else "")
    yield Finding(
        "state.law_not_met",
        Severity.WARNING,
        "evidence",
        f"{law.name}'s off-label law ({law.citation}) binds this plan, but the case {verdict}: "
        f"{why}. The letter will not cite the state law until it does.",
    )


@rule(
    "state.law_unverified",
    rule_set="state",
    source="knowledge/data/state_laws.json (entries marked verified=false)",
    checks="A state law on file whose terms were not confirmed is not cited; staff are told.",
)
def check_state_law_unverified(context: RuleContext) -> Iterator[Finding]:
    law = binding_state_law(context.case)
    if law is None or law.verified:
        return
    yield Finding(
        "state.law_unverified",
        Severity.INFO,
        "payer.state",
        # The entry's research note (what was read where) stays in the data file for whoever
        # confirms it; quoted here it ran to several lines of the checklist.
        f"{law.name} has an off-label drug law on file ({law.citation}), but its terms were not "
        "confirmed against the statute's text, so the letter does not cite it. Check the "
        "statute and, if it applies, add its citation to the letter yourself.",
    )


@rule(
    "state.oncologist_required",
    rule_set="state",
    source="8 V.S.A. §4095f (formerly §4100e); Vermont DFR HCA Bulletin 121",
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
    if not is_oncologist(case):
        yield Finding(
            "state.oncologist_required",
            Severity.WARNING,
            "prescriber.specialty",
            f"{law.name}'s off-label law ({law.citation}) covers uses prescribed by the patient's "
            "treating oncologist. Have the treating oncologist sign the letter, or check that "
            "the prescriber's specialty is entered correctly.",
        )


@rule(
    "state.conditions_to_confirm",
    rule_set="state",
    source="each state's statute in knowledge/data/state_laws.json (e.g. Cal. Health & Safety "
    "Code §1367.21(a)(2), Cal. Ins. Code §10123.195(a)(2))",
    checks="Where the letter cites a state law that also has conditions the case cannot show "
    "(California: a participating prescriber, a life-threatening or chronic and seriously "
    "debilitating condition; New Mexico: a managed health care plan; Florida, where articles "
    "carry it: a United States journal), staff are asked to confirm them.",
)
def check_conditions_to_confirm(context: RuleContext) -> Iterator[Finding]:
    support = citable_state_law(context.case, assess_evidence(context.case))
    conditions = conditions_to_confirm(support) if support else ()
    if support is None or not conditions:
        return
    law = support.law
    yield Finding(
        "state.conditions_to_confirm",
        Severity.INFO,
        "payer.state",
        f"The letter cites {law.name}'s off-label law ({law.citation}); the law also requires "
        f"that {' and that '.join(conditions)}. Confirm this before the letter is sent.",
    )


def state_law_to_cite(context: RuleContext) -> str:
    """The citation of the state law the letter will cite, or ''. For tests and messages."""
    support = citable_state_law(context.case, assess_evidence(context.case))
    return support.law.citation if support else ""
