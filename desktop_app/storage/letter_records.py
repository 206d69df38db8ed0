"""Letters made from a case: each export (template version, file hash, override) and signature."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.storage.models import LetterExportRow, SignatureRow
from desktop_app.storage.records import ExportRecord, SignatureRecord


def export_records(session: Session, case_id: str) -> list[ExportRecord]:
    query = select(LetterExportRow).where(LetterExportRow.case_id == case_id)
    return [
        ExportRecord(
            e.case_id,
            e.case_version,
            e.exported_at,
            e.format,
            e.template_id,
            e.template_version,
            e.template_hash,
            e.file_sha256,
            e.override_reason,
            e.user,
        )
        for e in session.scalars(query.order_by(LetterExportRow.id))
    ]


def signature_records(session: Session, case_id: str) -> list[SignatureRecord]:
    query = select(SignatureRow).where(SignatureRow.case_id == case_id)
    return [
        SignatureRecord(
            s.case_id,
            s.version,
            s.signer_name,
            s.npi,
            s.signed_at,
            s.template_id,
            s.template_version,
            s.pdf_sha256,
            s.user,
        )
        for s in session.scalars(query.order_by(SignatureRow.id))
    ]


def add_export(
    session: Session,
    case_id: str,
    case_version: int,
    *,
    fmt: str,
    template_id: str,
    template_version: str,
    template_hash: str,
    file_sha256: str,
    override_reason: str | None,
    user: str,
) -> ExportRecord:
    row = LetterExportRow(
        case_id=case_id,
        case_version=case_version,
        exported_at=dt.datetime.now(dt.UTC),
        format=fmt,
        template_id=template_id,
        template_version=template_version,
        template_hash=template_hash,
        file_sha256=file_sha256,
        override_reason=override_reason or None,
        user=user,
    )
    session.add(row)
    session.flush()
    return export_records(session, case_id)[-1]


def add_signature(
    session: Session,
    case_id: str,
    version: int,
    *,
    signer_name: str,
    npi: str,
    template_id: str,
    template_version: str,
    pdf_sha256: str,
    user: str,
) -> SignatureRecord:
    row = SignatureRow(
        case_id=case_id,
        version=version,
        signer_name=signer_name[:200],
        npi=npi[:10],
        signed_at=dt.datetime.now(dt.UTC),
        template_id=template_id,
        template_version=template_version,
        pdf_sha256=pdf_sha256,
        user=user,
    )
    session.add(row)
    session.flush()
    return signature_records(session, case_id)[-1]
