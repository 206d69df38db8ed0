"""The version of an installed package, read from its own .dist-info folder.

`importlib.metadata.version` imports the email, zipfile and csv modules and looks through every
folder on the path: about 15 M instructions of each `pa-letter check` and render, which only
need the version of simple-icd-10-cm to name the ICD-10-CM index's cache file. An installer
writes the package's metadata beside it, in `<name>-<version>.dist-info/METADATA`, whose
`Version:` line is exactly what importlib.metadata reports; that one line is read here. Any
doubt (no such folder, more than one, no Version line) asks importlib.metadata, as before.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

# METADATA's header block is a few hundred bytes; the Version line is its second or third.
_HEADER_BYTES = 4096


def installed_version(distribution: str, module: str) -> str | None:
    """`distribution`'s version (its top-level package is `module`), None if not installed."""
    quick = _from_dist_info(distribution, module)
    if quick is not None:
        return quick
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _from_dist_info(distribution: str, module: str) -> str | None:
    try:
        spec = importlib.util.find_spec(module)  # finds the package; does not import it
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None:
        return None
    # The folder name's project part is normalized with underscores for - and . (PEP 427).
    project = distribution.replace("-", "_").replace(".", "_")
    beside = Path(spec.origin).parent.parent
    try:
        folders = [p for p in beside.glob("*.dist-info")
                   if p.name.split("-", 1)[0].lower() == project.lower()]
        if len(folders) != 1:
            return None
        with (folders[0] / "METADATA").open("rb") as metadata_file:
            header = metadata_file.read(_HEADER_BYTES).decode("utf-8", "replace")
    except OSError:
        return None
    return _version_line(header)


def _version_line(header: str) -> str | None:
    for line in header.splitlines():
        if not line.strip():
            return None  # the end of the headers: the description follows
        if line.startswith("Version:"):
            return line.removeprefix("Version:").strip() or None
    return None
