"""The case search also finds member IDs, Medicare numbers, denial references and birth dates.

Revision ID: 0003
Revises: 0002

No schema change: `cases.search_text` is filled again from each case's JSON. The rule is
copied here, not imported, so this migration keeps doing what it did when later code changes.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

_cases = sa.table(
    "cases",
    sa.column("id", sa.String),
    sa.column("data", sa.Text),
    sa.column("patient_name", sa.String),
    sa.column("drug_name", sa.String),
    sa.column("payer_name", sa.String),
    sa.column("search_text", sa.Text),
)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _search_text(row: Any) -> str:
    lines = [row.patient_name or "", row.drug_name or "", row.payer_name or ""]
    try:
        data = json.loads(row.data)
    except (TypeError, ValueError):
        data = {}
    data = data if isinstance(data, dict) else {}

    def section(name: str) -> dict[str, Any]:
        found = data.get(name)
        return found if isinstance(found, dict) else {}

    for identifier in (_text(section("payer").get("member_id")),
                       _text(section("patient").get("mbi")),
                       _text(section("denial").get("reference_number"))):
        if identifier:
            lines.append(identifier)
            compact = identifier.replace("-", "").replace(" ", "")
            if compact != identifier:
                lines.append(compact)
    try:
        dob = dt.date.fromisoformat(_text(section("patient").get("dob")))
    except ValueError:
        dob = None
    if dob is not None:
        lines += [dob.isoformat(), dob.strftime("%m/%d/%Y")]
    return "\n".join(lines).casefold()


def _fill(make_text: Any) -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(_cases.c.id, _cases.c.data, _cases.c.patient_name, _cases.c.drug_name,
                  _cases.c.payer_name)
    ).all()
    for row in rows:
        bind.execute(
            _cases.update().where(_cases.c.id == row.id).values(search_text=make_text(row))
        )


def upgrade() -> None:
    _fill(_search_text)


def downgrade() -> None:
    # Back to what revision 0002 searched: patient, drug and payer.
    _fill(lambda row: "\n".join(
        (row.patient_name or "", row.drug_name or "", row.payer_name or "")
    ).casefold())
