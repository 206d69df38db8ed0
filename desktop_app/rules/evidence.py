"""Evidence rules: does what the case cites meet the plan's standard of support?

The standard comes from reference data (knowledge.coverage, knowledge.compendia): for Medicare,
SSA §1861(t)(2)(B) and MBPM ch.15 §50.4.5 — a supportive compendium listing or an article from
a CMS-listed journal, where any "not indicated" listing defeats the supportive ones.
The weighing itself lives in knowledge.support, shared with the justification, so a letter
never claims support that these findings do not show.
"""

from __future__ import annotations

from collections.abc import Iterator

from desktop_app.domain.case import Case
from desktop_app.domain.case_evidence import ArticleEvidence, CompendiumEvidence
from desktop_app.domain.findings import Finding, Severity
from desktop_app.knowledge.compendia import compendium, rating_level, scale_summary
from desktop_app.knowledge.journals import find_cms_journal_for
from desktop_app.knowledge.support import (
    NOT_INDICATED,
    NOT_SUPPORTIVE,
    WEAK,
    assess_evidence,
    is_medicare,
    support_summary,
)
from desktop_app.rules.engine import RuleContext, rule

BPM = "MBPM ch.15 §50.4.5; SSA §1861(t)(2)(B)"


@rule(
    "evidence.missing",
    rule_set="evidence",
    source=BPM,
    checks="The case cites at least one compendium listing, article, trial or guideline.",
)
def check_evidence_present(context: RuleContext) -> Iterator[Finding]:
    if not context.case.evidence:
        yield Finding(
            "evidence.missing",
            Severity.ERROR,
            "evidence",
            "No evidence is cited. Add the compendium listing (name, version and rating) "
            "or a peer-reviewed article that supports this use: payers deny off-label "
            "requests without it.",
        )


@rule(
    "evidence.none_supportive",
    rule_set="evidence",
    source=BPM,
    checks="At least one cited item meets the plan's standard of support (Medicare: a supportive "
    "compendium rating, or an article from a CMS-listed journal that is not a case report).",
)
def check_support(context: RuleContext) -> Iterator[Finding]:
    case = context.case
    if not case.evidence:
        return
    result = assess_evidence(case)
    if result.supporting:
        return
    std = result.standard
    if not std.articles_count:
        # Part D, not anticancer (SSA §1927(k)(6)): the label or a compendium citation only.
        yield Finding(
            "evidence.none_supportive",
            Severity.ERROR,
            "evidence",
            f"Nothing cited meets the {std.name}: only the FDA label or a citation in AHFS-DI, "
            f"USP-DI or DrugDex counts ({support_summary(std)}); NCCN listings and journal "
            "articles do not. Add the DrugDex or AHFS-DI listing, or check whether the use is on "
            "the label.",
        )
        return
    articles = (
        "a full-text article from a journal on the CMS list"
        if std.articles_need_cms_journal
        else "a peer-reviewed article"
    )
    yield Finding(
        "evidence.none_supportive",
        Severity.ERROR,
        "evidence",
        f"Nothing cited meets the {std.name}. Add a supportive compendium listing "
        f"({support_summary(std)}) or {articles} that is not a case report.",
    )


@rule(
    "evidence.nccn_2b",
    rule_set="evidence",
    source="MBPM ch.15 §50.4.5(B) (names NCCN 1 and 2A only); MAC article A58113 (accepts 2B)",
    checks="Under Medicare, support does not rest on NCCN category 2B alone.",
)
def check_nccn_2b(context: RuleContext) -> Iterator[Finding]:
    if not is_medicare(context.case):
        return
    result = assess_evidence(context.case)
    if result.only_weak_support:
        first = next(i.index for i in result.items if i.verdict == WEAK)
        yield Finding(
            "evidence.nccn_2b",
            Severity.WARNING,
            f"evidence.{first}.rating",
            "NCCN category 2B: the Medicare Benefit Policy Manual names only categories 1 and 2A; "
            "some contractors accept 2B (for example MAC article A58113), so the letter will not "
            "say the Medicare standard is met. Attach a randomized study from a journal on the "
            "CMS list, or a DrugDex or AHFS-DI listing, to strengthen the request.",
        )


@rule(
    "evidence.not_indicated",
    rule_set="evidence",
    source="MBPM ch.15 §50.4.5(D); SSA §1861(t)(2)(B)",
    checks="Under Medicare, no compendium lists the use as not indicated: one such listing "
    "outweighs every supportive one.",
)
def check_not_indicated(context: RuleContext) -> Iterator[Finding]:
    if not is_medicare(context.case):
        return
    for item in assess_evidence(context.case).items:
        if item.verdict == NOT_INDICATED:
            yield Finding(
                "evidence.not_indicated",
                Severity.ERROR,
                f"evidence.{item.index}.rating",
                f"{item.compendium or 'A compendium'} lists this use as not indicated. Under "
                "Medicare one 'not indicated' listing outweighs every supportive one, so the "
                "request will be denied as it stands: check that the listing is current and about "
                "this exact use, and ask the physician how to proceed.",
            )


