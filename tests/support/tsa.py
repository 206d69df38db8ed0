"""An RFC 3161 timestamp server on 127.0.0.1 for signing tests, built on pyHanko's own
test timestamper (DummyTimeStamper), which answers every request with a token it signs."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.support.certs import practice_authority


def _timestamper() -> object:
    from asn1crypto import cms, keys, tsp, x509
    from pyhanko.sign.timestamps import DummyTimeStamper

    # asn1crypto.tsp adds "tst_info" to the content types' names but not always to the
    # reverse table that encoding by name uses; the test timestamper encodes by name.
    assert tsp.TSTInfo is not None
    if cms.ContentType._reverse_map is not None:
        cms.ContentType._reverse_map.setdefault("tst_info", "1.2.840.113549.1.9.16.1.4")

    authority = practice_authority()
    return DummyTimeStamper(
        tsa_cert=x509.Certificate.load(authority.tsa_cert_der),
        tsa_key=keys.PrivateKeyInfo.load(authority.tsa_key_der),
        certs_to_embed=[x509.Certificate.load(authority.root_der)],
    )


class _Handler(BaseHTTPRequestHandler):
    stamper: object = None
    requests: list[bytes]

    def do_POST(self) -> None:
        from asn1crypto import tsp

        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.requests.append(body)
        answer = self.stamper.request_tsa_response(tsp.TimeStampReq.load(body))  # type: ignore[attr-defined]
        data = answer.dump()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        return  # keep test output quiet


@contextmanager
def timestamp_server() -> Iterator[tuple[str, list[bytes]]]:
    """(URL, requests received): a running server for the duration of the block."""
    received: list[bytes] = []
    handler = type("Handler", (_Handler,), {"stamper": _timestamper(), "requests": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa", received
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
