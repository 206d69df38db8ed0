"""Unexpected errors: save the user's work, write a report without patient data, say so calmly."""

from __future__ import annotations

import contextlib
import datetime as dt
import platform
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

CALM_MESSAGE = (
    "Something went wrong. Your work is saved.\n\n"
    "You can keep working. If this happens again, send the report in\n{folder}\n"
    "to whoever looks after this computer; it holds no patient data."
)


def _frames(tb: TracebackType | None) -> list[str]:
    # File, line and function only: no source text, no local values. They may hold PHI.
    lines = []
    for frame in traceback.extract_tb(tb):
        name = Path(frame.filename)
        parts = name.parts
        if "desktop_app" in parts:
            shown = "/".join(parts[parts.index("desktop_app") :])
        else:
            shown = name.name
        lines.append(f"  {shown}:{frame.lineno} in {frame.name}")
    return lines


def crash_report_text(exc_type: type[BaseException], tb: TracebackType | None,
                      exc: BaseException | None = None) -> str:
    """The report: exception types and stack frames. Never the message: it may name a patient."""
    from desktop_app import __version__ as version

    lines = [
        "PA Letter Studio crash report (contains no patient data)",
        f"time: {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}",
        f"version: {version}",
        f"python: {platform.python_version()} on {platform.system()} {platform.machine()}",
        f"exception: {exc_type.__module__}.{exc_type.__qualname__}",
        "traceback (most recent call last):",
        *_frames(tb),
    ]
    cause = exc.__cause__ or exc.__context__ if exc is not None else None
    depth = 0
    while cause is not None and depth < 5:
        kind = type(cause)
        lines += [f"while handling: {kind.__module__}.{kind.__qualname__}",
                  *_frames(cause.__traceback__)]
        cause = cause.__cause__ or cause.__context__
        depth += 1
    return "\n".join(lines) + "\n"


def write_crash_report(exc_type: type[BaseException], exc: BaseException | None,
                       tb: TracebackType | None) -> Path:
    from desktop_app.services.crash_reports import save_crash_report

    return save_crash_report(crash_report_text(exc_type, tb, exc))


class CrashHandler:
    """sys.excepthook: flush autosave, write the report, show one calm dialog at a time."""

    def __init__(
        self, save_work: Callable[[], object], parent: Callable[[], QWidget | None]
    ) -> None:
        self.save_work = save_work
        self.parent = parent
        self.showing = False
        self.last_report: Path | None = None
        self.previous = sys.excepthook
        self.ask_user = True

    def install(self) -> None:
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous

    def __call__(self, exc_type: type[BaseException], exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self.previous(exc_type, exc, tb)  # type: ignore[arg-type]
            return
        # The report matters more than a second failure while saving.
        with contextlib.suppress(Exception):
            self.save_work()
        try:
            self.last_report = write_crash_report(exc_type, exc, tb)
        except Exception:  # noqa: BLE001  no writable data folder: still tell the user calmly
            self.last_report = None
        sys.stderr.write(f"PA Letter Studio: unexpected {exc_type.__qualname__}; "
                         f"report: {self.last_report}\n")
        if self.showing or not self.ask_user:
            return
        self.showing = True
        try:
            folder = self.last_report.parent if self.last_report else "the data folder"
            QMessageBox.warning(self.parent(), "PA Letter Studio",
                                CALM_MESSAGE.format(folder=folder))
        finally:
            self.showing = False