@rule(
    "evidence.not_supportive",
    rule_set="evidence",
    source="MBPM ch.15 §50.4.5(B) (NCCN 3, DrugDex III, Lexi-Drugs unsupported, narrative)",
    checks="No compendium rates the use not supportive (outside Medicare, a 'not indicated' "
    "listing is reported here too).",
)
def check_not_supportive(context: RuleContext) -> Iterator[Finding]:
    medicare = is_medicare(context.case)
    for item in assess_evidence(context.case).items:
        if item.verdict == NOT_SUPPORTIVE or (item.verdict == NOT_INDICATED and not medicare):
            level = rating_level(item.compendium, item.rating)
            label = level.label if level else "this rating"
            yield Finding(
                "evidence.not_supportive",
                Severity.WARNING,
                f"evidence.{item.index}.rating",
                f"{item.compendium or 'The compendium'} {label} does not support this use, and "
                "the payer will read it against the request. Explain in the rationale why the use "
                "is still right for this patient, and cite supportive evidence as well.",
            )


@rule(
    "evidence.rating_unknown",
    rule_set="evidence",
    source="spec/case-format.md (compendium ratings)",
    checks="Each compendium rating is on that compendium's own scale.",
)
def check_rating_scale(context: RuleContext) -> Iterator[Finding]:
    for index, item in enumerate(context.case.evidence or ()):
        if not isinstance(item, CompendiumEvidence) or compendium(item.compendium) is None:
            continue
        rating = item.rating if isinstance(item.rating, str) else ""
        if rating.strip() and rating_level(item.compendium, rating) is None:
            yield Finding(
                "evidence.rating_unknown",
                Severity.WARNING,
                f"evidence.{index}.rating",
                f"This rating is not on the {item.compendium} scale "
                f"({scale_summary(str(item.compendium))}). Enter the rating exactly as the "
                "compendium gives it, so the letter quotes it correctly.",
            )


def _articles(case: Case) -> Iterator[tuple[int, ArticleEvidence]]:
    for index, item in enumerate(case.evidence or ()):
        if isinstance(item, ArticleEvidence):
            yield index, item


@rule(
    "evidence.journal_not_recognized",
    rule_set="evidence",
    source="MBPM ch.15 §50.4.5(C) (list of 26 journals)",
    checks="Under Medicare, each article's journal is on the CMS list (matched exactly).",
)
def check_cms_journals(context: RuleContext) -> Iterator[Finding]:
    if not is_medicare(context.case) or not assess_evidence(context.case).standard.articles_count:
        return  # where articles never count, evidence.part_d_compendia_only says so
    for index, article in _articles(context.case):
        journal = article.journal if isinstance(article.journal, str) else ""
        abbreviation = getattr(article, "journal_abbreviation", None)
        if journal.strip() and find_cms_journal_for(journal, abbreviation) is None:
            yield Finding(
                "evidence.journal_not_recognized",
                Severity.WARNING,
                f"evidence.{index}.journal",
                "This journal is not on the CMS list Medicare contractors use for off-label cancer "
                "drugs, so the article may not count as support. If it is a listed journal, enter "
                "its full title or NLM abbreviation (e.g. J Clin Oncol); otherwise add an article "
                "from a listed journal or a supportive compendium listing.",
            )


@rule(
    "evidence.case_report",
    rule_set="evidence",
    source="MBPM ch.15 §50.4.5(C)",
    checks="No article is a case report, which does not count as support.",
)
def check_case_reports(context: RuleContext) -> Iterator[Finding]:
    for index, article in _articles(context.case):
        if article.design == "case-report":
            yield Finding(
                "evidence.case_report",
                Severity.WARNING,
                f"evidence.{index}.design",
                "Case reports do not count as support for off-label coverage. Keep it as "
                "background if the physician wants, and add a clinical trial, a case series or a "
                "supportive compendium listing.",
            )


@rule(
    "evidence.reference_incomplete",
    rule_set="evidence",
    source="MBPM ch.15 §50.4.5(C) (peer-reviewed articles); Noridian JE 'Determination of "
    "approved and accepted off-label drug indications' (full-text articles)",
    checks="Each article has a PMID or DOI so the reviewer can find the full text.",
)
def check_references(context: RuleContext) -> Iterator[Finding]:
    for index, article in _articles(context.case):
        pmid = article.pmid if isinstance(article.pmid, str) else ""
        doi = article.doi if isinstance(article.doi, str) else ""
        if not pmid.strip() and not doi.strip():
            yield Finding(
                "evidence.reference_incomplete",
                Severity.WARNING,
                f"evidence.{index}.pmid",
                "Add the article's PMID or DOI so the reviewer can find it, and attach the full "
                "text: payers ask for full-text articles.",
            )


@rule(
    "evidence.design_from_publication_type",
    rule_set="evidence",
    source="NLM MEDLINE Publication Type (PT), https://www.nlm.nih.gov/bsd/mms/medlineelements.html#pt",
    checks="A study design read from PubMed's publication types on import is shown as such, "
    "so staff confirm it against the article before the letter relies on it.",
)
def check_design_from_publication_type(context: RuleContext) -> Iterator[Finding]:
    for index, article in _articles(context.case):
        if getattr(article, "design_source", None) == "publication-type" and article.design:
            yield Finding(
                "evidence.design_from_publication_type",
                Severity.INFO,
                f"evidence.{index}.design",
                f"Evidence item {index + 1}: the study design ({article.design}) was read from "
                "PubMed's publication type when it was imported. Check it against the article "
                "and change it if it is wrong.",
            )
