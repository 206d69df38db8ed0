"""The ICD-10-CM index's cache is named for the installed simple-icd-10-cm version, read from
the package's own metadata without importlib.metadata, and always the version it reports."""

from __future__ import annotations

import importlib
import sys
from importlib import metadata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.knowledge import icd10
from desktop_app.knowledge.installed_version import installed_version


@pytest.mark.parametrize(
    ("distribution", "module"),
    [("simple-icd-10-cm", "simple_icd_10_cm"), ("pydantic", "pydantic"), ("jinja2", "jinja2"),
     ("reportlab", "reportlab"), ("pydantic-core", "pydantic_core")],
)
def test_an_installed_package_reads_the_version_importlib_metadata_reports(
    distribution: str, module: str
) -> None:
    assert installed_version(distribution, module) == metadata.version(distribution)


def test_the_icd10_cache_is_named_for_the_installed_release() -> None:
    version = metadata.version("simple-icd-10-cm")
    assert icd10.package_version() == version
    path = icd10.cache_path("codes")
    assert path is not None
    assert path.name == f"icd10-{version}-codes.json"


def test_a_package_that_is_not_installed_has_no_version() -> None:
    assert installed_version("no-such-package-here", "no_such_package_here") is None


def _fake_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str,
               metadata_files: dict[str, bytes]) -> str:
    """A folder on the path holding package `name` and the given .dist-info METADATA files."""
    (tmp_path / name).mkdir()
    (tmp_path / name / "__init__.py").write_text("raise RuntimeError('never imported')\n")
    for folder, content in metadata_files.items():
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "METADATA").write_bytes(content)
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    return name


def test_the_version_line_of_the_packages_metadata_is_read_without_importing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = _fake_site(tmp_path, monkeypatch, "fictional_codes", {
        "fictional_codes-2.0.1.dist-info":
            b"Metadata-Version: 2.1\nName: fictional-codes\nVersion: 2.0.1\n\nVersion: 9\n",
    })
    assert installed_version("fictional-codes", name) == "2.0.1"
    assert name not in sys.modules


@pytest.mark.parametrize("metadata_files", [
    # Two installs side by side: importlib.metadata decides (here: it finds none it trusts).
    {"ambiguous_codes-1.0.dist-info": b"Name: ambiguous-codes\nVersion: 1.0\n",
     "ambiguous_codes-2.0.dist-info": b"Name: ambiguous-codes\nVersion: 2.0\n"},
    {"ambiguous_codes-1.0.dist-info": b"Name: ambiguous-codes\n\nVersion: 1.0\n"},  # not a header
    {"ambiguous_codes-1.0.dist-info": b"\xff\xfe\x00garbage" * 2000},
    {"ambiguous_codes-1.0.dist-info": b"Version:   \n"},
])
def test_any_doubt_is_left_to_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, metadata_files: dict[str, bytes]
) -> None:
    asked = []

    def version(distribution: str) -> str:
        asked.append(distribution)
        return "from importlib.metadata"

    monkeypatch.setattr(metadata, "version", version)
    name = _fake_site(tmp_path, monkeypatch, "ambiguous_codes", metadata_files)
    assert installed_version("ambiguous-codes", name) == "from importlib.metadata"
    assert asked == ["ambiguous-codes"]


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=600))
def test_whatever_a_metadata_file_holds_the_answer_is_a_version_or_the_fallback(
    content: bytes,
) -> None:
    # No tmp_path fixture under hypothesis: the reader alone, on text a damaged file may hold.
    from desktop_app.knowledge import installed_version as module

    found = module._version_line(content.decode("utf-8", "replace"))
    assert found is None or (found and found == found.strip() and "\n" not in found)
