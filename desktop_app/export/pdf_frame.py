"""The letter's one frame, copied cheaply where reportlab copies it to measure a keep.

A heading, the closing and the signature are kept with what follows them; reportlab lays out
such a group once to measure it (flowables._listWrapOn), and for that it deep-copies the
document's frame each time, so that what the measured flowables add to it is thrown away.
A deep copy walks every object the frame reaches (about 50 for a letter) and was 1.5% of a
letter's PDF time (bench/bench_batch.py, py-spy). The measuring only ever sets attributes on
the copy or appends to its lists, so a copy with its own attributes and its own lists keeps
the original frame exactly as the deep copy did; the PDF bytes are the same
(tests/unit/export/test_pdf_frame.py).
"""

from __future__ import annotations

from typing import Any

from desktop_app.export.reportlab_platypus import Frame


class LetterFrame(Frame):  # type: ignore[misc]
    """reportlab's Frame, with a deep copy that copies only the frame and its lists."""

    def __deepcopy__(self, memo: dict[int, Any]) -> LetterFrame:
        made: LetterFrame = object.__new__(type(self))
        made.__dict__.update(
            {name: value.copy() if isinstance(value, (list, dict)) else value
             for name, value in self.__dict__.items()}
        )
        return made
