"""The text of a PDF's first pages, read within a bound on what reading it costs.

pypdf extracts a page's text by running its drawing instructions (the page's content streams
and the forms they draw), in time that grows faster than their size: a 14 KB file that
decompresses to 5 MB of them took a minute on one page. A PDF dropped as a denial letter or an
article's full text comes from outside, so the instructions of the pages read are counted
first (decoded, as pypdf decodes them, each stream within pypdf's own 75 MB bound), and past
limits.PDF_TEXT_CONTENT_BYTES in all nothing more is read.
"""

from __future__ import annotations

from typing import Any

from desktop_app import limits


class TooMuchToRead(Exception):
    """The pages hold more drawing instructions than a letter's text ever needs."""


def page_texts(
    reader: Any,
    most_pages: int,
    most_bytes: int = limits.PDF_TEXT_CONTENT_BYTES,
    *,
    skip_unreadable: bool = False,
) -> list[str]:
    """The text of each of the first `most_pages` pages; TooMuchToRead past `most_bytes`.

    `skip_unreadable` gives a page that fails to read no text rather than the failure (for
    a search that any page may satisfy); the bound holds either way.
    """
    texts: list[str] = []
    left = most_bytes
    for page in reader.pages[:most_pages]:
        try:
            left -= instruction_bytes(page, left)
            if left < 0:
                raise TooMuchToRead
            texts.append(page.extract_text() or "")
        except TooMuchToRead:
            raise
        except Exception:  # a damaged page: pypdf raises many kinds
            if not skip_unreadable:
                raise
            texts.append("")
    return texts


def instruction_bytes(page: Any, enough: int) -> int:
    """The decoded size of a page's content streams and of the forms its resources hold,
    each form counted once; counting stops once past `enough`."""
    total = 0
    seen: set[int] = set()
    waiting = [page.get("/Contents"), *_forms(page.get("/Resources"))]
    while waiting and total <= enough:
        item = waiting.pop()
        found = item.get_object() if item is not None else None
        if found is None or id(found) in seen:
            continue
        seen.add(id(found))
        if isinstance(found, list):
            waiting.extend(found)
            continue
        get_data = getattr(found, "get_data", None)
        if get_data is None:
            continue
        total += len(get_data())
        if found.get("/Subtype") == "/Form":
            waiting.extend(_forms(found.get("/Resources")))
    return total


def _forms(resources: Any) -> list[Any]:
    """The form XObjects a resource dictionary names (images are not run for text)."""
    found: Any = resources.get_object() if resources is not None else None
    if not hasattr(found, "get"):
        return []
    named: Any = found.get("/XObject")
    named = named.get_object() if named is not None else None
    if not hasattr(named, "values"):
        return []
    forms = []
    for xobject in named.values():
        form = xobject.get_object()
        if hasattr(form, "get") and form.get("/Subtype") == "/Form":
            forms.append(xobject)
    return forms
