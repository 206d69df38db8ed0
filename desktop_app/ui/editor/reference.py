"""The editor's door to reference data (ICD-10-CM, drug catalog, prescriber directory).

Everything goes through desktop_app.services.reference; tests hand the editor a stand-in.
A failed look-up shows no suggestions rather than an error: typing must never be blocked.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from desktop_app.errors import AppError

log = logging.getLogger(__name__)


class Reference:
    """Look-ups for autocomplete, over a module or object with the services.reference API."""

    def __init__(self, source: Any = None) -> None:
        self._source = source

    def _api(self) -> Any:
        if self._source is None:
            self._source = _load_services()
        return self._source

    def icd10_choices(self, text: str) -> list[tuple[str, object]]:
        """ "C34.90 — Malignant neoplasm of …" for each code matching the text."""
        entries = self._call("search_icd10", text, limit=20)
        shown = []
        for entry in entries:
            text = f"{entry.code} — {entry.description}"
            if not getattr(entry, "billable", True):
                text += " (category: pick a code under it)"
            shown.append((text, entry))
        return shown

    def drug_choices(self, text: str) -> list[tuple[str, object]]:
        """One suggestion per catalog product: "trastuzumab — Ogivri (trastuzumab-dkst,
        biosimilar) — Q5114, 10 mg per unit"."""
        if getattr(self._api(), "search_drug_products", None) is not None:
            return [(str(c.label), c) for c in self._call("search_drug_products", text, limit=20)]
        shown = []
        for entry in self._call("search_drugs", text, limit=20):
            brands = getattr(entry, "brand_names", None) or ()
            hcpcs = getattr(entry, "hcpcs", None)
            text_ = str(getattr(entry, "generic_name", ""))
            if brands:
                text_ += f" ({', '.join(brands)})"
            if isinstance(hcpcs, str) and hcpcs:
                text_ += f" — {hcpcs}"
            shown.append((text_, entry))
        return shown

    def label_overview(self, case: Any) -> Any:
        """The drug's labeled indications beside the case's diagnosis, or None."""
        function = getattr(self._api(), "label_overview", None)
        if function is None:
            return None
        try:
            return function(case)
        except AppError as exc:
            log.warning("reference look-up label_overview failed: %s", exc)
            return None

    def prescribers(self) -> list[Any]:
        return list(self._call("prescriber_directory"))

    def letter_templates(self) -> list[tuple[str, str, str]]:
        """(id, title, kind) of each template the practice can use."""
        return [tuple(t) for t in self._call("letter_templates")]  # type: ignore[misc]

    def payer_choices(self, text: str) -> list[tuple[str, object]]:
        return [tuple(c) for c in self._call("payer_choices", text)]  # type: ignore[misc]

    def payer_fill(self, entry: object, letter_kind: str | None) -> dict[str, object]:
        found = self._value("payer_fill", entry, letter_kind)
        return found if isinstance(found, dict) else {}

    def payer_differences(self, payer: object, letter_kind: str | None) -> tuple[str, list[str]]:
        found = self._value("payer_differences", payer, letter_kind)
        return found if isinstance(found, tuple) else ("", [])

    def update_payer_directory(self, payer: object, letter_kind: str | None) -> bool:
        """Save the case's payer details into the directory; False if that failed."""
        function = getattr(self._api(), "update_payer_directory", None)
        if function is None:
            return False
        try:
            function(payer, letter_kind)
        except AppError as exc:
            log.warning("the payer directory could not be updated: %s", exc)
            return False
        return True

    def label_check_state(self, check: object, label_revised: object) -> str:
        """ "none", "current", "older_label" or "incomplete", as the checklist judges it."""
        found = self._value("label_check_state", check, label_revised)
        return found if isinstance(found, str) else "none"

    def practice_label_confirmation(self, drug: str, label_revised: object) -> object | None:
        """The practice's confirmation of the drug's label for that revision, or None (also
        when it cannot be read: the row then offers nothing, and the log says why)."""
        return self._value("practice_label_confirmation", drug, label_revised)

    def confirm_label_for_practice(self, drug: str, label_revised: object, confirmed_by: str,
                                   confirmed_on: object) -> str:
        """Keep a practice-wide confirmation: "" when kept, else what went wrong, to show."""
        return self._try("confirm_label_for_practice", drug, label_revised, confirmed_by,
                         confirmed_on)

    def remove_practice_label_confirmation(self, drug: str, label_revised: object) -> str:
        """Remove the practice's confirmation: "" when done, else what went wrong, to show."""
        return self._try("remove_practice_label_confirmation", drug, label_revised)

    def _try(self, name: str, *args: Any) -> str:
        function = getattr(self._api(), name, None)
        if function is None:
            return "this desk cannot keep practice-wide confirmations"
        try:
            function(*args)
        except AppError as exc:
            log.warning("%s failed: %s", name, exc)
            return str(exc)
        return ""

    def your_name(self) -> str:
        """The person at this desk (signed in, else Settings > You), or ""."""
        found = self._value("your_name")
        return found if isinstance(found, str) else ""

    def practice_letterhead(self) -> tuple[str, str]:
        """(practice name, address) from Settings, or two empty strings."""
        found = self._value("practice_letterhead")
        return (str(found[0]), str(found[1])) if isinstance(found, tuple) else ("", "")

    def regimen_choices(self, text: str) -> list[tuple[str, object]]:
        return [tuple(c) for c in self._call("regimen_choices", text)]  # type: ignore[misc]

    def regimen_evidence_to_add(self, regimen: object, cited: list[Any]) -> list[Any]:
        found = self._value("regimen_evidence_to_add", regimen, cited)
        return list(found) if isinstance(found, list) else []

    def regimen_full_texts_of(self, evidence: list[Any], attached: list[Any]) -> list[Any]:
        found = self._value("regimen_full_texts_of", evidence, attached)
        return list(found) if isinstance(found, list) else []

    def regimen_full_texts_to_add(self, regimen: object, attached: list[Any]) -> list[Any]:
        found = self._value("regimen_full_texts_to_add", regimen, attached)
        return list(found) if isinstance(found, list) else []

    def save_regimen(self, name: str, drug: object, evidence: list[Any],
                     attachments: list[Any] | None = None) -> str:
        """Save the regimen; "" when saved, else what went wrong in words."""
        function = getattr(self._api(), "save_regimen", None)
        if function is None:
            return "regimens cannot be saved here"
        try:
            function(name, drug, evidence, attachments or [])
        except AppError as exc:
            return str(exc)
        return ""

    def _value(self, name: str, *args: Any) -> object:
        function = getattr(self._api(), name, None)
        if function is None:
            return None
        try:
            return function(*args)
        except AppError as exc:
            log.warning("reference look-up %s failed: %s", name, exc)
            return None

    def journal_titles(self) -> list[str]:
        """CMS-list journal titles for the journal completer, if a service offers them."""
        return [str(t) for t in self._call("journal_titles")]

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Sequence[Any]:
        function = getattr(self._api(), name, None)
        if function is None:
            return []
        try:
            return list(function(*args, **kwargs))
        except AppError as exc:
            # str(AppError) is safe to log: the core keeps patient data out of it.
            log.warning("reference look-up %s failed: %s", name, exc)
            return []


def _load_services() -> ModuleType | object:
    try:
        from desktop_app.services import reference
    except ImportError:
        log.warning("desktop_app.services.reference is not available; no autocomplete")
        return object()  # looks up nothing, and the import is not retried on every keystroke
    return reference
