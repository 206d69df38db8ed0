"""Finds bundled assets (fonts, sample logo) in a repo checkout and in an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from desktop_app.errors import ExportError

_PACKAGE_DIR = Path(__file__).resolve().parents[1]  # desktop_app/


def _candidates() -> list[Path]:
    # The wheel force-includes assets/ as desktop_app/_bundled/assets (pyproject.toml);
    # a source checkout keeps them next to the package, at repo_root/assets.
    return [_PACKAGE_DIR / "_bundled" / "assets", _PACKAGE_DIR.parent / "assets"]


@cache
def assets_dir() -> Path:
    """The folder that holds fonts/ and the sample logo; raises ExportError if none is found."""
    for candidate in _candidates():
        if (candidate / "fonts").is_dir():
            return candidate
    raise ExportError(
        "The bundled fonts are missing",
        file=str(_candidates()[-1]),
        hint="reinstall PA Letter Studio",
    )


def asset_path(*parts: str) -> Path:
    """A file inside the assets folder; raises ExportError if it is not there."""
    path = assets_dir().joinpath(*parts)
    if not path.is_file():
        raise ExportError(
            "A bundled file is missing", file=str(path), hint="reinstall PA Letter Studio"
        )
    return path


def sample_logo_path() -> Path:
    """The fictional practice logo used by examples and the letterhead preview."""
    return asset_path("sample-logo.png")
