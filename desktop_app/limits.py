"""Every size limit on what the app reads, in one place, and the one way files are read.

Each cap is taken from the largest realistic input and set well above it, so a real office
never meets one, while a corrupted file, `/dev/zero` or a pasted novel stops at once with a
message that names the cap instead of exhausting memory. docs/case-format.md ("Limits")
gives the reasoning users see; the case model's own limits are in domain/bounds.py and
the domain/case*.py modules.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from desktop_app.errors import AppError

KB = 1024
MB = 1024 * KB

# -- files -----------------------------------------------------------------------------------
# A case file holds text and file paths, never attachments' bytes: the examples are 2-5 kB and
# a case with 200 fully typed evidence items is about 1 MB.
CASE_FILE_BYTES = 5 * MB
# A letter template is a few kB; the largest built-in is under 20 kB.
TEMPLATE_FILE_BYTES = 1 * MB
# A PKCS#12 file holds a key and a short chain: a few kB.
CERTIFICATE_FILE_BYTES = 1 * MB
# A password file holds one line.
PASSWORD_FILE_BYTES = 64 * KB
# A letter to sign or a signed PDF to verify may be a packet with scanned records.
PDF_FILE_BYTES = 100 * MB
# An attachment is one scanned document (pathology report, chart notes).
ATTACHMENT_FILE_BYTES = 50 * MB
# A letterhead logo or signature image: real ones are a few hundred kB.
IMAGE_FILE_BYTES = 10 * MB
# A picture attached to a packet (a scanned page, a phone photo), counted before it is decoded
# (export/pictures.py): a Letter page scanned in colour at 600 dpi is 34 million pixels, a
# 48-megapixel phone photo 48 million. Decoded, 60 million pixels hold 180 MB.
ATTACHMENT_IMAGE_PIXELS = 60_000_000
# ... and is kept no finer than 300 dpi on a Letter page (11 in): a fax sends 200.
ATTACHMENT_IMAGE_SIDE = 3300
# A denial letter dropped on the app (a PDF with a text layer, or a text file), kept with the
# case as an attachment: a notice is 2-10 pages, a faxed PDF of it well under 1 MB.
DENIAL_LETTER_FILE_BYTES = 25 * MB
# A citation file (MEDLINE, RIS, BibTeX, CSL-JSON, CSV): PubMed's largest "Send to: Citation
# manager" batch (10,000 records with abstracts) is about 30 MB, but the readers stop at 500
# records anyway (citations/record.py), so 20 MB is ample and keeps a drop instant.
CITATION_FILE_BYTES = 20 * MB
# One record as PubMed, Crossref or ClinicalTrials.gov answers a lookup (and its cached copy):
# the longest are tens of kB.
LOOKUP_ANSWER_BYTES = 2 * MB
# The app's own ICD-10-CM index cache: about 8 MB for the 2025 code set, with room to grow.
ICD10_CACHE_BYTES = 64 * MB
# An openFDA drug-label file for `drugs check-updates`: the API's answer or a .json.zip of it.
LABEL_FILE_BYTES = 300 * MB
# The .json inside a .zip, checked against the sizes the .zip declares before anything is
# unpacked, and read in pieces no further than that. The update an office runs is the API's
# answer for its drugs (api.fda.gov/drug/label.json, at most 1,000 records a query): a query
# by generic name is a few MB, and 1,000 long oncology labels (100-200 kB each) stay under this.
# A whole bulk-download part does not fit, and is not meant to: openFDA's download index
# (api.fda.gov/download.json) lists parts of 20,000 labels at 128-143 MB zipped (2026 export,
# as quoted, not checked here), which unpack to several times that, and reading one whole
# would take gigabytes of memory on a front-desk PC. The message says to query the API instead.
LABEL_JSON_BYTES = 256 * MB
# Unpacked bytes per packed byte of that .json. Label text deflates about 5-10 to 1; a zip bomb
# (a run of one byte) about 1,000 to 1. Only a member over LABEL_RATIO_FROM is judged this way:
# a tiny file of repeated text may pack tighter and is harmless.
LABEL_ZIP_RATIO = 100
LABEL_RATIO_FROM = 1 * MB
# The practice's settings file, and an admin's copy of a reference data file.
SETTINGS_FILE_BYTES = 1 * MB
REFERENCE_FILE_BYTES = 10 * MB  # also a drug catalog file: the built-in ones are under 300 kB

# A practice-wide list kept beside the practice's templates (the payer directory, the practice
# regimens) and a payer list imported from a spreadsheet as CSV: a directory of 2,000 plans at
# about 1 kB each is 2 MB, and a regimen with its evidence a few kB.
PRACTICE_LIST_BYTES = 10 * MB

# The app's own small records in its data folder: the audit log's head, the installation's
# audit key, notes on .part files. Each is under 1 kB; a recovery file holds one case and takes
# the case file cap.
APP_RECORD_BYTES = 1 * MB

# -- a denial letter's text -------------------------------------------------------------------
# Pasted, extracted from the PDF or read from the text file. A notice with the plan's policy
# appended runs to 30,000 characters; the reader proposes values in under a second well past
# that. The pages read from a PDF are capped first, so a packet of scanned records costs nothing.
DENIAL_LETTER_CHARS = 200_000
DENIAL_LETTER_PAGES = 30
# The drawing instructions read for a PDF's text, all pages together (export/pdf_page_text.py).
# pypdf's text extraction takes time that grows faster than a page's instructions (3 s for
# 1.3 MB, a minute for 5 MB, from a 14 KB file). A letter's page holds 5 to 50 KB of them, so a
# 30-page denial is well under this; past it the PDF is refused in a few seconds.
PDF_TEXT_CONTENT_BYTES = 2 * MB

# -- JSON (checked before the parser runs: Python's own limits end in a traceback) ----------
# A case file is four levels deep (case > evidence > item > authors).
JSON_DEPTH = 16
# Characters in one JSON number: an amount like 123456.78 has 9.
JSON_NUMBER_CHARS = 40

# -- text in the PDF ----------------------------------------------------------------------------
# A "word" longer than this (no spaces: a pasted hash, a URL, a run of one key) is cut into
# pieces before reportlab lays it out; reportlab breaks one long word in quadratic time.
PDF_WORD_CHARS = 120
PDF_WORD_PIECE = 60
# A paragraph longer than this is laid out in pieces (export/pdf_chunks.py): reportlab breaks
# one paragraph across pages in time that grows with the square of its length.
PDF_PARAGRAPH_CHARS = 3_000  # most of a page: a typed paragraph of 500 words stays whole


def size_words(limit: int) -> str:
    """'1 GB', '5 MB', '64 kB', '1 byte': how a cap is said in a message."""
    if limit >= 1024 * MB and limit % (1024 * MB) == 0:
        return f"{limit // (1024 * MB)} GB"
    if limit >= MB and limit % MB == 0:
        return f"{limit // MB} MB"
    if limit >= KB and limit % KB == 0:
        return f"{limit // KB} kB"
    return f"{limit} byte{'s' if limit != 1 else ''}"


def read_bounded(
    path: Path,
    cap: int,
    *,
    what: str,
    error: type[AppError] = AppError,
    shown: str | None = None,
    unreadable: str = "cannot read {what} ({reason})",
    too_large: str = "the file is too large to be {what} (over {cap})",
) -> bytes:
    """The bytes of `path`, read no further than `cap`; `error` naming the file otherwise.

    `what` says what the file should be ("a case file"). Reading stops one byte past the cap,
    so `/dev/zero` or a 10 GB file costs nothing, and a FIFO with no writer cannot block the
    open. `shown` is the file name the message gives (default: the path as given);
    `unreadable` and `too_large` word the two refusals ({what}, {reason}, {cap}).
    """
    name = str(path) if shown is None else shown
    try:
        with open_for_reading(Path(path)) as handle:
            data = _read_upto(handle, cap + 1)
    except OSError as exc:
        reason = exc.strerror or "unreadable"
        raise error(unreadable.format(what=what, reason=reason), file=name) from None
    if len(data) > cap:
        raise error(too_large.format(what=what, cap=size_words(cap)), file=name)
    return data


def refuse_unreadable_save(data: bytes, cap: int, *, what: str, error: type[AppError] = AppError,
                           file: str | None = None) -> None:
    """Refuse to keep `data` when it is over the cap its reader holds it to.

    A list saved over the cap could never be opened again (read_bounded refuses it), so an
    import that made it so large would lock the practice out of everything it held before.
    """
    if len(data) > cap:
        raise error(f"{what} would be over {size_words(cap)}, more than the app opens again; "
                    "nothing was saved", file=file,
                    hint="import fewer rows, or remove entries that are no longer used")


def without_byte_order_mark(data: bytes) -> bytes:
    """A UTF-8 file's bytes without the byte order mark Notepad and Excel write first.

    JSON readers call the mark damage "at line 1 column 1", so an admin who fixed a settings
    or data file in Notepad would find it refused, and the app back on its defaults.
    """
    return data.removeprefix(codecs.BOM_UTF8)


def read_capped(path: Path, cap: int) -> bytes | None:
    """The bytes of `path`, or None when it holds more than `cap` (read no further).

    OSError, FileNotFoundError included, reaches the caller: the app's own records tell a
    file that was never written from one that cannot be read.
    """
    with open_for_reading(Path(path)) as handle:
        data = _read_upto(handle, cap + 1)
    return data if len(data) <= cap else None


def _read_upto(handle: BinaryIO, most: int) -> bytes:
    """At most `most` bytes of `handle`, setting aside no more memory than a file needs.

    `read(most)` sets aside all `most` bytes before it reads one: 300 MB for a 2 MB label
    file. A regular file's size says how much to ask for (one that grew meanwhile is read on
    to `most`); a device or pipe tells nothing, and is read as before.
    """
    try:
        status = os.fstat(handle.fileno())
    except (OSError, AttributeError, io.UnsupportedOperation):
        status = None
    if status is None or not stat.S_ISREG(status.st_mode):
        return handle.read(most)
    expected = min(status.st_size + 1, most)
    data = handle.read(expected)
    if len(data) < expected or len(data) == most:
        return data
    return data + handle.read(most - len(data))


@contextlib.contextmanager
def open_for_reading(path: Path) -> Iterator[BinaryIO]:
    """Open a file to read, never blocking on the open itself (a FIFO, a stalled device)."""
    # O_NONBLOCK only for the open itself: a FIFO with no writer would otherwise wait forever.
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    flags = os.O_RDONLY | nonblocking | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if nonblocking:
            os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        yield handle
