"""A signed PDF whose signature is made again over a different /ByteRange, as a signer's own
software could write it: the digest matches, but the ranges leave part of the file out."""

from __future__ import annotations

import asyncio
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from tests.support.certs import PASSWORD

Ranges = list[int]


def resigned_over(data: bytes, p12: Path, ranges: Callable[[Ranges, int], Ranges]) -> bytes:
    """The last signature's /ByteRange replaced by `ranges(old, file length)`, then signed
    again with `p12` over exactly those bytes (the new range text fits the old one's room)."""
    from pyhanko.sign import signers

    found = list(re.finditer(rb"/ByteRange\s*\[([^\]]*)\] *", data))[-1]
    old = [int(v) for v in found.group(1).split()]
    new = ranges(old, len(data))
    text = b"/ByteRange [" + b" ".join(str(v).encode() for v in new) + b"]"
    room = len(found.group(0))
    assert len(text) <= room
    data = data[: found.start()] + text + b" " * (room - len(text)) + data[found.end() :]
    digest = hashlib.sha256()
    for start, length in zip(new[::2], new[1::2], strict=True):
        digest.update(data[start : start + length])
    signer = signers.SimpleSigner.load_pkcs12(str(p12), passphrase=PASSWORD)
    assert signer is not None
    signed = asyncio.run(signer.async_sign(digest.digest(), "sha256", use_pades=True))
    value = signed.dump().hex().encode()
    hole_start, hole_end = old[1], old[2]  # where the signature's hex string sits
    space = hole_end - hole_start - 2
    assert len(value) <= space
    return data[: hole_start + 1] + value + b"0" * (space - len(value)) + data[hole_end - 1 :]
