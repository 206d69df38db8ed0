"""People rows: who works at the desks, their role, and a PIN hash (scrypt, never the PIN).

The PIN hash is scrypt (RFC 7914, Python's hashlib) with a random 16-byte salt, stored as
`scrypt$n$r$p$salt$hash` so the cost can be raised later without breaking older hashes.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.errors import StorageError
from desktop_app.storage.models import PersonRow

ROLES = ("staff", "physician", "admin")
# OWASP's scrypt floor (N=2^17, r=8, p=1) costs 128 MiB and ~0.3 s; a desk PIN guards a
# workstation already behind the OS login, so N=2^15 (32 MiB, ~0.1 s) is the balance here.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1


@dataclass(frozen=True, slots=True)
class PersonRecord:
    id: int
    name: str
    role: str
    login: str | None
    npi: str | None
    has_pin: bool
    active: bool


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                            maxmem=64 * 1024 * 1024, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        again = hashlib.scrypt(pin.encode("utf-8"), salt=base64.b64decode(salt), n=int(n),
                               r=int(r), p=int(p), maxmem=256 * 1024 * 1024, dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(again, base64.b64decode(digest))


def _record(row: PersonRow) -> PersonRecord:
    return PersonRecord(row.id, row.name, row.role, row.login, row.npi, bool(row.pin_hash),
                        row.active)


def people(session: Session, include_inactive: bool = False) -> list[PersonRecord]:
    query = select(PersonRow).order_by(PersonRow.name)
    if not include_inactive:
        query = query.where(PersonRow.active.is_(True))
    return [_record(row) for row in session.scalars(query)]


def any_people(session: Session) -> bool:
    found = session.scalar(select(PersonRow.id).where(PersonRow.active.is_(True)).limit(1))
    return found is not None


def find(session: Session, person_id: int) -> PersonRow:
    row = session.get(PersonRow, person_id, with_for_update=bool(session.info.get("writing")))
    if row is None:
        raise StorageError("no such person in the practice's list", field=f"person {person_id}")
    return row


def pin_hash_of(session: Session, person_id: int) -> str | None:
    return find(session, person_id).pin_hash


def upsert(session: Session, *, name: str, role: str, login: str | None, npi: str | None,
           pin: str | None, person_id: int | None = None) -> PersonRecord:
    if role not in ROLES:
        raise StorageError(f"unknown role {role[:20]!r}", field="role",
                           hint="use one of: " + ", ".join(ROLES))
    row = find(session, person_id) if person_id is not None else None
    clash = session.scalar(select(PersonRow).where(PersonRow.name == name))
    if clash is not None and (row is None or clash.id != row.id):
        raise StorageError("someone with that name is already in the list", field="name",
                           hint="add a middle initial or credentials to tell them apart")
    if row is None:
        row = PersonRow(name=name, role=role, active=True)
        session.add(row)
    row.name, row.role, row.login, row.npi = name, role, login or None, npi or None
    row.active = True
    if pin is not None:
        row.pin_hash = hash_pin(pin) if pin else None
    row.updated_at = dt.datetime.now(dt.UTC)
    session.flush()
    return _record(row)


def deactivate(session: Session, person_id: int) -> None:
    """Kept (their name stays on audit entries and signatures), but no longer signs in."""
    row = find(session, person_id)
    row.active = False
    row.updated_at = dt.datetime.now(dt.UTC)
