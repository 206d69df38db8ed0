"""The first problem pydantic found in a file or a form, in the words our errors give.

Every reader of a stored or imported file names the field at fault the same way: the dotted
path of the first error ("payers.3.pa_fax"), or None when the whole document is wrong.
Only pydantic's message is used, never its `input`, which would quote what the file holds
(patient data).
"""

from __future__ import annotations

from pydantic import ValidationError


def first_problem(exc: ValidationError) -> tuple[str, str | None]:
    """(message, dotted path of the field or None) of the first error in `exc`."""
    err = exc.errors()[0]
    return err["msg"], ".".join(str(part) for part in err["loc"]) or None
