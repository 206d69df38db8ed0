"""What a one-letter command and the desktop app's first window load, run as real processes.

Staff wait for every library a process imports. These guard the start-up work of the speed
issue (goals 2 and 3) by behaviour, not by timing: a render on the SQLite file writes its
audit entry without SQLAlchemy or Alembic; a check loads no PDF library; a second render
reuses its compiled template; the first window needs none of the render, check or signing
machinery, which each load when first used.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import textwrap
from pathlib import Path

from tests.e2e.probes import APP_PROBE_TAIL, ROOT, run_probe

EXAMPLE = ROOT / "examples" / "medicare-part-b-preauth.json"

# Runs the CLI in this interpreter, counts template compiles, then names what it imported.
CLI_PROBE = textwrap.dedent(
    """
    import sys
    from desktop_app.cli import main
    from desktop_app.letters import render

    compiled = []
    original = render._compile
    render._compile = lambda *args: compiled.append(1) or original(*args)
    code = main(sys.argv[1:])
    print("compiled:", len(compiled), file=sys.stderr)
    print("imported:", " ".join(sorted(m for m in sys.modules)), file=sys.stderr)
    sys.exit(code)
    """
)

# The app leaves by os._exit when a read it need not wait for is still running at quit
# (the deadlines notice): what was imported is printed then too.
APP_PROBE = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["PA_LETTER_EXIT_WHEN_READY"] = "1"

    def report():
        print("imported:", " ".join(sorted(m for m in sys.modules)), file=sys.stderr)
    """
) + APP_PROBE_TAIL


def _run(
    probe: str, home: Path, *args: str | Path
) -> tuple[subprocess.CompletedProcess[str], set[str], int]:
    done = run_probe(probe, *args, home=home)
    lines = done.stderr.splitlines()
    imported = next((ln for ln in lines if ln.startswith("imported:")), "imported:")
    if probe in (CLI_PROBE, APP_PROBE):  # an empty list must never pass as "nothing loaded"
        assert any(ln.startswith("imported:") for ln in lines), done.stderr[-2000:]
    compiled = next((ln for ln in lines if ln.startswith("compiled:")), "compiled: -1")
    return done, set(imported.removeprefix("imported:").split()), int(compiled.split()[1])


