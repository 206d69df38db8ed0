"""Counts the comparisons of a case with its drug's label that are really worked out."""

from __future__ import annotations

import pytest

from desktop_app.rules import label_check


def count_label_comparisons(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """From now on, each case compared afresh (not answered from a render's memory) is
    appended to the returned list."""
    made: list[object] = []
    work = label_check._compare

    def counted(*args: object) -> object:
        made.append(args[0])
        return work(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(label_check, "_compare", counted)
    return made
