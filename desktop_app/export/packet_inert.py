"""An attached page goes into a packet with everything it shows and nothing a reader would run.

Records staff attach come from anywhere (a hospital portal, a patient's e-mail, another
practice's fax server), and the packet goes to a payer under the practice's name. pypdf keeps
an attached page's annotations when it places the page, and with them their actions: a link
or form field may run JavaScript, launch a program, open a web address or submit a form when
the payer's reviewer opens the packet, which a payer's mail filter may also refuse. So each
attached page keeps its annotations' appearance (filled-in fields, stamps, highlights, notes,
as they are seen) and loses every action, internal link and embedded content:

- `/A` (a link's or field's action) and `/AA` (actions on opening, focus, keystrokes...);
- `/Dest` (a link to a page of the attached file, which the packet does not hold as such);
- whole annotations whose content is not on the page: an embedded file, sound, video, a 3D
  model, rich media (ISO 32000-1 section 12.5.6).

The document-level actions of an attached file (its /OpenAction, its named JavaScript) never
reach the packet: only pages are placed.
"""

from __future__ import annotations

from typing import Any, Final

ACTION_KEYS: Final = ("/A", "/AA", "/Dest")
CONTENT_ELSEWHERE: Final = frozenset(
    {"/FileAttachment", "/Sound", "/Movie", "/Screen", "/RichMedia", "/3D"}
)


def without_actions(page: Any) -> int:
    """Strip an attached page's annotations as above, before it is placed (what is removed is
    then never copied into the packet); how many actions or annotations went."""
    from pypdf.generic import ArrayObject, NameObject

    listed = page.get("/Annots")
    annotations = listed.get_object() if listed is not None else None
    if not isinstance(annotations, ArrayObject):
        return 0
    kept, removed = ArrayObject(), 0
    for entry in annotations:
        annotation = entry.get_object()
        if not hasattr(annotation, "get"):
            removed += 1  # not an annotation at all
            continue
        if annotation.get("/Subtype") in CONTENT_ELSEWHERE:
            removed += 1
            continue
        for key in ACTION_KEYS:
            if key in annotation:
                del annotation[key]
                removed += 1
        kept.append(entry)
    if kept:
        page[NameObject("/Annots")] = kept
    else:
        del page["/Annots"]
    return removed
