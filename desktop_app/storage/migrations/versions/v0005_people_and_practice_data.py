"""People and roles at the desks, and practice data shared through the database.

Revision ID: 0005
Revises: 0004

`people`: name, role (staff, physician, admin), optional OS login, NPI and PIN hash; empty
means a solo office with no roles. `practice_documents`: the letterhead, directories and
templates that every desk of a practice sees when they share one database server.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("login", sa.String(length=200), nullable=True),
        sa.Column("npi", sa.String(length=10), nullable=True),
        sa.Column("pin_hash", sa.String(length=200), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("name", name=op.f("uq_people_name")),
    )
    op.create_index(op.f("ix_people_login"), "people", ["login"], unique=False)
    op.create_table(
        "practice_documents",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_practice_documents")),
    )


def downgrade() -> None:
    op.drop_table("practice_documents")
    op.drop_index(op.f("ix_people_login"), table_name="people")
    op.drop_table("people")
