"""First run: an empty data folder opens with the example cases, so staff see how a case looks."""

from __future__ import annotations

from typing import Any

from desktop_app.storage.paths import data_home

# Written once the examples were offered, so deleting every case never brings them back.
MARKER = "examples-imported"


def load_examples_if_first_run(store: Any) -> int:
    """Import the examples into an empty database once; returns how many cases were added."""
    from desktop_app.services.cases import example_case_paths

    marker = data_home() / MARKER
    if marker.exists() or not store.is_empty():
        return 0
    added = int(store.import_examples(example_case_paths()))
    marker.write_text("examples offered\n", encoding="utf-8")
    return added
