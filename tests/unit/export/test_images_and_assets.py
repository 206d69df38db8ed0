"""Logo and signature images that cannot be read are skipped; bundled assets are found."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from desktop_app.errors import ExportError
from desktop_app.export import assets
from desktop_app.export.base import EXPORTERS, load_image, unreadable_images, writer_for
from desktop_app.export.docx import write_docx
from desktop_app.export.pdf import write_pdf
from desktop_app.letters.document import LetterDocument, Letterhead, SignatureBlock
from tests.support.pdfs import blank_png
from tests.unit.export.samples import ROOT, SAMPLE_LOGO


def _png(path: Path, size: tuple[int, int] = (60, 20)) -> Path:
    Image.new("RGB", size, "navy").save(path)
    return path


def _pdf_image_count(data: bytes) -> int:
    reader = PdfReader(io.BytesIO(data))
    count = 0
    for page in reader.pages:
        x_objects = page["/Resources"].get("/XObject") or {}
        count += sum(1 for ref in x_objects.values() if ref.get_object()["/Subtype"] == "/Image")
    return count


@pytest.fixture
def broken_images(tmp_path: Path) -> dict[str, Path]:
    text = tmp_path / "notes.png"
    text.write_text("this is not a picture")
    truncated = tmp_path / "truncated.png"
    truncated.write_bytes(SAMPLE_LOGO.read_bytes()[:200])
    icon = tmp_path / "icon.ico"
    Image.new("RGB", (16, 16)).save(icon)
    return {"missing": tmp_path / "gone.png", "text": text, "truncated": truncated,
            "icon": icon, "folder": tmp_path}


@pytest.mark.parametrize("kind", ["missing", "text", "truncated", "icon", "folder"])
def test_unusable_image_is_skipped_with_a_warning_naming_the_file(
    kind: str, broken_images: dict[str, Path], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    path = broken_images[kind]
    assert load_image(str(path)) is None
    assert path.name in caplog.text


def test_too_many_pixels_is_skipped(tmp_path: Path) -> None:
    huge = tmp_path / "huge.png"
    Image.new("1", (6000, 5000)).save(huge)
    assert load_image(str(huge)) is None


def test_a_decompression_bomb_logo_is_skipped_without_decoding_or_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # 10,000 x 9,500 pixels in 12 kB: past Pillow's warning line, which once reached the
    # terminal of every render with this logo in Settings.
    bomb = tmp_path / "logo.png"
    bomb.write_bytes(blank_png(10_000, 9_500))
    caplog.set_level(logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert load_image(str(bomb)) is None
    assert "too many pixels" in caplog.text and "logo.png" in caplog.text


def test_good_image_keeps_its_proportions(tmp_path: Path) -> None:
    image = load_image(str(_png(tmp_path / "sig.png", (300, 100))))
    assert image is not None
    assert image.fit(2.4, 0.8) == pytest.approx((2.4, 0.8))
    assert image.fit(1.0, 1.0) == pytest.approx((1.0, 1 / 3))


def test_unreadable_images_lists_the_logo_and_signature_that_would_be_skipped(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.png"
    bad.write_text("nope")
    document = LetterDocument(
        blocks=[SignatureBlock(name="Dr. A", image_path=str(bad))],
        letterhead=Letterhead(practice_name="P", logo_path=str(SAMPLE_LOGO)),
    )
    assert unreadable_images(document) == [str(bad)]


def test_broken_signature_prints_a_wet_signature_line_instead(tmp_path: Path) -> None:
    bad = tmp_path / "bad.png"
    bad.write_text("nope")
    good = _png(tmp_path / "good.png")
    for path, images in ((bad, 0), (good, 1)):
        document = LetterDocument(blocks=[SignatureBlock(name="Dr. A", image_path=str(path))])
        pdf, word = io.BytesIO(), io.BytesIO()
        write_pdf(document, pdf)
        write_docx(document, word)
        assert _pdf_image_count(pdf.getvalue()) == images
        assert (b"word/media/" in word.getvalue()) is bool(images)


def test_logo_prints_on_page_one(tmp_path: Path) -> None:
    document = LetterDocument(letterhead=Letterhead("Practice", logo_path=str(SAMPLE_LOGO)))
    pdf = io.BytesIO()
    write_pdf(document, pdf)
    assert _pdf_image_count(pdf.getvalue()) == 1


def test_assets_are_found_in_the_checkout() -> None:
    assert assets.assets_dir() == ROOT / "assets"
    assert assets.sample_logo_path() == SAMPLE_LOGO
    for licence in ("LICENSE-DejaVu.txt", "LICENSE-DroidSansFallback.txt"):
        assert assets.asset_path("fonts", licence).stat().st_size > 1000


def test_assets_are_found_in_an_installed_wheel_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "desktop_app" / "_bundled" / "assets"
    (bundled / "fonts").mkdir(parents=True)
    monkeypatch.setattr(assets, "_candidates", lambda: [bundled, tmp_path / "assets"])
    assets.assets_dir.cache_clear()
    try:
        assert assets.assets_dir() == bundled
    finally:
        assets.assets_dir.cache_clear()


def test_missing_assets_raise_a_clear_export_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(assets, "_candidates", lambda: [tmp_path / "nowhere"])
    assets.assets_dir.cache_clear()
    try:
        with pytest.raises(ExportError, match="bundled fonts are missing"):
            assets.assets_dir()
    finally:
        assets.assets_dir.cache_clear()


def test_registry_names_both_formats_and_refuses_others() -> None:
    assert set(EXPORTERS) == {"pdf", "docx"}
    out = io.BytesIO()
    writer_for("pdf")(LetterDocument(), out)
    assert out.getvalue().startswith(b"%PDF-")
    with pytest.raises(ExportError, match="Unknown export format 'rtf'"):
        writer_for("rtf")


def test_importing_the_registry_does_not_load_reportlab_or_docx() -> None:
    code = (
        "import sys, desktop_app.export.base, desktop_app.export.assets;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'docx')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=ROOT)
    assert result.stdout.strip() == "[]"
