"""Opens a picture staff chose (a logo, a signature, a scanned attachment) without decoding it.

A PNG of 400 kB can unpack to 20,000 x 20,000 pixels (a "decompression bomb"): decoding it
holds gigabytes. The pixel count is in the file's header, so it is checked before any pixel
is decoded, against a cap the caller chooses; Pillow's own warning for large pictures (a line
on the terminal, naming nothing) is not raised, because this check replaces it.
"""

from __future__ import annotations

import io
import warnings
from typing import Any


class TooManyPixels(Exception):
    """The picture holds more pixels than `cap`; `size` is (width, height), or None when
    Pillow refused it outright as far too large to open."""

    def __init__(self, size: tuple[int, int] | None, cap: int) -> None:
        super().__init__("too many pixels")
        self.size = size
        self.cap = cap


def open_picture(data: bytes, *, max_pixels: int) -> Any:
    """The picture in `data`, opened but not decoded (a PIL image: close it, or use `with`).

    Raises TooManyPixels past `max_pixels`, and Pillow's UnidentifiedImageError (or OSError,
    SyntaxError, ValueError) for bytes that are no picture.
    """
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except Image.DecompressionBombError:
            raise TooManyPixels(None, max_pixels) from None
    width, height = image.size
    if width * height > max_pixels:
        image.close()
        raise TooManyPixels((width, height), max_pixels)
    return image


def pixels_words(error: TooManyPixels) -> str:
    """'12,000 x 12,000 pixels, over 60 million' for a message."""
    cap = f"over {error.cap // 1_000_000} million"
    if error.size is None:
        return f"far {cap} pixels"
    width, height = error.size
    return f"{width:,} x {height:,} pixels, {cap}"
