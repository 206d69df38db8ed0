"""Filling in a bare PMID, DOI or NCT number from the public registries, when allowed.

Optional and never required: only when the practice has switched it on in Settings. Only the
identifier is sent (no patient data, no practice name, no e-mail), each answer is cached in
the cache folder so a second lookup stays on this computer, and a service that does not
answer within 5 seconds is reported as offline.

Services (documented by their owners):
- PubMed: NCBI E-utilities efetch, db=pubmed, rettype=medline, retmode=text
  (https://www.ncbi.nlm.nih.gov/books/NBK25499/), read by the MEDLINE reader.
- DOIs: Crossref REST API /works/{doi} (https://api.crossref.org/swagger-ui/index.html),
  whose "message" is CSL-JSON-shaped and read by the CSL-JSON reader.
- NCT numbers: ClinicalTrials.gov API v2 /api/v2/studies/{nctId}
  (https://clinicaltrials.gov/data-api/api), protocolSection.identificationModule.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from desktop_app import limits
from desktop_app.citations.csl_json import parse_csl_json
from desktop_app.citations.medline import parse_medline
from desktop_app.citations.names import clean_text
from desktop_app.citations.record import CitationProblem, CitationRecord
from desktop_app.errors import AppError, StorageError
from desktop_app.services.practice_data import practice_settings
from desktop_app.storage.paths import (
    cache_home,
    is_own_private_file,
    own_private_folder,
    write_private,
)

TIMEOUT_SECONDS = 5.0
MAX_ANSWER_BYTES = limits.LOOKUP_ANSWER_BYTES  # one record; anything larger is not the answer
CACHE_FOLDER = "citation-lookups"
# Tests (and a practice behind a mirror) point every service at one host with the same paths.
HOST_OVERRIDE = "PA_LETTER_LOOKUP_HOST"
HOSTS = {
    "pubmed": "https://eutils.ncbi.nlm.nih.gov",
    "crossref": "https://api.crossref.org",
    "ctgov": "https://clinicaltrials.gov",
}
USER_AGENT = "PA-Letter-Studio (citation lookup)"

Fetch = Callable[[str], bytes]


class LookupFailed(AppError):
    """The identifier could not be looked up: lookups off, offline, or not found."""


def lookup_allowed() -> bool:
    try:
        return practice_settings().online_lookup
    except AppError:
        return False


def _url(service: str, record: CitationRecord) -> str:
    host = os.environ.get(HOST_OVERRIDE, "").rstrip("/") or HOSTS[service]
    if service == "pubmed":
        query = urllib.parse.urlencode(
            {"db": "pubmed", "id": record.pmid, "rettype": "medline", "retmode": "text"})
        return f"{host}/entrez/eutils/efetch.fcgi?{query}"
    if service == "crossref":
        return f"{host}/works/{urllib.parse.quote(record.doi, safe='')}"
    return f"{host}/api/v2/studies/{urllib.parse.quote(record.nct, safe='')}"


def fetch_url(url: str) -> bytes:
    """GET with a 5 s timeout; LookupFailed in words for every network failure."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
            data: bytes = answer.read(MAX_ANSWER_BYTES + 1)
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            raise LookupFailed("the registry has no record with this identifier") from None
        raise LookupFailed(f"the registry answered with an error (HTTP {exc.code})") from None
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError):
        raise LookupFailed(
            "offline: the registry did not answer within 5 seconds; type the citation or try "
            "again later") from None
    if len(data) > MAX_ANSWER_BYTES:
        raise LookupFailed("the registry's answer is too large to be one record")
    return data


def _service(record: CitationRecord) -> tuple[str, str]:
    if record.pmid:
        return "pubmed", f"pmid-{record.pmid}"
    if record.nct:
        return "ctgov", f"nct-{record.nct}"
    if record.doi:
        digest = hashlib.sha256(record.doi.casefold().encode()).hexdigest()[:24]
        return "crossref", f"doi-{digest}"
    raise LookupFailed("there is no identifier to look up")


def _cached(name: str) -> Path | None:
    """Where a registry's answer is kept; None when the cache folder cannot be used."""
    try:
        return own_private_folder(cache_home() / CACHE_FOLDER) / name
    except StorageError:
        return None  # each look-up asks the registry, as with no cache


def _kept_answer(cache: Path | None) -> bytes | None:
    """The answer kept from an earlier look-up, if there is one that this user alone wrote."""
    if cache is None:
        return None
    try:
        with limits.open_for_reading(cache) as stream:
            if not is_own_private_file(stream):
                return None  # another user's file: ask the registry, and replace it
            data = stream.read(MAX_ANSWER_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LookupFailed(
            f"the cached copy of this record cannot be read ({exc.strerror or 'unreadable'})"
        ) from None
    if len(data) > MAX_ANSWER_BYTES:
        raise LookupFailed("the cached copy of this record is too large to be an answer")
    return data


def lookup_record(
    record: CitationRecord, *, fetch: Fetch = fetch_url, allowed: bool | None = None
) -> CitationRecord:
    """The full record for a bare identifier, from the cache or the registry.

    LookupFailed when lookups are off in Settings, offline, or the identifier is unknown.
    """
    if not record.identifier_only:
        return record
    if not (lookup_allowed() if allowed is None else allowed):
        raise LookupFailed("online lookup is off (a practice can allow it in Settings)")
    service, key = _service(record)
    cache = _cached(key + ".txt")
    kept = _kept_answer(cache)
    data = kept if kept is not None else fetch(_url(service, record))
    found = _read_answer(service, data, record)
    if kept is None and cache is not None:
        # Only after it read well: a bad answer is not kept. A full disk only costs the next
        # look-up a question to the registry.
        with contextlib.suppress(StorageError):
            write_private(cache, data)
    return replace(found, line=record.line)


def _read_answer(service: str, data: bytes, record: CitationRecord) -> CitationRecord:
    text = data.decode("utf-8", errors="replace")
    try:
        if service == "pubmed":
            found = [r for r in parse_medline(text) if r.pmid == record.pmid]
            if not found:
                raise LookupFailed("PubMed has no record with this PMID")
            return found[0]
        if service == "crossref":
            return parse_csl_json(text)[0]
        return _trial_from_ctgov(text, record)
    except CitationProblem:
        raise LookupFailed("the registry's answer could not be read") from None


def _trial_from_ctgov(text: str, record: CitationRecord) -> CitationRecord:
    try:
        study = json.loads(text)
    except json.JSONDecodeError:
        raise LookupFailed("ClinicalTrials.gov's answer could not be read") from None
    ident = (study.get("protocolSection") or {}).get("identificationModule") or {} \
        if isinstance(study, dict) else {}
    nct = clean_text(ident.get("nctId"))
    if nct and nct != record.nct:
        raise LookupFailed("ClinicalTrials.gov answered about a different trial")
    title = clean_text(ident.get("officialTitle")) or clean_text(ident.get("briefTitle"))
    return replace(record, title=title, identifier_only=False)
