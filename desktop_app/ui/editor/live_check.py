"""Re-check the case a moment after typing stops, and show the findings in place and in a list."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.errors import AppError
from desktop_app.ui.editor.case_editor import CaseEditor
from desktop_app.ui.findings_panel import FindingsPanel

CheckFunction = Callable[..., Any]


class LiveChecker(QObject):
    """Debounced check: each edit restarts a timer; when it fires, check and show the findings.

    `check` defaults to desktop_app.services.check.check_case (looked up at each check, so a
    test may replace it).
    """

    checked = Signal(object)  # the CheckReport
    # The check takes about 2 ms, so it runs almost as each key lands; the short wait only
    # folds a paste or a key held down into one check.
    DELAY_MS = 30

    def __init__(self, editor: CaseEditor, panel: FindingsPanel | None = None, *,
                 check: CheckFunction | None = None, template: str | None = None,
                 delay_ms: int = DELAY_MS, parent: QObject | None = None) -> None:
        super().__init__(parent or editor)
        self._editor = editor
        self._panel = panel
        self._check = check
        self.template = template
        self.last_seconds = 0.0  # GUI-thread time of the last check, for the 16 ms budget
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.check_now)
        editor.case_changed.connect(self.schedule)
        editor.case_loaded.connect(self.schedule)

    def schedule(self) -> None:
        """Check once typing pauses; each call pushes the check back."""
        self._timer.start()

    def set_template(self, template: str | None) -> None:
        self.template = template
        self.schedule()

    def check_now(self) -> Any:
        """Check the editor's case now; returns the report (None if the check could not run)."""
        self._timer.stop()
        started = time.perf_counter()
        try:
            report = self._check_function()(self._editor.case(), self.template)
        except AppError as exc:
            if self._panel is not None:
                self._panel.show_problem(str(exc))
            return None
        report = _with_input_findings(report, self._editor.input_findings())
        self._editor.mark_fields(report.findings)
        if self._panel is not None:
            self._panel.set_findings(report.findings)
        self.last_seconds = time.perf_counter() - started
        self.checked.emit(report)
        return report

    def _check_function(self) -> CheckFunction:
        if self._check is not None:
            return self._check
        from desktop_app.services import check

        return check.check_case


def _with_input_findings(report: Any, extra: list[Any]) -> Any:
    """The report with the editor's own findings (text a field cannot hold) in front."""
    if not extra:
        return report
    findings = [*extra, *report.findings]
    if dataclasses.is_dataclass(report) and not isinstance(report, type):
        return dataclasses.replace(report, findings=findings)
    report.findings = findings
    return report
