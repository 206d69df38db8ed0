"""When a signature was made, in words: an RFC 3161 timestamp's time and server, or the
signer's own claim when there is no timestamp."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop_app.export.signing_report import when_words
from desktop_app.export.signing_trust import common_name


def timestamp_time(embedded: Any) -> dt.datetime | None:
    """The time a timestamp token states (checked by pyHanko afterwards), if there is one."""
    from pyhanko.sign.validation.generic_cms import extract_tst_data_iter

    for token in extract_tst_data_iter(embedded.signer_info, signed=False):
        info = token["encap_content_info"]["content"].parsed
        moment: dt.datetime = info["gen_time"].native
        return moment
    return None


def time_words_of(status: Any, claimed: dt.datetime | None) -> tuple[dt.datetime | None, str]:
    stamp = getattr(status, "timestamp_validity", None)
    if stamp is None:
        return claimed, (
            f"{when_words(claimed).removeprefix('on ')}, as the signer's own computer claims "
            "(no timestamp from a timestamp server)"
        )
    tsa = common_name(stamp.signing_cert)
    vouched = "vouched for" if stamp.trusted else "not vouched for (its issuer is not trusted)"
    sound = "" if stamp.intact and stamp.valid else "; the timestamp token is BROKEN"
    return stamp.timestamp, (
        f"{when_words(stamp.timestamp).removeprefix('on ')}, from an RFC 3161 timestamp by "
        f"{tsa} (the timestamp server is {vouched}){sound}"
    )
