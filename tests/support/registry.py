"""A stand-in for E-utilities, Crossref and ClinicalTrials.gov on 127.0.0.1, answering from
recorded files (tests/golden/citations/lookups). No test reaches the real services."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from desktop_app.services import evidence_lookup

ANSWERS = Path(__file__).resolve().parents[1] / "golden" / "citations" / "lookups"


class Registry(BaseHTTPRequestHandler):
    """Answers like E-utilities, Crossref and ClinicalTrials.gov, from recorded files."""

    requests: list[str] = []  # noqa: RUF012 - shared by design: the tests read it
    delay = 0.0

    def do_GET(self) -> None:
        Registry.requests.append(self.path)
        time.sleep(Registry.delay)
        if self.path.startswith("/entrez/eutils/efetch.fcgi") and "id=17602081" in self.path:
            body, kind = (ANSWERS / "efetch-17602081.txt").read_bytes(), "text/plain"
        elif self.path.startswith("/works/10.1016%2FS1470-2045%2816%2900150-9"):
            body, kind = (ANSWERS / "crossref-heracles.json").read_bytes(), "application/json"
        elif self.path == "/api/v2/studies/NCT01926236":
            body, kind = (ANSWERS / "ctgov-NCT01926236.json").read_bytes(), "application/json"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[str]]:
    monkeypatch.setenv("PA_LETTER_CACHE", str(tmp_path / "cache"))  # each test's own cache
    server = ThreadingHTTPServer(("127.0.0.1", 0), Registry)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Registry.requests = []
    Registry.delay = 0.0
    monkeypatch.setenv(evidence_lookup.HOST_OVERRIDE, f"http://127.0.0.1:{server.server_port}")
    yield Registry.requests
    server.shutdown()
    server.server_close()


