"""The practice's settings as data: letterhead, prescriber directory, signing, the database.

Plain pydantic models with no I/O, so letters and rules can be handed them; storage/settings.py
reads and writes them (settings.json, or the shared database's copy for a practice).
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    # defer_build: validators are built when settings are first read, not at import: most
    # of these models (certificates, the shared database) are never validated by a command.
    model_config = ConfigDict(extra="forbid", defer_build=True)


class PracticeLetterhead(_Model):
    name: str = ""
    address: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    logo_path: str | None = None

    @property
    def is_set(self) -> bool:
        """Letters print this letterhead only when it names the practice; without a name
        they print the prescriber's practice from the case (letters/render.letterhead_for)."""
        return bool(self.name.strip())


class RegisteredCertificate(_Model):
    """A physician's signing certificate an admin checked once: its fingerprint, never its key."""

    fingerprint: str  # SHA-256 of the certificate, lower-case hex
    subject: str = ""  # the certificate's common name, as it signs
    not_after: str = ""  # YYYY-MM-DD, so Settings can say when it runs out


class TrustedCertificate(_Model):
    """A root (or issuing) certificate the practice trusts to vouch for signers."""

    subject: str
    fingerprint: str
    pem: str  # the public certificate only; it holds no secret


class DirectoryPrescriber(_Model):
    """A prescriber in the practice's directory, offered when staff fill in a case."""

    name: str
    credentials: str = ""
    npi: str = ""
    tax_id: str = ""
    specialty: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    signature_image: str | None = None
    certificates: list[RegisteredCertificate] = Field(default_factory=list)


# libpq's sslmode values (postgresql.org/docs/15/libpq-ssl.html, table 34.1), safest last.
TLS_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


class SharedDatabase(_Model):
    """This desk's shared PostgreSQL database. The password is never here: it lives in the
    OS keyring (storage/desk_database.py) or in PostgreSQL's own ~/.pgpass file."""

    host: str
    port: int = Field(default=5432, ge=1, le=65535)
    database: str = "pa_letter"
    user: str
    # "require" at least: the connection carries patient data across the office network.
    tls_mode: str = "require"


class PracticeSettings(_Model):
    letterhead: PracticeLetterhead = Field(default_factory=PracticeLetterhead)
    prescribers: list[DirectoryPrescriber] = Field(default_factory=list)
    user_name: str = ""
    shared_templates_dir: str | None = None
    trusted_certificates: list[TrustedCertificate] = Field(default_factory=list)
    timestamp_url: str | None = None  # an RFC 3161 timestamp server; None: no timestamp
    # Off by default: a typed name proves nothing about who signed (issue: signer = physician).
    allow_typed_name_signatures: bool = False
    # Off by default: the practice decides whether PMIDs, DOIs and NCT numbers may be sent to
    # NCBI, Crossref and ClinicalTrials.gov to fill in a citation (never patient data).
    online_lookup: bool = False
    # None: this desk keeps its cases in the SQLite file in its data folder (a solo office).
    database: SharedDatabase | None = None


# The text of the settings that letters print, by field: the letterhead on every letter; a
# directory entry in the signature block of the letters its prescriber signs (name,
# credentials, NPI) and in the case sections it fills (the rest). Paths are dotted, as the
# Settings problems name them ("letterhead.name", "prescribers.0.npi").
LETTERHEAD_TEXT = ("name", "address", "phone", "fax", "email")
PRESCRIBER_TEXT = ("name", "credentials", "npi", "tax_id", "specialty", "phone", "fax", "email")
SIGNATURE_TEXT = ("name", "credentials", "npi")
# The one field a line break belongs in: a postal address.
MULTILINE_TEXT = frozenset({"letterhead.address"})


def letterhead_texts(letterhead: PracticeLetterhead) -> Iterator[tuple[str, str]]:
    """(path, text) of each letterhead field letters print."""
    for name in LETTERHEAD_TEXT:
        yield f"letterhead.{name}", getattr(letterhead, name)


def prescriber_texts(
    index: int, person: DirectoryPrescriber, fields: tuple[str, ...] = PRESCRIBER_TEXT
) -> Iterator[tuple[str, str]]:
    """(path, text) of each of `fields` of the directory's entry number `index`."""
    for name in fields:
        yield f"prescribers.{index}.{name}", getattr(person, name)


def printed_texts(settings: PracticeSettings) -> Iterator[tuple[str, str]]:
    """(path, text) of every settings field a letter can print."""
    yield from letterhead_texts(settings.letterhead)
    for index, person in enumerate(settings.prescribers):
        yield from prescriber_texts(index, person)
