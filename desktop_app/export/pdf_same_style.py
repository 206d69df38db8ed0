"""Whether two pieces of a paragraph print alike, asked as reportlab asks it, four times faster.

Line breaking asks this for every word of a paragraph made of more than one fragment (any
paragraph with bold, italic, a fallback font or a quotation mark). reportlab answers with
`sameFrag` from its C accelerator, which takes about 10 microseconds a call against 2.5 for
the same test written in Python; a letter asks it about 400 times, so the C version alone was
4 ms of a letter (bench/bench_batch.py, cProfile). This is reportlab's own Python version
(`_py_sameFrag` in reportlab/lib/rl_accel.py), except that an attribute one piece lacks and the
other has (even as None) counts as a difference, as the C version counts it: the answer is the
accelerator's for every input, so line breaks are unchanged.

Line breaking asks about the same two pieces many times in a row (the line's piece so far
and the piece each next word comes from: 350 of a letter's 410 questions repeat the one
before), so the last answer is kept with the two pieces it was about and given again while
the same two are asked. The compared attributes of a piece are set when it is made and not
changed while a paragraph's lines are broken (only its text grows), so the answer holds.
"""

from __future__ import annotations

import threading
from typing import Any, Final

# The attributes reportlab compares, in its order (rl_accel.c and rl_accel.py agree).
COMPARED: Final = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link",
                   "backColor", "nobr")
_ABSENT: Final = object()
_lock = threading.Lock()
_installed = False
# The last two pieces asked about and the answer. Holding them keeps them alive, so another
# piece can never take their place (or their id) while they are remembered.
_last: tuple[Any, Any, bool] = (None, None, False)


def same_style(f: Any, g: Any) -> bool:
    """True if fragments `f` and `g` can print as one run of text (no image, no line break)."""
    global _last
    last = _last  # one read: another thread may replace it, never half of it
    if last[0] is f and last[1] is g and f is not None:
        return last[2]
    answer = _compare(f, g)
    _last = (f, g, answer)
    return answer


def _compare(f: Any, g: Any) -> bool:
    fd = f.__dict__
    gd = g.__dict__
    if "cbDefn" in fd or "lineBreak" in fd or "cbDefn" in gd or "lineBreak" in gd:
        return False
    for name in COMPARED:
        a = fd.get(name, _ABSENT)
        b = gd.get(name, _ABSENT)
        if a is b:
            continue
        if a is _ABSENT or b is _ABSENT or a != b:
            return False
    return True


def install() -> None:
    """Make reportlab's line breaking use same_style (once per process, thread-safe)."""
    global _installed
    with _lock:
        if _installed:
            return
        from desktop_app.export.reportlab_platypus import paragraph

        paragraph.sameFrag = same_style
        _installed = True
