"""Which blocks print on the same page as what follows them: one rule for both exporters.

Page economy (a fax page costs the office and the reader): no page may hold only the
references or only the signature. So
- the paragraph before the closing ("Sincerely,") stays with it, and the closing with the
  signature: the signature never starts a page alone;
- a signature followed by the references stays with their heading and first reference, so
  the references never start a page alone;
- in the references, the first two and the last two stay together (widow and orphan
  control, as for a paragraph's lines).
Headings keep with the next block through their style (letter_look).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop_app.letters import document as doc


@dataclass(frozen=True, slots=True)
class Keep:
    """For one block: keep its end with the next block; list items kept with the next item."""

    with_next: bool = False
    items_with_next: frozenset[int] = field(default_factory=frozenset)


def _is_closing(block: doc.Block) -> bool:
    return isinstance(block, doc.Paragraph) and block.style == "closing"


def _references_follow(blocks: Sequence[doc.Block], index: int) -> bool:
    following = blocks[index + 1 : index + 3]
    if following and isinstance(following[0], doc.Heading):
        following = following[1:]
    return bool(following) and isinstance(following[0], doc.References)


def _item_keeps(count: int) -> frozenset[int]:
    if count < 2:
        return frozenset()
    return frozenset({0, count - 2})


def keep_plan(blocks: Sequence[doc.Block]) -> list[Keep]:
    """One Keep per block, in order."""
    plan = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        with_next = (following is not None and _is_closing(following)) or (
            isinstance(block, doc.SignatureBlock) and _references_follow(blocks, index)
        )
        items = _item_keeps(len(block.items)) if isinstance(block, doc.References) else frozenset()
        plan.append(Keep(with_next=with_next, items_with_next=items))
    return plan