def _packages(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def _audit_actions(home: Path) -> list[str]:
    with sqlite3.connect(home / "cases.sqlite3") as conn:
        return [row[0] for row in conn.execute("SELECT action FROM audit_log ORDER BY id")]


def test_a_render_on_the_sqlite_file_records_it_without_sqlalchemy_or_alembic(
    pa_letter_home: Path, tmp_path: Path
) -> None:
    first, _, _ = _run(CLI_PROBE, pa_letter_home, "render", EXAMPLE, "-o", tmp_path / "a.pdf")
    assert first.returncode == 0, first.stderr  # the first run makes the database
    before = _audit_actions(pa_letter_home)
    done, imported, _ = _run(CLI_PROBE, pa_letter_home, "render", EXAMPLE, "-o", tmp_path / "b.pdf")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF-")
    assert len(_audit_actions(pa_letter_home)) > len(before)  # the letter is on record
    assert not _packages(imported) & {"sqlalchemy", "alembic", "PySide6", "docx"}
    # xml.sax.saxutils would bring urllib.request, http.client and ssl for one escape.
    assert not imported & {"urllib.request", "http.client", "ssl"}


def test_a_batch_with_workers_rehearses_and_records_without_sqlalchemy(
    pa_letter_home: Path, tmp_path: Path
) -> None:
    # The rehearsal letter before the workers start is drawn from a shipped sample, found
    # without the case database's code (SQLAlchemy took a quarter of a second to import).
    cases = tmp_path / "cases"
    cases.mkdir()
    for name in ("a", "b", "c"):
        (cases / f"{name}.json").write_bytes(EXAMPLE.read_bytes())
    first, _, _ = _run(CLI_PROBE, pa_letter_home, "render", EXAMPLE, "-o", tmp_path / "a.pdf")
    assert first.returncode == 0, first.stderr  # the first run makes the database
    before = len(_audit_actions(pa_letter_home))
    done, imported, _ = _run(CLI_PROBE, pa_letter_home, "batch", cases, "-o", tmp_path / "out",
                             "--jobs", "2")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.pdf", "b.pdf", "c.pdf"]
    assert len(_audit_actions(pa_letter_home)) == before + 3  # the rehearsal is not recorded
    assert "desktop_app.services.batch_pool" in imported  # the batch really ran here
    assert not _packages(imported) & {"sqlalchemy", "alembic", "PySide6", "docx"}


def test_a_preauth_render_loads_nothing_only_other_letters_or_commands_need(
    pa_letter_home: Path, tmp_path: Path
) -> None:
    first, _, _ = _run(CLI_PROBE, pa_letter_home, "render", EXAMPLE, "-o", tmp_path / "a.pdf")
    assert first.returncode == 0, first.stderr  # the first run makes the database and caches
    done, imported, _ = _run(CLI_PROBE, pa_letter_home, "render", EXAMPLE, "-o", tmp_path / "b.pdf")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF-")
    # Package metadata (pydantic's plugin search, the ICD-10-CM version) brought these; the
    # other commands' argument modules are set up only for their own command.
    assert not imported & {"importlib.metadata", "email", "email.message", "zipfile"}
    assert not imported & {"desktop_app.cli_db", "desktop_app.cli_people",
                           "desktop_app.cli_records", "desktop_app.cli_audit_list"}


def test_a_second_render_reuses_the_compiled_template_and_prints_the_same_letter(
    pa_letter_home: Path, pa_letter_cache: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    os.environ["PA_LETTER_CACHE"] = str(cache)  # restored below: a cache of this test's own
    try:
        first, _, compiled_first = _run(
            CLI_PROBE, pa_letter_home, "render", EXAMPLE, "-o", tmp_path / "a.pdf"
        )
        second, _, compiled_second = _run(
            CLI_PROBE, pa_letter_home, "render", EXAMPLE, "-o", tmp_path / "b.pdf"
        )
    finally:
        os.environ["PA_LETTER_CACHE"] = str(pa_letter_cache)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert (compiled_first, compiled_second) == (1, 0)
    text = [
        subprocess.run(
            ["pdftotext", str(tmp_path / name), "-"], capture_output=True, text=True, check=True
        ).stdout
        for name in ("a.pdf", "b.pdf")
    ]
    assert text[0] == text[1]
    assert "Harold T. Whitcombe" in text[0]


def test_a_check_loads_no_pdf_or_word_library_and_no_database_library(
    pa_letter_home: Path,
) -> None:
    done, imported, _ = _run(CLI_PROBE, pa_letter_home, "check", EXAMPLE)
    assert done.returncode in (0, 1), done.stderr  # findings may be warnings or errors
    assert "Traceback" not in done.stderr
    assert "MUST FIX" in done.stdout or "SHOULD REVIEW" in done.stdout  # the checklist printed
    # The checklist's printer needs no renderer (the probe itself loads letters.render).
    assert not imported & {"desktop_app.services.render", "desktop_app.services.batch"}
    assert not _packages(imported) & {
        "reportlab",
        "docx",
        "sqlalchemy",
        "alembic",
        "PySide6",
        "pyhanko",
        "pypdf",
    }


def test_a_damaged_database_is_still_refused_by_a_render(
    pa_letter_home: Path, tmp_path: Path
) -> None:
    (pa_letter_home / "cases.sqlite3").write_bytes(b"this is not a database" * 100)
    done, _, _ = _run(CLI_PROBE, pa_letter_home, "render", EXAMPLE, "-o", tmp_path / "x.pdf")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "x.pdf").exists()  # no letter without its audit entry


def test_the_first_window_needs_no_render_check_or_signing_machinery(
    pa_letter_home: Path,
) -> None:
    done, imported, _ = _run(APP_PROBE, pa_letter_home)
    assert done.returncode == 0, done.stderr
    assert "cases listed" in done.stdout  # the case list really is shown
    assert not imported & {
        "desktop_app.services.render",
        "desktop_app.services.check",
        "desktop_app.rules.engine",
        "desktop_app.export.pdf",
        "desktop_app.letters.render",
        "desktop_app.services.signature_workflow",
        "desktop_app.services.case_records",
        "desktop_app.ui.editor.case_editor",
    }
    assert not _packages(imported) & {"reportlab", "docx", "jinja2", "pyhanko", "pypdf"}


def test_building_the_case_models_reads_no_installed_package_metadata(
    pa_letter_home: Path,
) -> None:
    # pydantic looks for plugins in every installed package's metadata unless told not to;
    # told, it still imported importlib.metadata (and email, zipfile, csv) to look with.
    probe = ("import sys, desktop_app.domain.case as c; c.Case.model_validate({}); "
             "print('importlib.metadata' in sys.modules, 'email' in sys.modules, "
             "tuple(sys.modules['pydantic.plugin._loader'].get_plugins()))")
    done, _, _ = _run(probe, pa_letter_home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False False ()"  # never scanned, nothing to scan with


def test_a_start_on_a_data_folder_used_before_lists_cases_without_sqlalchemy(
    pa_letter_home: Path,
) -> None:
    first, imported, _ = _run(APP_PROBE, pa_letter_home)  # creates, backs up, offers examples
    assert first.returncode == 0, first.stderr
    assert "sqlalchemy" in _packages(imported)  # the first run opens the database fully
    again, imported, _ = _run(APP_PROBE, pa_letter_home)
    assert again.returncode == 0, again.stderr
    assert first.stdout.split(",")[-1] == again.stdout.split(",")[-1]  # "6 cases listed"
    assert not _packages(imported) & {"sqlalchemy", "alembic"}
    # Nothing was recorded, so the audit log (and the settings it reads a name from for a
    # solo office) is not loaded either: the window's role checks need no name.
    assert "desktop_app.services.audit" not in imported


# As APP_PROBE, noting which of the watched modules the GUI (main) thread itself imported.
GUI_THREAD_PROBE = textwrap.dedent(
    """
    import os, sys, threading
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["PA_LETTER_EXIT_WHEN_READY"] = "1"
    # The case model is desktop_app.domain.case and the case_* modules its sections live in.
    WATCHED = {"pydantic", "desktop_app.domain.case", "desktop_app.domain.case_terms",
               "desktop_app.domain.case_parties", "desktop_app.domain.case_treatment",
               "desktop_app.domain.case_evidence", "desktop_app.domain.case_denial",
               "desktop_app.domain.case_records", "desktop_app.domain.practice",
               "desktop_app.storage.settings", "phonenumbers"}
    on_gui_thread = set()

    class Watch:
        def find_spec(self, name, path=None, target=None):
            if name in WATCHED and threading.current_thread() is threading.main_thread():
                on_gui_thread.add(name)
            return None

    sys.meta_path.insert(0, Watch())

    def report():
        print("gui-thread:", " ".join(sorted(on_gui_thread)), file=sys.stderr)
    """
) + APP_PROBE_TAIL


def test_a_quick_start_shows_the_list_without_building_a_pydantic_model_on_the_gui_thread(
    pa_letter_home: Path,
) -> None:
    first, _, _ = _run(APP_PROBE, pa_letter_home)  # the first run: examples, backup
    assert first.returncode == 0, first.stderr
    # A settings file the office saved: plainly valid, no shared server.
    (pa_letter_home / "settings.json").write_text(
        '{"user_name": "Front desk", "letterhead": {"name": "Fictional Oncology"}}',
        encoding="utf-8")
    again, _, _ = _run(GUI_THREAD_PROBE, pa_letter_home)
    assert again.returncode == 0, again.stderr
    assert "6 cases listed" in again.stdout
    line = next(ln for ln in again.stderr.splitlines() if ln.startswith("gui-thread:"))
    # The case model (for the deadlines notice) is built on a worker; the settings models
    # are not needed to choose the desk's database.
    assert line.removeprefix("gui-thread:").split() == []
