"""The desktop app's Qt widgets, views and workers (the only package that imports PySide6)."""

from desktop_app.ui._none_refcount import make_none_immortal

# Before any Qt call: see _none_refcount for the PySide6 6.12 / Python 3.11 defect it avoids.
make_none_immortal()
