"""What each start does before any work: remove half-written files left by a killed run."""

from __future__ import annotations

from desktop_app.storage.part_files import remove_leftovers


def remove_leftover_parts() -> int:
    """Delete `.part-` files (whole letters, patient data) whose writing process is gone."""
    return remove_leftovers()
