"""The log check: every entry's keyed mark, the head kept outside, and the rows the log seals.

One pass over the log, oldest first, then one over each kind of record it seals: the locked
versions, the letters' records, the practice's people, settings, lists and templates, and the
cases. The first problem found is named: an entry by number, a missing tail, a version or a
case by id, a list or the templates by what they are (never by quoting content, which may be
patient data).
"""

from __future__ import annotations

import hmac
import json
import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from desktop_app.errors import StorageError
from desktop_app.storage.audit import GENESIS_HASH, ChainReport, chain_of, row_mac
from desktop_app.storage.audit_documents import DocumentSeals, check_documents
from desktop_app.storage.audit_key import where_key_lives
from desktop_app.storage.audit_letters import LetterSeals, check_letters
from desktop_app.storage.audit_people import PeopleSeals, check_people
from desktop_app.storage.audit_practice import SettingsSeal, check_settings
from desktop_app.storage.audit_versions import VersionSeals, check_versions
from desktop_app.storage.models import AuditRow, CaseRow
from desktop_app.storage.seals import STATE_KEY, state_digest

REKEY_ACTION = "audit.rekeyed"
_UNDECODABLE = re.compile(r"Could not decode to UTF-8 column '(?P<column>[A-Za-z0-9_]+)'")


@dataclass
class _Walk:
    checked: int = 0
    last_mac: str = GENESIS_HASH
    macs: dict[int, str] = field(default_factory=dict)
    states: dict[str, str] = field(default_factory=dict)  # case id -> newest state_sha256
    versions: VersionSeals = field(default_factory=VersionSeals)
    letters: LetterSeals = field(default_factory=LetterSeals)
    people: PeopleSeals = field(default_factory=PeopleSeals)
    settings: SettingsSeal = field(default_factory=SettingsSeal)
    documents: DocumentSeals = field(default_factory=DocumentSeals)


def _bad(message: str, problem: str, checked: int, entry: int | None = None,
         case_id: str | None = None) -> ChainReport:
    return ChainReport(False, entry, message, checked, problem, case_id)


def verify(session: Session, *, against_head: bool = True) -> ChainReport:
    """Walk the chain oldest first; report the first entry, tail, version or case that fails.

    `against_head=False` checks a backup, which is older than the head kept outside by design.
    """
    chain = chain_of(session)
    has_entries = session.scalar(select(AuditRow.id).limit(1)) is not None
    key = chain.key()
    if key is None:
        if has_entries:
            return _bad(f"the audit log's key is missing ({where_key_lives()}), so no entry "
                        "can be checked", "key", 0)
        return ChainReport(True, None, intact_words(0), 0)
    walk = _Walk()
    rows = (_check_versions, _check_letters, _check_practice, _check_cases)
    checks = (_walk_entries, _check_head, *rows) if against_head else (_walk_entries, *rows)
    for check in checks:
        try:
            found = check(session, key, walk)
        except OperationalError as exc:
            found = _unreadable(session, exc, walk)
        except ValueError:
            found = _damaged_time(session, walk)
        if found is not None:
            return found
    return ChainReport(True, None, intact_words(walk.checked), walk.checked)


def intact_words(count: int) -> str:
    """'the one audit entry is intact', 'all 12 audit entries are intact'; an empty log says so."""
    if count == 0:
        return "the audit log has no entries yet"
    if count == 1:
        return "the one audit entry is intact"
    return f"all {count} audit entries are intact"


def _walk_entries(session: Session, key: bytes, walk: _Walk) -> ChainReport | None:
    expected_id = 1
    for row in session.scalars(select(AuditRow).order_by(AuditRow.id)).yield_per(1000):
        if row.id != expected_id:
            return _bad(f"audit entry {expected_id} is missing", "entry", walk.checked, row.id)
        if row.prev_hash != walk.last_mac:
            return _bad(f"audit entry {row.id} does not follow the entry before it", "entry",
                        walk.checked, row.id)
        expected = row_mac(key, row)
        if expected is None or not hmac.compare_digest(expected, row.entry_hash):
            return _bad(f"audit entry {row.id} was altered", "entry", walk.checked, row.id)
        detail = json.loads(row.detail)
        if row.action == REKEY_ACTION and detail.get("legacy_intact") is False:
            first = detail.get("legacy_first_bad")
            return _bad(f"the entries written before the upgrade were already broken at entry "
                        f"{first} when the log was re-keyed (entry {row.id})", "entry",
                        walk.checked, int(first) if isinstance(first, int) else row.id)
        _collect(row, detail, walk)
        walk.last_mac = row.entry_hash
        walk.macs[row.id] = row.entry_hash
        walk.checked += 1
        expected_id += 1
    return None


