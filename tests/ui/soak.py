"""A long day in the real window: hundreds of staff operations, command-line renders in between.

`run_soak` drives a shown MainWindow the way staff do (typing, status moves, appeals, exports,
deletes and undo, a look at the audit log) while `pa-letter render` processes write to the
same data folder. It records what the window claimed after each step; `read_back` reads the
database from a separate process (as the next start of the app would) for comparison.
Used by tests/ui/test_soak.py (small) and `make soak` (large).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.domain.casefile import case_to_dict
from desktop_app.services.cases import next_statuses
from tests.ui._typing import type_text

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "commercial-preauth.json"


@dataclass
class Claims:
    """What the window said: each case's last shown state, exports it said were saved."""

    cases: dict[str, dict[str, Any]] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)
    exports: dict[str, int] = field(default_factory=dict)
    renders: int = 0
    done: dict[str, int] = field(default_factory=dict)  # operation -> times it succeeded


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "pa-letter"
    return [str(script)] if script.exists() else [sys.executable, "-m", "desktop_app.cli"]


class Soak:
    def __init__(self, window: Any, qtbot: Any, out: Path, seed: int) -> None:
        self.window, self.qtbot, self.out = window, qtbot, out
        self.rng = random.Random(seed)
        self.claims = Claims()
        self.render: subprocess.Popen[bytes] | None = None

    # -- what the window shows ------------------------------------------------------------
    def note_open_case(self) -> None:
        page = self.window.page
        if page.stored is None or page.autosave.pending:
            return
        stored = page.stored
        self.claims.cases[stored.id] = {
            "status": stored.status, "revision": stored.revision,
            "data": case_to_dict(stored.case), "locked": stored.locked,
        }

    def _live_ids(self) -> list[str]:
        return [s.id for s in self.window.store.list_cases()]

    # -- operations -------------------------------------------------------------------------
    def op_open(self) -> bool:
        ids = self._live_ids()
        return bool(ids) and self.window.open_case(self.rng.choice(ids))

    def op_new(self) -> bool:
        self.window.new_case()
        return self.window.page.stored is not None

    def op_type(self) -> bool:
        page = self.window.page
        if page.stored is None or page.stored.locked:
            return False
        page.editor.focus_field("patient.name")
        box = QApplication.focusWidget()
        if box is None:
            return False
        type_text(box, self.rng.choice(["a", "é", " Lê", "ñ", "Z"]))
        self.qtbot.waitUntil(lambda: not page.autosave.pending, timeout=10000)
        return True

    def op_status(self) -> bool:
        page = self.window.page
        if page.stored is None:
            return False
        legal = next_statuses(page.stored.status)
        if not legal:
            return False
        # Mostly forward, as a letter's day goes: draft, ready, signed, sent, the answer.
        forward = [s for s in legal if s != "draft"] or list(legal)
        choice = self.rng.choice(forward if self.rng.random() < 0.85 else list(legal))
        return bool(page.workflow.move_to(choice))

    def op_appeal(self) -> bool:
        page = self.window.page
        if page.stored is None or page.stored.status != "denied":
            return False
        before = page.case_id
        page.workflow.appeal()
        return page.case_id != before

    def op_new_version(self) -> bool:
        page = self.window.page
        if page.stored is None or not page.stored.locked:
            return False
        page.start_new_version()
        return not page.stored.locked

    def op_export(self) -> bool:
        from desktop_app.ui import file_actions

        page = self.window.page
        if page.stored is None:
            return False
        case_id = page.case_id
        before = len(self.window.store.exports(case_id))
        if not file_actions.export_letter_as(self.window, "pdf"):
            return False
        self.qtbot.waitUntil(
            lambda: "Letter saved" in self.window.statusBar().currentMessage()
            or len(self.window.store.exports(case_id)) > before, timeout=30000)
        if "Letter saved" in self.window.statusBar().currentMessage():
            self.claims.exports[case_id] = self.claims.exports.get(case_id, 0) + 1
            self.window.statusBar().clearMessage()
            return True
        return False

    def op_delete(self) -> bool:
        case_id = self.window.page.case_id
        if case_id is None:
            return False
        self.window.delete_case()
        if "Case deleted" not in self.window.statusBar().currentMessage():
            return False
        self.claims.deleted.add(case_id)
        return True

    def op_undo(self) -> bool:
        if not self.window.deleted:
            return False
        case_id = self.window.deleted[-1]
        self.window.undo_delete()
        if "Case restored" not in self.window.statusBar().currentMessage():
            return False
        self.claims.deleted.discard(case_id)
        return True

    def op_audit_log(self) -> bool:
        from desktop_app.ui.signing.audit_dialog import AuditLogDialog

        dialog = AuditLogDialog(self.window)
        try:
            return dialog.check_integrity()
        finally:
            dialog.close()
            dialog.deleteLater()

    WEIGHTS: ClassVar[dict[str, int]] = {
        "open": 2, "new": 1, "type": 6, "status": 6, "appeal": 3, "new_version": 1,
        "export": 1, "delete": 1, "undo": 1, "audit_log": 1,
    }

    # -- command-line renders writing to the same data folder ---------------------------------
    def start_render(self) -> None:
        self.finish_render()
        self.claims.renders += 1
        target = self.out / f"cli-{self.claims.renders}.pdf"
        self.render = subprocess.Popen(
            [*_cli(), "render", str(EXAMPLE), "-o", str(target)],
            env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def finish_render(self) -> None:
        if self.render is not None:
            _, err = self.render.communicate(timeout=120)
            assert self.render.returncode == 0, err.decode(errors="replace")[-500:]
            self.render = None

    def run(self, operations: int, renders: int) -> Claims:
        names = list(self.WEIGHTS)
        weights = [self.WEIGHTS[n] for n in names]
        render_every = max(1, operations // max(1, renders))
        for step in range(operations):
            if renders and step % render_every == render_every // 2:
                self.start_render()
            name = self.rng.choices(names, weights)[0]
            if getattr(self, f"op_{name}")():
                self.claims.done[name] = self.claims.done.get(name, 0) + 1
            self.note_open_case()
        self.finish_render()
        return self.claims


def run_soak(window: Any, qtbot: Any, out: Path, *, operations: int, renders: int,
             seed: int = 10) -> Claims:
    """Drive `window` for `operations` steps with `renders` CLI renders spread among them."""
    from desktop_app.ui import denial_dialog, export_flow

    # Staff answer Yes, give an override reason while errors stand, and keep the file name;
    # a denial is marked without its details, and each appeal asked for is a new one.
    saved = (QMessageBox.question, export_flow.ask_override_reason, export_flow.ask_save_path,
             denial_dialog.ask_denial, denial_dialog.ask_second_appeal)
    QMessageBox.question = staticmethod(  # type: ignore[method-assign]
        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    export_flow.ask_override_reason = lambda *_a: "payer portal needs the draft today"
    export_flow.ask_save_path = lambda _p, _t, suggested, _f: out / suggested.name
    denial_dialog.ask_denial = lambda *_a: ("only", None)
    denial_dialog.ask_second_appeal = lambda *_a: "second"
    try:
        return Soak(window, qtbot, out, seed).run(operations, renders)
    finally:
        QMessageBox.question = saved[0]  # type: ignore[method-assign]
        export_flow.ask_override_reason, export_flow.ask_save_path = saved[1], saved[2]
        denial_dialog.ask_denial, denial_dialog.ask_second_appeal = saved[3], saved[4]


READER = """
import json
from desktop_app.domain.casefile import case_to_dict
from desktop_app.services import audit
from desktop_app.services.cases import open_case_store
store = open_case_store()
cases = {}
for s in store.list_cases(include_deleted=True):
    stored = store.get_case(s.id)
    cases[s.id] = {"status": stored.status, "revision": stored.revision,
                   "data": case_to_dict(stored.case), "locked": stored.locked,
                   "deleted": s.deleted, "exports": len(store.exports(s.id)),
                   "versions": [v.version for v in store.versions(s.id)]}
report = audit.verify_chain()
entries = [[e.id, e.action, e.case_id] for e in audit.entries(100000)]
print(json.dumps({"cases": cases, "verify": [report.ok, report.message], "entries": entries},
                 default=str))
"""


def read_back(home: Path) -> dict[str, Any]:
    """The database as another process finds it (the app's next start)."""
    env = dict(os.environ, PA_LETTER_HOME=str(home))
    done = subprocess.run([sys.executable, "-c", READER], env=env, capture_output=True,
                          text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr[-1000:]
    result: dict[str, Any] = json.loads(done.stdout)
    return result
