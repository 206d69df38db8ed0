"""Check a letter template before anyone relies on it, with the exact line of each problem.

Covers the front matter, Jinja syntax, names and case fields the template reads
(`case.patient.nmae`), unknown filters and tests, and the letter markup (by rendering fictional
sample cases: one with every field filled, one with only the mandatory ones).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateSyntaxError, nodes

from desktop_app.domain.case import Case
from desktop_app.domain.findings import Severity
from desktop_app.domain.practice import PracticeLetterhead, PracticeSettings
from desktop_app.errors import TemplateError
from desktop_app.letters.citations import Citation
from desktop_app.letters.context import Facts
from desktop_app.letters.environment import ENVIRONMENT
from desktop_app.letters.fieldpaths import (
    ListOf,
    Shape,
    attribute_shape,
    item_shape,
    suggestion,
)
from desktop_app.letters.frontmatter import jinja_source, split_front_matter
from desktop_app.letters.render import render_document, syntax_error_line
from desktop_app.letters.samples import full_case_data, minimal_case
from desktop_app.letters.syntax_words import syntax_words
from desktop_app.letters.template_files import not_a_template
from desktop_app.letters.template_shape import check_template_shape, nesting_error
from desktop_app.letters.templates import LetterTemplate, check_template_size, template_from_text

ANY: Shape = (object,)
ROOTS: dict[str, Shape] = {
    "case": (Case,),
    "facts": (Facts,),
    "citations": (ListOf((Citation,)),),
    "cite": ANY,
    "range": ANY,
    "namespace": ANY,
}
# Tags that would read another file: a letter template is one file (letters/template_files.py).
_OTHER_FILES = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
SAMPLE_SETTINGS = PracticeSettings(
    letterhead=PracticeLetterhead(name="Sample Oncology", phone="(555) 010-0000")
)


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    line: int | None
    message: str
    severity: Severity = Severity.ERROR


def lint_template(text: str) -> list[TemplateProblem]:
    """Every problem found in a template file's text, in line order."""
    try:
        check_template_size(text)
        _, _, closing = split_front_matter(text)
    except TemplateError as exc:
        return [TemplateProblem(exc.line, exc.message)]
    problems: list[TemplateProblem] = []
    template: LetterTemplate | None = None
    try:
        template = template_from_text(text)
    except TemplateError as exc:
        problems.append(TemplateProblem(exc.line, exc.message))
    source = jinja_source(text, closing)
    try:
        check_template_shape(ENVIRONMENT, source)
        tree = ENVIRONMENT.parse(source)
        checker = _FieldChecker()
        checker.walk(tree, dict(ROOTS))
    except TemplateError as exc:
        problems.append(TemplateProblem(exc.line, exc.message))
        return _sorted(problems)
    except TemplateSyntaxError as exc:
        line = syntax_error_line(source, exc)
        words = syntax_words(exc.message)
        problems.append(TemplateProblem(line, f"template syntax error: {words}"))
        return _sorted(problems)
    except RecursionError:
        problems.append(TemplateProblem(None, nesting_error().message))
        return _sorted(problems)
    problems.extend(checker.problems)
    if template is not None and not problems:
        problems.extend(_render_problems(template))
    return _sorted(problems)


def _sorted(problems: list[TemplateProblem]) -> list[TemplateProblem]:
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.line or 0, p.message))


