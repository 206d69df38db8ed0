"""One busy desk, as a process: creates, edits, moves, signs and logs cases for a while.

Run as `python -m tests.support.desk_worker NAME SECONDS CASE_IDS_FILE OUT_FILE` with
PA_LETTER_DB_URL naming the shared database. Every write that succeeded is written to OUT_FILE
(JSON) with the revision the store gave it, so the test can prove afterwards that no write was
lost: each case's revisions are unique across desks and add up to its final revision. The
desks share a few cases on purpose, so they collide; a collision must come back as
EditConflict (or as a refused move), never as a silent overwrite. Also used by bench/.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from desktop_app.errors import StorageError
from desktop_app.services import audit
from desktop_app.services.cases import (
    CaseLocked,
    CaseStore,
    EditConflict,
    StoredCase,
    next_statuses,
    open_case_store,
)
from desktop_app.storage.case_rows import case_json
from tests.unit.storage.sample import sample_case

OPERATIONS = ("edit", "edit", "edit", "edit", "status", "status", "create", "audit")


class Desk:
    def __init__(self, name: str, store: CaseStore, shared: list[str]) -> None:
        self.name = name
        self.store = store
        self.cases = list(shared)
        self.rng = random.Random(name)
        self.count = 0
        self.record: dict[str, Any] = {
            "writes": [],  # [case id, revision, kind, token or None]
            "signed": [],  # [case id, version, sha256 of the content signed]
            "created": [],
            "conflicts": 0,
            "refused_moves": 0,
            "audit": 0,
            "operations": 0,
        }

    def _wrote(self, stored: StoredCase, kind: str, token: str | None = None) -> None:
        self.record["writes"].append([stored.id, stored.revision, kind, token])

    def run(self, seconds: float) -> dict[str, Any]:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            getattr(self, self.rng.choice(OPERATIONS))()
            self.record["operations"] += 1
        return self.record

    def _pick(self) -> str:
        return self.rng.choice(self.cases)

    def create(self) -> None:
        stored = self.store.create_case(sample_case(patient=f"Desk {self.name} Fictional"))
        self.cases.append(stored.id)
        self.record["created"].append(stored.id)
        self._wrote(stored, "create")

    def audit(self) -> None:
        audit.record("letter.rendered", detail={"desk": self.name, "n": self.count})
        self.count += 1
        self.record["audit"] += 1

    def edit(self) -> None:
        stored = self.store.get_case(self._pick())
        if stored.locked:
            self._new_version(stored.id)
            return
        self.count += 1
        token = f"{self.name}-{self.count}"
        case = stored.case
        case.off_label.rationale = f"Typed at desk {token}."
        time.sleep(self.rng.random() * 0.004)  # the typing pause in which another desk saves
        try:
            saved = self.store.save_case(stored.id, case, stored.revision)
        except EditConflict as conflict:
            # Reported, with the newer version in hand: nothing was overwritten.
            assert conflict.current.revision > stored.revision
            self.record["conflicts"] += 1
            return
        except CaseLocked:
            self.record["conflicts"] += 1  # another desk signed it meanwhile
            return
        self._wrote(saved, "save", token)

    def _new_version(self, case_id: str) -> None:
        try:
            self._wrote(self.store.new_version(case_id), "new_version")
        except StorageError:
            self.record["refused_moves"] += 1  # another desk started it first

    def status(self) -> None:
        stored = self.store.get_case(self._pick())
        forward = [s for s in next_statuses(stored.status) if s != "draft"]
        if not forward:
            if stored.locked:
                self._new_version(stored.id)
            return
        target = self.rng.choice(forward)
        try:
            moved = self.store.set_status(stored.id, target)
        except StorageError:
            self.record["refused_moves"] += 1  # another desk moved it first: said, not lost
            return
        self._wrote(moved, f"status:{target}")
        if target == "signed":
            version = moved.version
            digest = hashlib.sha256(case_json(moved.case).encode("utf-8")).hexdigest()
            self.store.record_signature(
                moved.id, signer_name="Dr. Ada Fictional", npi="1234567893",
                template_id="offlabel-preauth", template_version="1",
                pdf_sha256=hashlib.sha256(token_bytes(moved.id, version)).hexdigest(),
                version=version,
            )
            self.record["signed"].append([moved.id, version, digest])


def token_bytes(case_id: str, version: int) -> bytes:
    return f"{case_id}:{version}".encode()


def main(argv: list[str]) -> int:
    name, seconds, shared_file, out_file = argv
    shared = json.loads(Path(shared_file).read_text("utf-8"))
    with open_case_store() as store:
        record = Desk(name, store, shared).run(float(seconds))
    Path(out_file).write_text(json.dumps(record), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
