"""Crash reports: where the app keeps them, written privately (their text holds no patient data)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop_app.storage.paths import data_home, ensure_private_dir, write_private

__all__ = ["reports_folder", "save_crash_report"]


def reports_folder() -> Path:
    """The folder staff are told to send reports from: `reports/` in the data folder."""
    return data_home() / "reports"


def save_crash_report(text: str) -> Path:
    """Write one report as `crash-<time>.txt`, readable by this user only; StorageError if the
    data folder cannot be written. The caller makes sure `text` holds no patient data."""
    folder = ensure_private_dir(reports_folder())
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"crash-{stamp}.txt"
    write_private(path, text.encode("utf-8"))
    return path
