"""First run: an empty data folder opens with the example cases, so staff see how a case looks."""

from __future__ import annotations

from typing import Any


def load_examples_if_first_run(store: Any) -> int:
    """Import the examples into an empty database once; returns how many cases were added."""
    from desktop_app.services.casefiles import import_examples_once

    return import_examples_once(store)
