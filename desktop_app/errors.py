"""The one exception family the core raises; each carries where the problem is and what to do."""

from __future__ import annotations

import unicodedata

# Characters a file name may hold that a terminal or a dialog would not show as themselves:
# controls (a newline splits the one line), format characters (U+202E, the right-to-left
# override, makes "letter\u202efdp.exe" read as "letterexe.pdf") and undecodable bytes.
_HIDDEN_IN_NAMES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def shown_file_name(name: str) -> str:
    """`name` as a message shows it: every invisible or reordering character as its escape
    (\\n, \\u202e), so the name reads as stored, in order, on one line."""
    if name.isprintable():
        return name
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in _HIDDEN_IN_NAMES else ch
        for ch in name
    )


class AppError(Exception):
    """A problem a user can act on. `str()` is one line, safe to show and to print.

    Never put patient data in `message` or `hint`: they may reach a log or a crash report.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        field: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.field = field
        self.line = line
        self.hint = hint

    def with_file(self, file: str | None) -> AppError:
        """This error, naming `file` if it names none yet (for raising on)."""
        self.file = self.file or file
        return self

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(shown_file_name(self.file) + (f":{self.line}" if self.line else ""))
        elif self.line:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"field '{self.field}'")
        text = (": ".join(where) + ": " if where else "") + self.message
        if self.hint:
            text += f" ({self.hint})"
        return text.replace("\n", " ")


class CaseFileError(AppError):
    """The case file cannot be used: not JSON, wrong version, wrong types or unknown fields."""


class TemplateError(AppError):
    """A letter template is malformed or failed while rendering."""


class ExportError(AppError):
    """A letter could not be written to DOCX or PDF."""


class StorageError(AppError):
    """The database or a data file could not be read or written."""


class DatabaseUnusable(StorageError):
    """The case database cannot be used at all: damaged, missing, unreadable or unreachable.

    Nothing is written meanwhile (no letter, no audit entry); the command exits 2 and the app
    names the newest good backup.
    """


class SigningError(AppError):
    """A letter could not be signed or a signature could not be checked."""


class SigningFileUnreadable(SigningError):
    """A file `sign` or `verify` was given cannot be read at all, or is far past its cap.

    Unusable input, so the command exits 2 (docs/case-format.md), unlike a letter that reads
    but is altered or unsigned (exit 1).
    """


class RenderRefused(AppError):
    """Rendering was refused because error findings stand and no override reason was given."""


class LabelFileError(AppError):
    """A drug-label file (openFDA's download) cannot be used: not JSON, or not its shape."""
