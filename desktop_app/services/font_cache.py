"""Where parsed bundled fonts are kept between runs (export/parsed_fonts.py, storage/font_cache)."""

from __future__ import annotations

from desktop_app.export import parsed_fonts
from desktop_app.storage.font_cache import FontShelf


def install() -> None:
    parsed_fonts.use_shelf(FontShelf())
