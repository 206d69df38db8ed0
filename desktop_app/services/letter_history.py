"""Which letters were made from a case and who signed them: each exported file (by its
SHA-256, with the template version that made it and any override) and each physician's
signature on a version.

Apart from the case list and workflow (services/cases.py): these record what was done with
a case's content, not the content itself, and only exporting and signing write them.
"""

from __future__ import annotations

from desktop_app.services.audited_store import AuditedStore
from desktop_app.storage import case_rows
from desktop_app.storage.letter_records import (
    add_export,
    add_signature,
    export_records,
    signature_records,
)
from desktop_app.storage.records import ExportRecord, SignatureRecord
from desktop_app.storage.seals import RECORD_KEY, export_seal, signature_seal

__all__ = ["LetterHistory"]


class LetterHistory(AuditedStore):
    """The exported letters and signatures of the cases in one open database."""

    def record_export(
        self,
        case_id: str,
        *,
        fmt: str,
        template_id: str,
        template_version: str,
        template_hash: str,
        file_sha256: str,
        override_reason: str | None = None,
    ) -> ExportRecord:
        """Remember which template version made which file (by hash), and any override."""
        with self.database.writing() as session:
            row = case_rows.find_row(session, case_id)
            record = add_export(
                session,
                case_id,
                row.version,
                fmt=fmt,
                template_id=template_id,
                template_version=template_version,
                template_hash=template_hash,
                file_sha256=file_sha256,
                override_reason=override_reason,
                user=self._user,
            )
            self._audit(
                session,
                "letter.exported",
                case_id,
                format=fmt,
                template=template_id,
                template_version=template_version,
                sha256=file_sha256,
                override=bool(override_reason),
                **{RECORD_KEY: export_seal(record.case_version, record.template_hash,
                                           record.override_reason, record.user)},
            )
            return record

    def exports(self, case_id: str) -> list[ExportRecord]:
        with self.database.reading() as session:
            return export_records(session, case_id)

    def record_signature(
        self,
        case_id: str,
        *,
        signer_name: str,
        npi: str,
        template_id: str,
        template_version: str,
        pdf_sha256: str,
        version: int | None = None,
        certificate_subject: str | None = None,
        certificate_sha256: str | None = None,
    ) -> SignatureRecord:
        """Record a physician's signature on a version (default: the current one).

        The audit entry names the certificate (subject and SHA-256) as the signer and the
        workstation user as the operator: they are different people when staff press Sign.
        """
        with self.database.writing() as session:
            row = case_rows.find_row(session, case_id)
            signed_version = version if version is not None else row.version
            record = add_signature(
                session,
                case_id,
                signed_version,
                signer_name=signer_name,
                npi=npi,
                template_id=template_id,
                template_version=template_version,
                pdf_sha256=pdf_sha256,
                user=self._user,
            )
            self._audit(
                session,
                "letter.signed",
                case_id,
                version=signed_version,
                template=template_id,
                template_version=template_version,
                sha256=pdf_sha256,
                signer_subject=(certificate_subject or "")[:128] or None,
                signer_certificate_sha256=certificate_sha256,
                operator=self._user[:128],
                **{RECORD_KEY: signature_seal(record.signer_name, record.npi, record.user)},
            )
            return record

    def signatures(self, case_id: str) -> list[SignatureRecord]:
        with self.database.reading() as session:
            return signature_records(session, case_id)