class _FieldChecker:
    """Walks the template tree, tracking what each name is, and flags unknown fields."""

    def __init__(self) -> None:
        self.problems: list[TemplateProblem] = []
        self.reported_names: set[str] = set()

    def walk(self, node: nodes.Node, scope: dict[str, Shape]) -> None:
        if isinstance(node, _OTHER_FILES):
            self._other_file(node)
        if isinstance(node, nodes.Expr):
            self.resolve(node, scope)
        elif isinstance(node, nodes.For):
            inner = dict(scope)
            self.bind(node.target, item_shape(self.resolve(node.iter, scope)), inner)
            inner["loop"] = ANY
            if node.test is not None:
                self.resolve(node.test, inner)
            self.walk_all(node.body, inner)
            self.walk_all(node.else_, scope)
        elif isinstance(node, nodes.Assign):
            self.bind(node.target, self.resolve(node.node, scope), scope)
        elif isinstance(node, nodes.AssignBlock):
            self.walk_all(node.body, scope)
            self.bind(node.target, ANY, scope)
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values, strict=False):
                self.bind(target, self.resolve(value, scope), inner)
            self.walk_all(node.body, inner)
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            inner = dict(scope)
            for arg in node.args:
                inner[arg.name] = ANY
            inner.update(caller=ANY, varargs=ANY, kwargs=ANY)
            if isinstance(node, nodes.CallBlock):
                self.resolve(node.call, scope)
            for default in node.defaults:
                self.resolve(default, scope)
            self.walk_all(node.body, inner)
            if isinstance(node, nodes.Macro):
                scope[node.name] = ANY
        else:
            for child in node.iter_child_nodes():
                self.walk(child, scope)

    def _other_file(self, node: nodes.Include | nodes.Import | nodes.FromImport | nodes.Extends
                    ) -> None:
        name = node.template.value if isinstance(node.template, nodes.Const) else "…"
        self.problems.append(TemplateProblem(node.lineno, not_a_template(name).message))

    def walk_all(self, body: list[nodes.Node], scope: dict[str, Shape]) -> None:
        for child in body:
            self.walk(child, scope)

    def bind(self, target: nodes.Node, shape: Shape, scope: dict[str, Shape]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = shape
        else:
            for name in target.find_all(nodes.Name):
                scope[name.name] = ANY

    def resolve(self, node: nodes.Node, scope: dict[str, Shape]) -> Shape:
        """The shape of an expression, reporting unknown fields and filters inside it."""
        if isinstance(node, nodes.Name):
            if node.name not in scope and node.name not in self.reported_names:
                self.reported_names.add(node.name)
                self.problems.append(
                    TemplateProblem(
                        node.lineno,
                        f"unknown name '{node.name}' (a template can use "
                        f"{', '.join(sorted(ROOTS))}, and names it sets itself)",
                    )
                )
            return scope.get(node.name, ANY)
        if isinstance(node, nodes.Getattr):
            return self._member(node, self.resolve(node.node, scope), node.attr)
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            base = self.resolve(node.node, scope)
            if isinstance(node.arg.value, str):
                return self._member(node, base, node.arg.value)
            return item_shape(base)
        self._check_names(node)
        for child in node.iter_child_nodes():
            self.walk(child, scope)
        return ANY

    def _member(self, node: nodes.Node, base: Shape, name: str) -> Shape:
        found = attribute_shape(base, name)
        if found is not None:
            return found
        self.problems.append(
            TemplateProblem(
                node.lineno, f"'{_dotted(node)}' is not a known field{suggestion(base, name)}"
            )
        )
        return ANY

    def _check_names(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.Filter) and node.name not in ENVIRONMENT.filters:
            self.problems.append(TemplateProblem(node.lineno, f"unknown filter '{node.name}'"))
        if isinstance(node, nodes.Test) and node.name not in ENVIRONMENT.tests:
            self.problems.append(TemplateProblem(node.lineno, f"unknown test '{node.name}'"))


def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_dotted(node.node)}[{node.arg.value!r}]"
    return "…"


def _render_problems(template: LetterTemplate) -> list[TemplateProblem]:
    # A patient explainer goes with a request or an appeal: it is tried with both.
    kinds = ("preauth", "appeal") if template.kind == "patient" else (
        "appeal" if template.kind == "appeal" else "preauth",
    )
    problems: list[TemplateProblem] = []
    for kind in kinds:
        problems += _render_problems_for(template, kind)
        if problems:
            break
    return problems


def _render_problems_for(template: LetterTemplate, kind: str) -> list[TemplateProblem]:
    full_data = full_case_data(kind)
    samples = [
        ("", Case.model_validate(full_data, strict=False)),
        (" when optional fields are empty", _minimal_with(template, full_data, kind)),
    ]
    if template.kind == "patient":
        samples = [(f"{when} (with {'an appeal' if kind == 'appeal' else 'a request'})", case)
                   for when, case in samples]
    problems = []
    for when, case in samples:
        try:
            document = render_document(case, template, settings=SAMPLE_SETTINGS)
        except TemplateError as exc:
            problems.append(TemplateProblem(exc.line, exc.message + when))
            break  # one failure is enough; the emptier case would repeat it
        if template.kind not in ("fax", "patient", "brief") and not any(
            type(b).__name__ == "SignatureBlock" for b in document.blocks
        ):
            problems.append(
                TemplateProblem(None, "the letter has no <signature/> block", Severity.WARNING)
            )
    return problems


def _minimal_with(template: LetterTemplate, full: dict[str, Any], kind: str) -> Case:
    """The minimal sample plus the fields this template declares it requires."""
    data = minimal_case(kind).model_dump()
    for path in template.required_fields:
        parts = path.split(".")
        if any("[" in part for part in parts) or len(parts) == 1:
            section = parts[0].split("[")[0]
            data[section] = full.get(section)
            continue
        target, source = data, full
        for part in parts[:-1]:
            source = source.get(part) or {}
            if target.get(part) is None:
                target[part] = {}
            target = target[part]
        target[parts[-1]] = source.get(parts[-1])
    return Case.model_validate(data, strict=False)
