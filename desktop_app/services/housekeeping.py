"""What each start does before any work: remove half-written files left by a killed run, and
(the app) take the day's backup."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from desktop_app.errors import AppError
from desktop_app.storage.part_files import remove_leftovers

log = logging.getLogger(__name__)


def remove_leftover_parts() -> int:
    """Delete `.part-` files (whole letters, patient data) whose writing process is gone."""
    return remove_leftovers()


def start_of_day(store: Any) -> str | None:
    """The app's start: leftovers removed, then at most one backup a day. Returns a problem to
    show staff (in words), or None when all went well."""
    from desktop_app.services.backups import daily_backup_if_due

    remove_leftovers()
    try:
        made: Path | None = daily_backup_if_due(store.database)
    except AppError as exc:
        log.warning("the daily backup failed (%s)", type(exc).__name__)
        return f"Today's backup could not be made: {exc}"
    if made is not None:
        log.info("daily backup made")
    return None
