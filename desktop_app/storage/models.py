"""Database tables for cases, locked versions, exported letters, signatures and the audit log."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Fixed constraint names, so Alembic can alter tables the same way on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC time; SQLite keeps no zone, so it is stored as naive UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("times stored in the case database must be timezone-aware")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class CaseRow(Base):
    """One case: its format-1 JSON plus the columns the case list shows and filters on."""

    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    patient_name: Mapped[str] = mapped_column(String(200), default="")
    drug_name: Mapped[str] = mapped_column(String(200), default="")
    payer_name: Mapped[str] = mapped_column(String(200), default="")
    letter_kind: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(32), index=True)
    appeal_due: Mapped[dt.date | None] = mapped_column(Date, index=True)
    # Case-folded "patient drug payer", so search is case-insensitive for any script
    # (SQLite's own lower() folds ASCII only).
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    revision: Mapped[int] = mapped_column(Integer, default=1)
    version: Mapped[int] = mapped_column(Integer, default=1)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    parent_case_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("cases.id"), index=True
    )


class CaseVersionRow(Base):
    """A locked snapshot of a case, e.g. the exact content a physician signed."""

    __tablename__ = "case_versions"
    __table_args__ = (UniqueConstraint("case_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36), ForeignKey("cases.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[str] = mapped_column(Text)
    data_sha256: Mapped[str] = mapped_column(String(64))
    locked_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    reason: Mapped[str] = mapped_column(String(200))
    user: Mapped[str] = mapped_column(String(200))


class LetterExportRow(Base):
    """A letter written to DOCX or PDF, with the template version that made it."""

    __tablename__ = "letter_exports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36), ForeignKey("cases.id"), index=True)
    case_version: Mapped[int] = mapped_column(Integer)
    exported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    format: Mapped[str] = mapped_column(String(16))
    template_id: Mapped[str] = mapped_column(String(200))
    template_version: Mapped[str] = mapped_column(String(64))
    template_hash: Mapped[str] = mapped_column(String(64))
    file_sha256: Mapped[str] = mapped_column(String(64))
    override_reason: Mapped[str | None] = mapped_column(Text)
    user: Mapped[str] = mapped_column(String(200))


class SignatureRow(Base):
    """A physician's signature on one version of a case's letter."""

    __tablename__ = "signatures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36), ForeignKey("cases.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    signer_name: Mapped[str] = mapped_column(String(200))
    npi: Mapped[str] = mapped_column(String(10))
    signed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    template_id: Mapped[str] = mapped_column(String(200))
    template_version: Mapped[str] = mapped_column(String(64))
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    user: Mapped[str] = mapped_column(String(200))


class AuditRow(Base):
    """One hash-chained audit entry. `detail` is canonical JSON holding ids and hashes only."""

    __tablename__ = "audit_log"

    # Assigned by the writer (last id + 1) so the id is part of the hashed entry.
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    user: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64), index=True)
    case_id: Mapped[str | None] = mapped_column(String(36), index=True)
    detail: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)


class PersonRow(Base):
    """Someone who works at a desk: name, role, and optionally the OS login and a PIN hash.

    No rows: a solo office, where whoever is logged in may do everything (as before roles).
    """

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # staff | physician | admin
    login: Mapped[str | None] = mapped_column(String(200), index=True)
    npi: Mapped[str | None] = mapped_column(String(10))  # a physician's, to match prescribers
    pin_hash: Mapped[str | None] = mapped_column(String(200))  # scrypt; never the PIN
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class PracticeDocumentRow(Base):
    """Practice data every desk shares on a server: the letterhead and directories, templates.

    One JSON (or template text) document per name; `revision` makes saves optimistic, as for
    cases, so two admins' edits never silently overwrite each other.
    """

    __tablename__ = "practice_documents"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    content: Mapped[str] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    updated_by: Mapped[str] = mapped_column(String(200))


# The case list asks for "not deleted, newest first"; one index answers both.
Index("ix_cases_list", CaseRow.deleted_at, CaseRow.updated_at)
