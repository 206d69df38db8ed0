"""The field reference: every case field and template helper, walked from the models themselves.

Feeds the template editor's Insert menu and docs/templates.md (`field_reference_markdown()`),
so neither can drift from the case format (spec/case-format.md) or the names templates get.
"""

from __future__ import annotations

import dataclasses
import datetime
import inspect
import re
import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from desktop_app.domain.case import MANDATORY_FIELDS, Case
from desktop_app.letters.brief_wording import BriefLine
from desktop_app.letters.context import fact_names
from desktop_app.letters.denial_wording import CallNote, DenialAnswer
from desktop_app.letters.environment import and_list, format_date, format_money, format_number
from desktop_app.letters.environment import join_nonempty as _join_nonempty
from desktop_app.letters.evidence_wording import EvidenceSummary
from desktop_app.letters.fielddocs import (
    CASE_FIELD_WORDS,
    FACTS_WORDS,
    LETTERHEAD_WORDS,
    MARKUP_TAGS,
    OTHER_HELPERS,
)
from desktop_app.letters.fieldpaths import ListOf, shape_of
from desktop_app.letters.label_facts import LabelFacts
from desktop_app.letters.law_facts import LawFacts
from desktop_app.rules.deadlines import AppealDeadline
from desktop_app.rules.justification import Justification

_ITEM_NAMES = {
    "prior_therapies": "therapy",
    "attachments": "attachment",
    "evidence": "item",
    "call_log": "call",
}
_COMMENT = re.compile(r"^\s+(\w+): [^#\n]*#\s*(.+)$", re.MULTILINE)
FILTERS = {
    "date": ('{{ case.letter.date|date("short") }}', format_date),
    "money": (
        "{% if case.denial %}{{ case.denial.amount_in_controversy|money }}{% endif %}",
        format_money,
    ),
    "number": ("{{ case.drug.dose.amount|number }}", format_number),
    "join_nonempty": (
        '{{ [case.payer.phone, case.payer.fax]|join_nonempty(" / ") }}',
        _join_nonempty,
    ),
    "and_list": ("{{ case.drug.combination_with|and_list }}", and_list),
}


@dataclass(frozen=True, slots=True)
class FieldDoc:
    group: str  # "Patient", "Ready-made wording", "Filters" ...
    name: str  # as written in a template, e.g. case.patient.name
    insert: str  # the text the Insert menu puts in the template
    description: str
    type_words: str = ""
    mandatory: bool = False


def type_words(annotation: object) -> str:
    """'text', 'date', 'list of text', 'one of: preauth, appeal' ..."""
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return "one of: " + ", ".join(str(a) for a in args)
    if origin in (typing.Union, types.UnionType):
        kept = [a for a in args if a is not type(None)]
        return type_words(kept[0]) if len(kept) == 1 else "one of several kinds"
    if origin is typing.Annotated:
        return type_words(args[0])
    if origin is list:
        inner = type_words(args[0])
        if inner in ("section", "one of several kinds"):
            return "list"
        return "list of " + inner.replace("one of: ", "")
    words = {str: "text", bool: "yes/no", int: "whole number", float: "number"}
    if isinstance(annotation, type) and annotation in words:
        return words[annotation]
    if annotation is datetime.date:
        return "date"
    return "section"


def case_fields() -> list[FieldDoc]:
    """Every field of a case, in the order of the case format."""
    found: list[FieldDoc] = []
    for name, info in Case.model_fields.items():
        group = name.replace("_", " ").capitalize()
        found.append(_field(group, name, f"case.{name}", info.annotation, guard=None))
        for cls in _models(info.annotation):
            found += _section_fields(group, name, cls, info.annotation)
    return found


def _models(annotation: object) -> list[type[BaseModel]]:
    models: list[type[BaseModel]] = []
    for part in shape_of(annotation):
        for cls in part.items if isinstance(part, ListOf) else (part,):
            if isinstance(cls, type) and issubclass(cls, BaseModel):
                models.append(cls)
    return models


