"""`pa-letter deadlines`: appeal deadlines, decisions due and approval end dates."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAIL, EXIT_UNUSABLE = 0, 1, 2


def add_deadlines(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    deadlines = sub.add_parser(
        "deadlines", help="list appeal deadlines, decisions due and approval end dates"
    )
    deadlines.add_argument("cases", type=Path, nargs="*",
                           help="case files (default: the case database)")
    deadlines.add_argument("--format", choices=("text", "json", "ics"), default="text")
    deadlines.add_argument("-o", "--output", type=Path, help="write to this file")
    deadlines.set_defaults(handler=_deadlines)


def _deadlines(options: argparse.Namespace) -> int:
    from desktop_app.services import deadlines as service

    if options.cases:
        report = service.deadlines_from_files(options.cases)
    else:
        from desktop_app.services.cases import open_case_store

        with open_case_store() as store:
            report = service.deadlines_from_store(store)
    for problem in report.problems:
        _error(problem)
    if options.format == "ics":
        data = service.to_ics(report)
    elif options.format == "json":
        data = service.to_json(report).encode("utf-8")
    else:
        data = service.to_text(report).encode("utf-8")
    if options.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        service.save_export(options.output, data)
        print(f"Wrote {len(report.deadlines)} deadline(s) to {options.output}")
    if report.nothing_read:
        return EXIT_UNUSABLE
    return EXIT_FAIL if report.problems else EXIT_OK


def _error(message: str) -> None:
    print(f"pa-letter: {message}", file=sys.stderr)
