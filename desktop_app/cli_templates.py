"""`pa-letter templates list`, `show ID` and `validate PATH`: the letter templates."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop_app.errors import shown_file_name

EXIT_OK, EXIT_FAIL, EXIT_UNUSABLE = 0, 1, 2


def add_templates(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    templates = sub.add_parser("templates", help="list, show or validate letter templates")
    tsub = templates.add_subparsers(dest="action", required=True, parser_class=parser_class)
    tsub.add_parser("list").set_defaults(handler=_templates_list)
    show = tsub.add_parser("show")
    show.add_argument("id")
    show.set_defaults(handler=_templates_show)
    validate = tsub.add_parser("validate")
    validate.add_argument("path", type=Path)
    validate.set_defaults(handler=_templates_validate)


def _templates_list(options: argparse.Namespace) -> int:
    from desktop_app.services.settings import shared_folder_problem
    from desktop_app.services.templates import list_templates

    problem = shared_folder_problem()
    if problem:
        print(f"warning: {problem}", file=sys.stderr)
    for t in list_templates():
        origin = "built-in" if t.builtin else t.path
        print(f"{t.id:<24} {t.kind:<8} v{t.version:<6} {t.title}  [{origin}]")
    return EXIT_OK


def _templates_show(options: argparse.Namespace) -> int:
    from desktop_app.services.templates import template_source

    sys.stdout.write(template_source(options.id))
    return EXIT_OK


def _templates_validate(options: argparse.Namespace) -> int:
    from desktop_app.services.templates import validate_template_file

    problems = validate_template_file(options.path)
    shown = shown_file_name(str(options.path))
    for p in problems:
        where = f"{shown}:{p.line}" if p.line else shown
        print(f"{where}: {p.severity}: {p.message}")
    if any(p.severity == "error" for p in problems):
        return EXIT_FAIL
    print(f"{shown}: valid")
    return EXIT_OK
