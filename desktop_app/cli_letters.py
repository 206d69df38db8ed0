"""The letter commands: `pa-letter check`, `render` and `batch`.

Exit codes follow docs/case-format.md; each command imports what it needs when it runs, so
that `check` starts fast (no Qt, no reportlab).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop_app.errors import RenderRefused, shown_file_name

EXIT_OK, EXIT_FAIL, EXIT_UNUSABLE = 0, 1, 2


def add_check(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    check = sub.add_parser("check", help="check a case file and print findings")
    check.add_argument("case", type=Path)
    check.add_argument("--template", help="template id or file path")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(handler=_check)


def add_render(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    render = sub.add_parser("render", help="write the letter as PDF or DOCX")
    render.add_argument("case", type=Path)
    render.add_argument("--template", help="template id or file path")
    render.add_argument("-o", "--output", type=Path, required=True, help="OUT.pdf or OUT.docx")
    render.add_argument(
        "--override", metavar="REASON", help="render despite errors, for this reason"
    )
    render.set_defaults(handler=_render)


def add_batch(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    batch = sub.add_parser("batch", help="render many case files")
    batch.add_argument("inputs", type=Path, nargs="+", help="a folder of case files, or files")
    batch.add_argument("-o", "--output", type=Path, required=True, help="output folder")
    batch.add_argument("--format", choices=("pdf", "docx"), default="pdf")
    batch.add_argument("--jobs", type=int, default=None,
                       help="processes to use (default: one per core)")
    batch.add_argument("--skip-existing", action="store_true",
                       help="leave letters already in the output folder as they are "
                            "(to finish a batch that was stopped)")
    batch.set_defaults(handler=_batch)


def _check(options: argparse.Namespace) -> int:
    from desktop_app.cli_output import print_findings
    from desktop_app.services.check import check_file

    report = check_file(options.case, options.template)
    if options.format == "json":
        import json  # here, as every command's own imports: a verify never prints JSON

        payload = {"findings": [f.as_json() for f in report.findings]}
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print_findings(report, source=shown_file_name(str(options.case)), stream=sys.stdout)
    return EXIT_FAIL if report.has_errors else EXIT_OK


def _render(options: argparse.Namespace) -> int:
    from desktop_app.domain.casefile import load_case
    from desktop_app.services import audit
    from desktop_app.services.command_line_person import identify_command_line_person
    from desktop_app.services.render import render_letter, save_and_record

    fmt = options.output.suffix.lower().lstrip(".")
    if fmt not in ("pdf", "docx"):
        _error(f"{options.output}: the output must end in .pdf or .docx")
        return EXIT_UNUSABLE
    case = load_case(options.case)
    audit.require_database()  # no letter unless its audit entry can be written
    identify_command_line_person()  # and unless it can name who made the letter
    try:
        letter = render_letter(
            case, fmt=fmt, template=options.template, override_reason=options.override
        )
    except RenderRefused as exc:
        _error(f"{options.case}: not rendered: {exc.message} ({exc.hint})")
        return EXIT_FAIL
    record = save_and_record(letter, options.output)
    note = f" (override recorded in {record})" if record else ""
    version = f"{letter.template_id} v{letter.template_version}"
    print(f"Wrote {options.output} with template {version}{note}")
    return EXIT_OK


def _batch(options: argparse.Namespace) -> int:
    from desktop_app.cli_output import BatchProgress, batch_summary
    from desktop_app.services.batch import BatchInterrupted, collect_case_files, render_batch
    from desktop_app.services.command_line_person import identify_command_line_person

    files = collect_case_files(options.inputs)
    if not files:
        _error("no case files found (give a folder of .json files or the files themselves)")
        return EXIT_FAIL
    identify_command_line_person()  # once, before any worker starts or any letter is written
    progress = BatchProgress(sys.stderr)
    jobs = None if options.jobs is None else max(1, options.jobs)
    try:
        results = render_batch(files, options.output, options.format, jobs=jobs,
                               progress=progress, skip_existing=options.skip_existing)
    except BatchInterrupted as stopped:
        progress.finish()
        print(batch_summary(stopped.results, stopped.total), file=sys.stderr)
        return 130
    progress.finish()
    failed = [r for r in results if r.status not in ("written", "skipped")]
    for item in failed:
        print(f"{shown_file_name(str(item.source))}: {item.status}: {item.message}",
              file=sys.stderr)
    print(batch_summary(results, len(results)))
    return EXIT_FAIL if failed else EXIT_OK


def _error(message: str) -> None:
    print(f"pa-letter: {message}", file=sys.stderr)