def _section_fields(
    group: str, name: str, cls: type[BaseModel], annotation: object
) -> list[FieldDoc]:
    listed = any(isinstance(p, ListOf) for p in shape_of(annotation))
    optional = type(None) in typing.get_args(annotation)
    found = []
    for field_name, info in cls.model_fields.items():
        if listed:
            kind = cls.model_fields["type"].default if "type" in cls.model_fields else ""
            if field_name == "type" and kind != "compendium":
                continue  # one entry for evidence[].type is enough
            key = f"{name}[{'' if field_name == 'type' else kind}].{field_name}"
            item = _ITEM_NAMES.get(name, "item")
            test = f' if {item}.type == "{kind}"' if kind and field_name != "type" else ""
            loop = f"{{% for {item} in case.{name}{test} %}}"
            body = _print(f"{item}.{field_name}", info.annotation)
            insert = f"{loop}{body}{{% endfor %}}"
            if optional:
                insert = f"{{% if case.{name} %}}{insert}{{% endif %}}"
            found.append(_doc(group, key, f"case.{key}", insert, info.annotation))
            continue
        guard = f"case.{name}" if optional else None
        found.append(
            _field(
                group,
                f"{name}.{field_name}",
                f"case.{name}.{field_name}",
                info.annotation,
                guard=guard,
            )
        )
        sub_listed = any(isinstance(p, ListOf) for p in shape_of(info.annotation))
        sub_guard = guard
        if type(None) in typing.get_args(info.annotation):  # off_label.label_check may be absent
            own = f"case.{name}.{field_name}"
            sub_guard = own if guard is None else f"{guard} and {own}"
        for sub in _models(info.annotation):
            for sub_name, sub_info in sub.model_fields.items():
                if sub_listed:  # denial.reasons[].text: printed in a loop over the list
                    found.append(_nested_item(group, name, field_name, sub_name, sub_info))
                    continue
                path = f"{name}.{field_name}.{sub_name}"
                found.append(
                    _field(group, path, f"case.{path}", sub_info.annotation, sub_guard)
                )
    return found


def _nested_item(group: str, name: str, field_name: str, sub_name: str, info: Any) -> FieldDoc:
    key = f"{name}.{field_name}[].{sub_name}"
    listing = f"case.{name}.{field_name}"
    body = _print(f"item.{sub_name}", info.annotation)
    insert = (
        f"{{% if case.{name} and {listing} %}}{{% for item in {listing} %}}{body}"
        "{% endfor %}{% endif %}"
    )
    return _doc(group, key, f"case.{key}", insert, info.annotation)


def _print(expression: str, annotation: object) -> str:
    if type_words(annotation).startswith("list of"):
        return f"{{{{ {expression}|and_list }}}}"
    return f"{{{{ {expression} }}}}"


def _field(group: str, key: str, name: str, annotation: object, guard: str | None) -> FieldDoc:
    insert = "" if type_words(annotation) == "section" else _print(name, annotation)
    if guard and insert:
        insert = f"{{% if {guard} %}}{insert}{{% endif %}}"
    return _doc(group, key, name, insert, annotation)


def _doc(group: str, key: str, name: str, insert: str, annotation: object) -> FieldDoc:
    return FieldDoc(
        group=group,
        name=name,
        insert=insert,
        description=CASE_FIELD_WORDS.get(key, ""),
        type_words=type_words(annotation),
        mandatory=key in MANDATORY_FIELDS or key.replace("[]", "") in MANDATORY_FIELDS,
    )


def source_comments(cls: type) -> dict[str, str]:
    """`name: type  # words` comments of a dataclass: the words the code already has."""
    return dict(_COMMENT.findall(inspect.getsource(cls)))


