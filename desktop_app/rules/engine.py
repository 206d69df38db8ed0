"""Rule registry and runner.

A rule is a function from a RuleContext to findings. It is registered under the codes it can
emit, the rule set it belongs to (templates name the rule sets they need in their front
matter) and the source of the rule, so `pa-letter rules` can list what is checked and why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from desktop_app.domain.case import Case
from desktop_app.domain.findings import Finding, Severity, sort_findings
from desktop_app.domain.payers import PayerEntry
from desktop_app.domain.practice import PracticeSettings
from desktop_app.errors import StorageError
from desktop_app.knowledge.one_letter import case_only_read

log = logging.getLogger(__name__)

# Rule sets a template may name. `core` always runs.
RULE_SETS = ("core", "identifiers", "offlabel", "evidence", "appeal", "state")
DEFAULT_RULE_SETS = frozenset(RULE_SETS)


@dataclass(frozen=True, slots=True)
class RuleContext:
    case: Case
    # Dotted paths the template requires on top of the format's mandatory fields.
    required_fields: tuple[str, ...] = ()
    rule_sets: frozenset[str] = DEFAULT_RULE_SETS
    template_id: str = ""
    # The practice's payer directory, handed in by services (rules read no files).
    payer_directory: tuple[PayerEntry, ...] = ()
    # The practice's settings (letterhead, directory), handed in by services; None: unknown.
    practice: PracticeSettings | None = None


RuleFunction = Callable[[RuleContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    codes: tuple[str, ...]
    rule_set: str
    checks: str  # one plain sentence: what the rule checks
    source: str  # where the rule comes from (regulation, spec section)
    function: RuleFunction = field(repr=False)


REGISTRY: dict[str, Rule] = {}


def rule(
    *codes: str, rule_set: str, checks: str, source: str
) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under the finding codes it emits."""
    if rule_set not in RULE_SETS:
        raise ValueError(f"unknown rule set {rule_set!r}")

    def register(function: RuleFunction) -> RuleFunction:
        name = f"{function.__module__}.{function.__name__}"
        REGISTRY[name] = Rule(name, codes, rule_set, checks, source, function)
        return function

    return register


def load_all_rules() -> None:
    """Import every rule module so that its rules register themselves."""
    from desktop_app.rules import catalog  # noqa: F401  (imports the rule modules)


def run_rules(context: RuleContext) -> list[Finding]:
    """Run every registered rule whose set is enabled; findings sorted errors first."""
    load_all_rules()
    # Rules only read the case: the questions they share ask of the same content.
    with case_only_read():
        findings = _run(context)
    return sort_findings(_dedupe(findings))


def _run(context: RuleContext) -> list[Finding]:
    findings: list[Finding] = []
    unreadable: dict[str, list[str]] = {}  # a reference data problem -> the checks it stopped
    failed: list[str] = []
    for entry in REGISTRY.values():
        if entry.rule_set != "core" and entry.rule_set not in context.rule_sets:
            continue
        try:
            findings.extend(entry.function(context))
        except StorageError as exc:
            # The check's own data (a shipped file or the admin's copy) could not be read:
            # the message names the file and field, never the case.
            unreadable.setdefault(str(exc), []).append(_short(entry))
        except Exception:  # noqa: BLE001  a rule bug must not stop the other checks
            # Log the rule name only: the exception text could quote patient data.
            log.error("rule %s failed", entry.name)
            failed.append(_short(entry))
    findings.extend(_not_run(unreadable, failed))
    return findings


def _short(entry: Rule) -> str:
    return entry.name.rsplit(".", 1)[-1]


def _not_run(unreadable: dict[str, list[str]], failed: list[str]) -> list[Finding]:
    """One finding for every check that did not run, so none is hidden behind another."""
    found = []
    if unreadable:
        problems = "; ".join(f"{problem} (stopped: {', '.join(names)})"
                             for problem, names in unreadable.items())
        found.append(Finding(
            "reference.unreadable", Severity.ERROR, None,
            f"Reference data the checks need could not be read, so {_count(unreadable)} did "
            f"not run and the letter may state the rules wrongly: {problems}",
        ))
    if failed:
        found.append(Finding(
            "internal.rule_failed", Severity.WARNING, None,
            f"{len(failed)} check{'s' if len(failed) > 1 else ''} could not run on this case "
            f"({', '.join(failed)}); review the letter by hand and report this to support.",
        ))
    return found


def _count(unreadable: dict[str, list[str]]) -> str:
    total = sum(len(names) for names in unreadable.values())
    return f"{total} check{'s' if total > 1 else ''}"


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str | None]] = set()
    unique = []
    for f in findings:
        key = (f.code, f.field)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def all_rules() -> list[Rule]:
    load_all_rules()
    return sorted(REGISTRY.values(), key=lambda r: (RULE_SETS.index(r.rule_set), r.codes))
