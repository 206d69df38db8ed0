"""The practice's label confirmations: a drug's catalog facts confirmed against its FDA label
once for every case with that drug and label revision (storage/label_confirmations.py).

Kept where the practice's data is: the shared PostgreSQL database when the practice has one,
else this desk's SQLite file. A confirmation is only offered to a case; "Use for this case"
copies it into the case's own label check, so a case is never changed by opening it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from desktop_app.services.practice_data import shared_database

if TYPE_CHECKING:
    # SQLAlchemy comes with these: only the editor asks, never a command-line render.
    from desktop_app.storage.label_confirmations import (
        LabelConfirmation,
        PracticeLabelConfirmations,
    )

__all__ = ["confirm_for_practice", "practice_confirmation", "remove_practice_confirmation"]


def _confirmations() -> PracticeLabelConfirmations:
    from desktop_app.services.audit import cached_database, current_user
    from desktop_app.storage.label_confirmations import PracticeLabelConfirmations

    database = shared_database() or cached_database()
    return PracticeLabelConfirmations(database, user=current_user())


def practice_confirmation(drug: str, cited: dt.date | None) -> LabelConfirmation | None:
    """The practice's confirmation of `drug` for the label revision the catalog cites, or None
    (also when the practice confirmed only another revision). StorageError if unreadable."""
    if not drug.strip() or cited is None:
        return None
    return _confirmations().for_label(drug, cited)


def confirm_for_practice(drug: str, label_revised: dt.date, confirmed_by: str,
                         confirmed_on: dt.date) -> None:
    """Keep the confirmation for the whole practice (audited); StorageError if it cannot be."""
    from desktop_app.storage.label_confirmations import LabelConfirmation

    _confirmations().confirm(LabelConfirmation(
        drug=drug.strip(), label_revised=label_revised.replace(day=1),
        confirmed_by=confirmed_by.strip(), confirmed_on=confirmed_on))


def remove_practice_confirmation(drug: str, label_revised: dt.date) -> bool:
    """Remove it (audited); False when the practice had none for that revision."""
    return _confirmations().remove(drug, label_revised)
