"""Initial layout: cases, locked case versions, letter exports and the audit log.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("patient_name", sa.String(200), nullable=False),
        sa.Column("drug_name", sa.String(200), nullable=False),
        sa.Column("payer_name", sa.String(200), nullable=False),
        sa.Column("letter_kind", sa.String(16), nullable=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("parent_case_id", sa.String(36), nullable=True),
        sa.ForeignKeyConstraint(
            ["parent_case_id"], ["cases.id"], name="fk_cases_parent_case_id_cases"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_cases"),
    )
    op.create_index("ix_cases_status", "cases", ["status"])
    op.create_table(
        "case_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("data_sha256", sa.String(64), nullable=False),
        sa.Column("locked_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("user", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_case_versions_case_id_cases"),
        sa.PrimaryKeyConstraint("id", name="pk_case_versions"),
        sa.UniqueConstraint("case_id", "version", name="uq_case_versions_case_id_version"),
    )
    op.create_index("ix_case_versions_case_id", "case_versions", ["case_id"])
    op.create_table(
        "letter_exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("case_version", sa.Integer(), nullable=False),
        sa.Column("exported_at", sa.DateTime(), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("template_id", sa.String(200), nullable=False),
        sa.Column("template_version", sa.String(64), nullable=False),
        sa.Column("template_hash", sa.String(64), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("user", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_letter_exports_case_id_cases"),
        sa.PrimaryKeyConstraint("id", name="pk_letter_exports"),
    )
    op.create_index("ix_letter_exports_case_id", "letter_exports", ["case_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(200), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("entry_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        sa.UniqueConstraint("entry_hash", name="uq_audit_log_entry_hash"),
    )
    op.create_index("ix_audit_log_action", "audit_log", ["action"])
    op.create_index("ix_audit_log_case_id", "audit_log", ["case_id"])


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("letter_exports")
    op.drop_table("case_versions")
    op.drop_table("cases")
