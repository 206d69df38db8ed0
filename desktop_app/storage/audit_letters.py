"""The log check's pass over the letters' records: every signature and export row against the
`letter.signed` and `letter.exported` entries of the keyed chain, both ways.

Rows are never deleted, so an entry without its row means a record was removed, and a row
without its entry was added or changed behind the app's back (a forged signature record, a
different file hash). Entries written before `record_sha256` existed seal only the fields
they name; newer ones seal the whole record.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.storage.models import AuditRow, LetterExportRow, SignatureRow
from desktop_app.storage.seals import RECORD_KEY, export_seal, signature_seal

SIGNED_ACTION = "letter.signed"
EXPORTED_ACTION = "letter.exported"

Key = tuple[object, ...]


@dataclass
class LetterSeals:
    """What the chain says was recorded: (kind, case id, fields..., record seal or None)."""

    sealed: Counter[Key] = field(default_factory=Counter)

    def collect(self, row: AuditRow, detail: dict[str, object]) -> None:
        if not isinstance(detail.get("sha256"), str):
            return  # every release's letter entries name the file's hash; others seal no record
        seal = detail.get(RECORD_KEY)
        seal = seal if isinstance(seal, str) else None
        if row.action == SIGNED_ACTION:
            self.sealed[("signature", row.case_id, detail.get("version"),
                         detail.get("template"), detail.get("template_version"),
                         detail.get("sha256"), seal)] += 1
        elif row.action == EXPORTED_ACTION:
            self.sealed[("export", row.case_id, detail.get("format"), detail.get("template"),
                         detail.get("template_version"), detail.get("sha256"),
                         bool(detail.get("override")), seal)] += 1


def _signature_key(row: SignatureRow) -> Key:
    return ("signature", row.case_id, row.version, row.template_id, row.template_version,
            row.pdf_sha256)


def _export_key(row: LetterExportRow) -> Key:
    return ("export", row.case_id, row.format, row.template_id, row.template_version,
            row.file_sha256, row.override_reason is not None)


def _what(key: Key) -> str:
    if key[0] == "signature":
        return f"a signature record of version {key[2]} of case {str(key[1])[:36]}"
    return f"an export record ({key[2]}) of case {str(key[1])[:36]}"


def check_letters(session: Session, seals: LetterSeals) -> tuple[str, str] | None:
    """(message, case id) for the first record that does not match the chain, or None."""
    left = Counter(seals.sealed)
    rows: list[tuple[Key, str]] = [
        (_signature_key(s), signature_seal(s.signer_name, s.npi, s.user))
        for s in session.scalars(select(SignatureRow).order_by(SignatureRow.id))
    ]
    rows += [
        (_export_key(e), export_seal(e.case_version, e.template_hash, e.override_reason, e.user))
        for e in session.scalars(select(LetterExportRow).order_by(LetterExportRow.id))
    ]
    for key, seal in rows:
        for sealed in ((*key, seal), (*key, None)):
            if left[sealed] > 0:
                left[sealed] -= 1
                break
        else:
            return (f"{_what(key)} does not match the audit log (it was added or changed "
                    "outside the app)", str(key[1]))
    missing = next((key for key, count in left.items() if count > 0), None)
    if missing is not None:
        return f"{_what(missing)} that the audit log holds is missing", str(missing[1])
    return None
