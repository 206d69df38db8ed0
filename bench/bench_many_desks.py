"""Throughput of four desks on one PostgreSQL server: operations a second, and how many collide.

Run with `python bench/bench_many_desks.py [SECONDS]` (or `make bench`). It starts its own
throwaway server like the tests (tests/support/postgres_server.py) and runs the same desks as
tests/unit/services/test_many_desks.py, then prints what they did. Numbers depend on the
machine; compare runs on the same one.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(seconds: float = 20.0, desks: int = 4) -> dict[str, float]:
    home = Path(tempfile.mkdtemp(prefix="pa-letter-bench-home-"))
    os.environ["PA_LETTER_HOME"] = str(home)
    from tests.support.postgres_server import prepare_template, start_server
    from tests.unit.services.test_many_desks import run_desks

    server = start_server()
    try:
        prepare_template(server)
        url = server.url(server.create_database())
        started = time.perf_counter()
        records = run_desks(url, home, home, seconds, desks)
        elapsed = time.perf_counter() - started
    finally:
        server.stop()
    operations = sum(r["operations"] for r in records)
    writes = sum(len(r["writes"]) for r in records)
    result = {
        "desks": desks,
        "seconds": round(elapsed, 1),
        "operations_per_second": round(operations / seconds, 1),
        "writes_per_second": round(writes / seconds, 1),
        "audit_appends_per_second": round(sum(r["audit"] for r in records) / seconds, 1),
        "signatures": sum(len(r["signed"]) for r in records),
        "edit_conflicts": sum(r["conflicts"] for r in records),
        "refused_moves": sum(r["refused_moves"] for r in records),
    }
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 20.0)
