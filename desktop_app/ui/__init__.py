"""The desktop app's Qt widgets, views and workers (the only package that imports PySide6)."""

from desktop_app.ui._none_refcount import make_none_immortal

# Before any Qt call: see _none_refcount for the PySide6 6.12 / Python 3.11 defect it avoids.
make_none_immortal()

# Before PySide6 loads: once imported, PySide6 reads the source text of every module imported
# after it (looking for `from __feature__ import`). The core modules the first window needs
# (the first read of the list, people, the desk's database setting) load first, so the start
# does not pay that for each of them. The case model (pydantic) is not among them: the
# deadlines notice builds it on a worker once the list is shown.
import desktop_app.services.desk_connection  # noqa: E402
import desktop_app.services.first_screen  # noqa: E402
import desktop_app.services.people  # noqa: E402, F401