def _unreadable(session: Session, exc: OperationalError, walk: _Walk) -> ChainReport:
    """A stored value that is not text any more: named by case and column, never quoted."""
    from desktop_app.storage.case_list import undecodable_case_ids

    found = _UNDECODABLE.search(str(exc.orig))
    column = found["column"] if found else "a column"
    damaged: list[str] = []
    if found:
        # A session of its own: the failed read may have ended this one's transaction.
        with Session(session.get_bind()) as other:
            damaged = undecodable_case_ids(other, column)
    if damaged:
        return _bad(f"case {damaged[0][:36]} has a damaged value in {column}", "case",
                    walk.checked, case_id=damaged[0])
    return _bad(f"a stored value in {column} is damaged (an audit entry or a version)",
                "entry", walk.checked, walk.checked + 1)


def _damaged_time(session: Session, walk: _Walk) -> ChainReport:
    """A time SQLAlchemy could not read: named by its row, in a session of its own."""
    from desktop_app.storage.damaged_times import damaged_time_words, first_damaged_time

    session.rollback()
    with Session(session.get_bind()) as other:
        found = first_damaged_time(other)
    if found is None:
        return _bad("a stored value is damaged (an audit entry, a case or a record)", "entry",
                    walk.checked, walk.checked + 1)
    table, row_id, _column = found
    entry = int(row_id) if table == "audit_log" and row_id.isdigit() else None
    case_id = row_id if table == "cases" else None
    problem = {"audit_log": "entry", "cases": "case"}.get(table, "letter")
    return _bad(damaged_time_words(found), problem, walk.checked, entry, case_id)


def _collect(row: AuditRow, detail: dict[str, object], walk: _Walk) -> None:
    if row.case_id is None:
        walk.people.collect(row, detail)
        walk.settings.collect(row, detail)
        walk.documents.collect(row, detail)
        return
    walk.letters.collect(row, detail)
    state = detail.get(STATE_KEY)
    if isinstance(state, str):
        walk.states[row.case_id] = state
    walk.versions.collect(row, detail)


def _check_head(session: Session, key: bytes, walk: _Walk) -> ChainReport | None:
    audit_chain = chain_of(session)
    try:
        head = audit_chain.head_file.read(key)
    except StorageError as exc:
        return _bad(exc.message, "head", walk.checked)
    if head is None or head.count == 0:
        if head is None and audit_chain.local and walk.checked:
            return _bad("the record of how long the audit log was is missing, so deleted "
                        "newest entries could not be found", "head", walk.checked)
        return None
    if head.count > walk.checked:
        missing = head.count - walk.checked
        return _bad(f"the newest {missing} audit entr{'y is' if missing == 1 else 'ies are'} "
                    f"missing: the log ends at entry {walk.checked}, but entry {head.count} "
                    "was recorded", "tail", walk.checked, walk.checked + 1)
    if not hmac.compare_digest(walk.macs.get(head.count, ""), head.mac):
        return _bad(f"audit entry {head.count} is not the one that was recorded", "tail",
                    walk.checked, head.count)
    return None


def _check_versions(session: Session, key: bytes, walk: _Walk) -> ChainReport | None:
    return _case_break(check_versions(session, walk.versions), "version", walk)


def _check_practice(session: Session, key: bytes, walk: _Walk) -> ChainReport | None:
    found = check_people(session, walk.people)
    if found is not None:
        return _bad(found, "person", walk.checked)
    found = check_settings(session, walk.settings)
    if found is not None:
        return _bad(found, "settings", walk.checked)
    document = check_documents(session, walk.documents)
    return None if document is None else _bad(*document, walk.checked)


def _check_letters(session: Session, key: bytes, walk: _Walk) -> ChainReport | None:
    return _case_break(check_letters(session, walk.letters), "letter", walk)


def _case_break(found: tuple[str, str] | None, kind: str, walk: _Walk) -> ChainReport | None:
    """The report of a record pass's first break (its words and the case), or None."""
    if found is None:
        return None
    message, case_id = found
    return _bad(message, kind, walk.checked, case_id=case_id)


def _check_cases(session: Session, key: bytes, walk: _Walk) -> ChainReport | None:
    for row in session.scalars(select(CaseRow).order_by(CaseRow.id)).yield_per(500):
        sealed = walk.states.get(row.id)
        if sealed is None:
            return _bad(f"case {row.id[:36]} has no fingerprint in the audit log", "case",
                        walk.checked, case_id=row.id)
        if sealed != state_digest(row):
            return _bad(f"case {row.id[:36]} was changed outside the app", "case",
                        walk.checked, case_id=row.id)
    return None
