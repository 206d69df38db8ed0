"""The template linter: every problem with the exact line of the template file."""

from __future__ import annotations

import pytest

from desktop_app.domain.findings import Severity
from desktop_app.letters.lint import lint_template
from desktop_app.letters.templates import builtin_templates_dir
from tests.unit.letters.helpers import FRONT

# FRONT takes lines 1-6; the body below starts on line 7.
BODY = """<letter>
<p>{{ case.patient.name }}</p>
{% if case.prior_therapies %}
{% for therapy in case.prior_therapies %}
<p>{{ therapy.regimen }}</p>
{% endfor %}
{% endif %}
<signature/>
</letter>
"""


def _lint(body: str) -> list[tuple[int | None, str]]:
    return [(p.line, p.message) for p in lint_template(FRONT + body)]


@pytest.mark.parametrize("name", ["offlabel-preauth", "offlabel-appeal", "fax-cover"])
def test_built_in_templates_are_clean(name: str) -> None:
    assert lint_template((builtin_templates_dir() / f"{name}.letter").read_text()) == []


def test_clean_body_has_no_problems() -> None:
    assert _lint(BODY) == []


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        (
            "case.patient.name",
            "case.patient.nmae",
            8,
            "'case.patient.nmae' is not a known field; did you mean 'name'?",
        ),
        ("therapy.regimen", "therapy.regimn", 11, "'therapy.regimn' is not a known field"),
        ("case.patient.name", "case.patient.name|shout", 8, "unknown filter 'shout'"),
        (
            "{% if case.prior_therapies %}",
            "{% if case.prior_therapies is plenty %}",
            9,
            "unknown test 'plenty'",
        ),
        ("case.patient.name", "config", 8, "unknown name 'config'"),
        ("{% endif %}", "", 9, "template syntax error"),
        ("{% endfor %}", "{% endfor", 12, "template syntax error"),
        ("<p>{{ therapy.regimen }}</p>", "<p>{{ therapy.regimen </p>", 11, "template syntax error"),
        (
            "<p>{{ therapy.regimen }}</p>",
            "<p><b>{{ therapy.regimen }}</p>",
            11,
            "does not match <b>",
        ),
        (
            "<p>{{ case.patient.name }}</p>",
            "<p>{{ case.patient.name }}</p></p>",
            8,
            "not well-formed",
        ),
        (
            "<p>{{ case.patient.name }}</p>",
            "<para>x</para>",
            8,
            "<para> is not part of the letter markup",
        ),
        (
            "<p>{{ case.patient.name }}</p>",
            '<p style="huge">x</p>',
            8,
            "unknown paragraph style 'huge'",
        ),
        ("<p>{{ case.patient.name }}</p>", "just text", 8, "text cannot appear directly"),
        ("<letter>", "<!DOCTYPE letter><letter>", 7, "may not declare a DOCTYPE"),
        ("<letter>", '<!DOCTYPE l [<!ENTITY b "x">]><letter>', 7, "may not declare a DOCTYPE"),
        ("<p>{{ case.patient.name }}</p>", "<p>&boom;</p>", 8, "undefined entity"),
        (
            "<p>{{ case.patient.name }}</p>",
            "<p>{{ case.denial.reason }}</p>",
            8,
            "optional value that is empty",
        ),
        ("{% if case.prior_therapies %}", "", 13, "{% endif %} has no {% if %} before it"),
        # The '{{' left open on line 8; Jinja notices only at the '/' on line 8's next line.
        ("<p>{{ case.patient.name }}</p>\n{% if", "<p>{{ case.patient.name\n</p>{% if", 8,
         "is a '{{' or '{%' not closed"),
    ],
)
def test_problem_lines_are_exact(old: str, new: str, line: int, words: str) -> None:
    body = BODY.replace(old, new, 1)
    assert body != BODY
    problems = _lint(body)
    assert any(p_line == line and words in message for p_line, message in problems), problems


def test_unguarded_loop_over_optional_list_is_found() -> None:
    body = BODY.replace("{% if case.prior_therapies %}", "").replace("{% endif %}", "")
    assert _lint(body) == [
        (
            10,
            "the template used an optional value that is empty in this case; "
            "guard it with {% if ... %} when optional fields are empty",
        )
    ]


def test_loop_variables_over_evidence_know_every_item_type() -> None:
    body = BODY.replace(
        "<signature/>",
        "{% for item in case.evidence %}<p>{{ item.journal }} {{ item.nct }} {{ item.rating }}"
        "</p>{% endfor %}{% for c in citations %}<p>{{ c.number }} {{ c.txt }}</p>{% endfor %}"
        "<signature/>",
    )
    assert _lint(body) == [(14, "'c.txt' is not a known field; did you mean 'text'?")]


def test_facts_fields_are_checked() -> None:
    body = BODY.replace("case.patient.name", "facts.drug_nmae")
    assert _lint(body) == [(8, "'facts.drug_nmae' is not a known field; did you mean 'drug_name'?")]


def test_missing_signature_is_a_warning() -> None:
    problems = lint_template(FRONT + BODY.replace("<signature/>", ""))
    assert [(p.severity, p.message) for p in problems] == [
        (Severity.WARNING, "the letter has no <signature/> block")
    ]


def test_front_matter_problem_is_reported_with_body_problems() -> None:
    text = FRONT.replace('kind = "preauth"', 'kind = "memo"') + BODY.replace(
        "case.patient.name", "case.patient.nmae"
    )
    assert [p.line for p in lint_template(text)] == [4, 8]


def test_each_model_class_is_looked_over_once_however_often_a_template_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import inspect

    from desktop_app.letters import fieldpaths

    walked: list[object] = []
    real = inspect.getmembers

    def counted(cls: object, *args: object) -> list[tuple[str, object]]:
        walked.append(cls)
        return real(cls, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(fieldpaths.inspect, "getmembers", counted)
    fieldpaths._known_attributes.cache_clear()
    reads = "{{ case.patient.name }} {{ case.drug.generic_name }}" * 500
    body = f"<letter><p>{reads}</p><signature/></letter>"
    assert _lint(body) == []
    # A large template once walked the class for each of its thousand attribute reads.
    assert len(walked) == len(set(walked)) <= 4
    fieldpaths._known_attributes.cache_clear()