def helper_docs() -> list[FieldDoc]:
    """Ready-made wording (facts), filters, cite() and friends, and the letter markup tags."""
    found = [_fact(name) for name in fact_names()]
    for prefix, cls in (
        ("facts.evidence[]", EvidenceSummary),
        ("facts.denial_answers[]", DenialAnswer),
        ("facts.calls[]", CallNote),
        ("facts.strongest_points[]", BriefLine),
        ("facts.justification", Justification),
        ("facts.deadline", AppealDeadline),
        ("facts.law", LawFacts),
        ("facts.label", LabelFacts),
    ):
        comments = source_comments(cls)
        for field in dataclasses.fields(cls):
            found.append(_nested_fact(prefix, field.name, comments.get(field.name, "")))
    for name, meaning in LETTERHEAD_WORDS.items():
        found.append(
            FieldDoc(
                "Ready-made wording",
                f"facts.practice.{name}",
                f"{{{{ facts.practice.{name} }}}}",
                meaning,
            )
        )
    for name, (insert, function) in FILTERS.items():
        summary = (inspect.getdoc(function) or "").splitlines()[0]
        found.append(FieldDoc("Filters", f"|{name}", insert, summary))
    for name, (insert, meaning) in OTHER_HELPERS.items():
        found.append(FieldDoc("Other names", name, insert, meaning))
    for tag, meaning in MARKUP_TAGS.items():
        found.append(FieldDoc("Letter markup", tag, tag.replace("…", ""), meaning))
    return found


# What Insert puts in a template for a fact that is not plain text: a list is looped or
# joined, an optional fact is guarded. Any other fact is inserted as {{ facts.NAME }}.
_FACT_INSERTS = {
    "off_label_points": '{{ facts.off_label_points|join(" ") }}',
    "off_label_points_beyond_label": '{{ facts.off_label_points_beyond_label|join(" ") }}',
    "evidence": "{% for item in facts.evidence %}{{ item.cited }} {% endfor %}",
    "label": "{% if facts.label %}{{ facts.label.source }}{% endif %}",
    "denial_answers": "{% for answer in facts.denial_answers %}{{ answer.heading }} {% endfor %}",
    "calls": "{% for call in facts.calls %}{{ call.sentence }} {% endfor %}",
    "strongest_points": "{% for point in facts.strongest_points %}{{ point.text }} {% endfor %}",
    "call_references": '{{ facts.call_references|join("; ") }}',
    "justification": "{% if facts.justification %}{{ facts.justification.statement }}{% endif %}",
    "deadline": "{% if facts.deadline %}{{ facts.deadline.rule }}{% endif %}",
    "practice": "{{ facts.practice.practice_name }}",
    "law": "{{ facts.law.addressee }}",
}


def _fact(name: str) -> FieldDoc:
    insert = _FACT_INSERTS.get(name, f"{{{{ facts.{name} }}}}")
    return FieldDoc("Ready-made wording", f"facts.{name}", insert, FACTS_WORDS.get(name, ""))


def _nested_fact(prefix: str, name: str, words: str) -> FieldDoc:
    if prefix.endswith("[]"):
        listing = prefix.removesuffix("[]")
        value = f'item.{name}|join(" ")' if name == "paragraphs" else f"item.{name}"
        insert = f"{{% for item in {listing} %}}{{{{ {value} }}}} {{% endfor %}}"
    else:
        parent = prefix.removeprefix("facts.")
        insert = f"{{% if facts.{parent} %}}{{{{ {prefix}.{name} }}}}{{% endif %}}"
    return FieldDoc("Ready-made wording", f"{prefix}.{name}", insert, words)


def field_reference_markdown() -> str:
    """The generated part of docs/templates.md."""
    lines = [
        "<!-- generated by desktop_app.letters.fieldref: do not edit by hand -->",
        "### Case fields",
        "",
        "`[]` means each item of a list: use it inside a `{% for %}` loop. "
        "*Required* fields are ones the case format requires; the checker reports them "
        "when empty, so a template may print them without a guard.",
        "",
        "| In a template | Kind | Required | Meaning |",
        "|---|---|---|---|",
    ]
    for doc in case_fields():
        required = "required" if doc.mandatory else ""
        lines.append(f"| `{doc.name}` | {doc.type_words} | {required} | {doc.description} |")
    group = ""
    for doc in helper_docs():
        if doc.group != group:
            group = doc.group
            lines += ["", f"### {group}", "", "| Name | Meaning | Example |", "|---|---|---|"]
        example = doc.insert.replace("|", "\\|")
        words = doc.description.replace("|", "\\|")
        lines.append(f"| `{doc.name.replace('|', '')}` | {words} | `{example}` |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # print the generated reference (docs/templates.md embeds it)
    print(field_reference_markdown(), end="")
