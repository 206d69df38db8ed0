"""Front matter: each mistake is reported with the line an admin must fix."""

from __future__ import annotations

import pytest

from desktop_app.errors import TemplateError
from desktop_app.letters.templates import template_from_text

GOOD = """+++
id = "my-letter"
title = "My letter"
kind = "appeal"
version = "2.1"
description = "A practice letter"
required_fields = ["payer.fax", "evidence[article].doi", "prior_therapies[].best_response"]
rule_sets = ["core", "appeal"]
+++
<letter><p>x</p></letter>
"""


def test_good_front_matter_is_read() -> None:
    template = template_from_text(GOOD)
    assert (template.id, template.title, template.kind, template.version) == (
        "my-letter",
        "My letter",
        "appeal",
        "2.1",
    )
    assert template.required_fields[0] == "payer.fax"
    assert template.rule_sets == ("core", "appeal")
    assert template.body_start == 10
    assert len(template.content_hash) == 64 and not template.builtin


def test_integer_version_and_defaults() -> None:
    template = template_from_text(
        GOOD.replace('version = "2.1"', "version = 3").replace(
            'rule_sets = ["core", "appeal"]\n', ""
        )
    )
    assert template.version == "3"
    assert "evidence" in template.rule_sets


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ('id = "my-letter"', 'id = "My Letter!"', 2, "lowercase"),
        ('kind = "appeal"', 'kind = "memo"', 4, "kind must be one of"),
        ('version = "2.1"', 'version = "two"', 5, "version"),
        ('version = "2.1"', "version = true", 5, "version"),
        ('title = "My letter"', 'title = ""', 3, "must not be empty"),
        ('"payer.fax"', '"payer.fxa"', 7, "did you mean 'fax'"),
        ('"core", "appeal"', '"core", "apeal"', 8, "unknown rule set 'apeal'"),
        ('description = "A practice letter"', 'colour = "red"', 6, "unknown front matter key"),
        ('version = "2.1"', "version = [2", 5, "not valid TOML"),
        ('kind = "appeal"', 'kind = "appeal', 4, "not valid TOML"),
        ('description = "A practice letter"', 'id = "again"', 6, "given twice"),
        ('title = "My letter"\n', "", 1, "lacks 'title'"),
        ("+++\n<letter>", "<letter>", 1, "not closed"),
        ("+++\nid", "id", 1, "must start with front matter"),
        ('description = "A practice letter"', 'language = "fr"', 6, "language must be one of"),
        ('description = "A practice letter"', "language = 1", 6, "language must be one of"),
        # tomllib's own limits, once a ValueError and a RecursionError instead of a line.
        ('version = "2.1"', "version = " + "9" * 5_000, 5, "far too long"),
        ('rule_sets = ["core", "appeal"]', "rule_sets = " + "[" * 2_000 + "]" * 2_000, 8,
         "nests lists more than"),
    ],
)
def test_front_matter_errors_name_the_line(old: str, new: str, line: int, words: str) -> None:
    text = GOOD.replace(old, new, 1)
    assert text != GOOD
    with pytest.raises(TemplateError) as caught:
        template_from_text(text)
    assert caught.value.line == line
    assert words in caught.value.message


def test_brackets_and_digits_in_strings_and_comments_are_text() -> None:
    digits = "1" * 60
    template = template_from_text(GOOD.replace(
        'description = "A practice letter"',
        f'description = "[[[[[[ {{{{{{ {digits}" # [[[[[[[[ {digits}'))
    assert template.description == f"[[[[[[ {{{{{{ {digits}"


def test_blank_lines_before_front_matter_count() -> None:
    with pytest.raises(TemplateError) as caught:
        template_from_text("\n\n" + GOOD.replace('kind = "appeal"', 'kind = "x"'))
    assert caught.value.line == 6


def test_empty_file() -> None:
    with pytest.raises(TemplateError, match="empty"):
        template_from_text("  \n")


def test_a_template_is_english_unless_it_says_it_is_spanish() -> None:
    assert template_from_text(GOOD).language == "en"
    spanish = template_from_text(
        GOOD.replace('kind = "appeal"', 'kind = "appeal"\nlanguage = "es"'))
    assert spanish.language == "es"
