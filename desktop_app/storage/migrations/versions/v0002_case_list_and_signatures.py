"""Case list at scale (search column, appeal due date, list index) and physicians' signatures.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

_cases = sa.table(
    "cases",
    sa.column("id", sa.String),
    sa.column("patient_name", sa.String),
    sa.column("drug_name", sa.String),
    sa.column("payer_name", sa.String),
    sa.column("search_text", sa.Text),
)


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("appeal_due", sa.Date(), nullable=True))
        batch.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    _fill_search_text()
    with op.batch_alter_table("cases") as batch:
        batch.alter_column("search_text", server_default=None)
    op.create_index("ix_cases_appeal_due", "cases", ["appeal_due"])
    op.create_index("ix_cases_list", "cases", ["deleted_at", "updated_at"])
    op.create_index("ix_cases_parent_case_id", "cases", ["parent_case_id"])
    op.create_table(
        "signatures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("signer_name", sa.String(200), nullable=False),
        sa.Column("npi", sa.String(10), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("template_id", sa.String(200), nullable=False),
        sa.Column("template_version", sa.String(64), nullable=False),
        sa.Column("pdf_sha256", sa.String(64), nullable=False),
        sa.Column("user", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_signatures_case_id_cases"),
        sa.PrimaryKeyConstraint("id", name="pk_signatures"),
    )
    op.create_index("ix_signatures_case_id", "signatures", ["case_id"])


def _fill_search_text() -> None:
    # Case-folded in Python: SQLite's lower() folds ASCII only, and names are not all ASCII.
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(_cases.c.id, _cases.c.patient_name, _cases.c.drug_name, _cases.c.payer_name)
    ).all()
    for row in rows:
        text = "\n".join((row.patient_name, row.drug_name, row.payer_name)).casefold()
        bind.execute(_cases.update().where(_cases.c.id == row.id).values(search_text=text))


def downgrade() -> None:
    op.drop_table("signatures")
    op.drop_index("ix_cases_parent_case_id", "cases")
    op.drop_index("ix_cases_list", "cases")
    op.drop_index("ix_cases_appeal_due", "cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("search_text")
        batch.drop_column("appeal_due")
