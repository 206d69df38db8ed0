"""`pa-letter evidence import`, `schema`, `rules` and `drugs`: what letters draw on.

Citations to add to a case as evidence, the case file format, the checks and the drug catalog.
Their arguments live here, apart from cli.py, so that a check or a render (which use none of
them) does not read them; each command imports what it prints when it runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop_app.errors import StorageError

EXIT_OK, EXIT_UNUSABLE = 0, 2


def add_evidence(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    evidence = sub.add_parser("evidence", help="import citations as evidence items")
    esub = evidence.add_subparsers(dest="action", required=True, parser_class=parser_class)
    ev_import = esub.add_parser(
        "import", help="read PubMed MEDLINE/CSV, RIS, BibTeX, CSL-JSON or identifier lists")
    ev_import.add_argument("files", type=Path, nargs="+", metavar="FILE")
    ev_import.add_argument("--format", choices=("text", "json"), default="text")
    ev_import.add_argument("--into", type=Path, metavar="CASE.json",
                           help="add the items to this case file, leaving out duplicates")
    ev_import.set_defaults(handler=_evidence_import)


def add_schema(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    sub.add_parser("schema", help="print the case file JSON Schema").set_defaults(handler=_schema)


def add_rules(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    sub.add_parser("rules", help="list every check, what it checks and its source").set_defaults(
        handler=_rules
    )


def add_drugs(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    drugs = sub.add_parser(
        "drugs",
        help="list the drug catalog, show one drug, or check a label file for newer labels",
        description="pa-letter drugs [NAME] | pa-letter drugs check-updates FILE",
    )
    drugs.add_argument("words", nargs="*", metavar="NAME | check-updates FILE")
    drugs.add_argument("--format", choices=("text", "json"), default="text")
    drugs.set_defaults(handler=_drugs)


def _evidence_import(options: argparse.Namespace) -> int:
    from desktop_app.cli_evidence import run_evidence_import

    return run_evidence_import(options.files, options.format, options.into)


def _schema(options: argparse.Namespace) -> int:
    import json

    from desktop_app.domain.casefile import case_json_schema

    print(json.dumps(case_json_schema(), indent=2))
    return EXIT_OK


def _rules(options: argparse.Namespace) -> int:
    from desktop_app.services.check import rules_overview

    sys.stdout.write(rules_overview())
    return EXIT_OK


def _drugs(options: argparse.Namespace) -> int:
    """Exit 0 shown (or no newer label), 1 nothing matches NAME (or newer labels found), 2 an
    unusable label file or a damaged catalog file."""
    from desktop_app.cli_drugs import check_updates, show_drugs

    words = list(options.words)
    try:
        if words[:1] == ["check-updates"]:
            if len(words) != 2:
                _error("drugs check-updates needs one FILE: a drug-label JSON file from openFDA")
                return EXIT_UNUSABLE
            return check_updates(Path(words[1]), options.format)
        return show_drugs(" ".join(words), options.format)
    except StorageError as exc:
        _error(str(exc))
        return EXIT_UNUSABLE


def _error(message: str) -> None:
    print(f"pa-letter: {message}", file=sys.stderr)
