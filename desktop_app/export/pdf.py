"""LetterDocument to PDF with reportlab: embedded fonts, letterhead, running header, page n of N.

Every page carries the patient's name, DOB and member ID and "Page n of N", because fax
pages get separated. Images that cannot be read are skipped (base.py).
"""

from __future__ import annotations

from typing import Any, BinaryIO

from reportlab.pdfgen.canvas import Canvas

from desktop_app.errors import ExportError
from desktop_app.export import pdf_styles as look
from desktop_app.export.base import APP_NAME, LayoutStopped, clean_text, layout_budget_exceeded
from desktop_app.export.fonts import BODY, register_face
from desktop_app.export.keeps import keep_plan
from desktop_app.export.pdf_blocks import block_flowables, letterhead_flowables
from desktop_app.export.pdf_frame import LetterFrame
from desktop_app.export.pdf_furniture import draw_page_number, draw_running_header, running_header
from desktop_app.export.pdf_paragraph import LetterParagraph
from desktop_app.export.reportlab_platypus import (
    BaseDocTemplate,
    Flowable,
    LayoutError,
    PageTemplate,
    Spacer,
)
from desktop_app.letters.budget import render_budget
from desktop_app.letters.document import LetterDocument
from desktop_app.letters.page_words import page_words


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds pages back until the end so each footer can say "Page n of N"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # reportlab's method name
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, page in enumerate(self._held_pages, 1):
            self.__dict__.update(page)
            self._draw_page_number(number, total)
            super().showPage()
        super().save()

    page_words = page_words("en")

    def _draw_page_number(self, number: int, total: int) -> None:
        draw_page_number(self, number, total, self.page_words)


_CANVASES: dict[str, type[_NumberedCanvas]] = {"en": _NumberedCanvas}


def _canvas_for(language: str) -> type[_NumberedCanvas]:
    """The canvas class whose footers speak the letter's language (reportlab makes the
    canvas itself, from a class, so the words ride on the class)."""
    if language not in _CANVASES:
        _CANVASES[language] = type(f"_NumberedCanvas_{language}", (_NumberedCanvas,),
                                   {"page_words": page_words(language)})
    return _CANVASES[language]


def _page_decorator(header: LetterParagraph | None) -> Any:
    """Draws the running header and its rule on every page (the footer comes at save)."""

    def decorate(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        draw_running_header(canvas, header)

    return decorate


def _story(document: LetterDocument) -> list[Flowable]:
    story = letterhead_flowables(document.letterhead)
    for block, keep in zip(document.blocks, keep_plan(document.blocks), strict=True):
        story.extend(block_flowables(block, keep))
    # An empty story would make a PDF with no pages, which viewers reject.
    return story or [Spacer(1, 1)]


def _doc_template(document: LetterDocument, stream: BinaryIO, invariant: bool) -> BaseDocTemplate:
    info = document.info
    template = BaseDocTemplate(
        stream,
        pagesize=(look.PAGE_WIDTH, look.PAGE_HEIGHT),
        leftMargin=look.MARGIN, rightMargin=look.MARGIN,
        topMargin=look.MARGIN, bottomMargin=look.MARGIN,
        title=clean_text(info.title), subject=clean_text(info.subject),
        author=clean_text(info.author), keywords=clean_text(info.keywords),
        creator=APP_NAME, invariant=1 if invariant else 0,
        lang=page_words(document.language).locale,
        # Otherwise every page names Helvetica, a font that is never embedded.
        initialFontName=BODY, initialFontSize=10.5,
    )
    frame = LetterFrame(look.MARGIN, look.MARGIN, look.FRAME_WIDTH,
                        look.PAGE_HEIGHT - 2 * look.MARGIN, id="body",
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    decorate = _page_decorator(running_header(document.header.text()))
    template.addPageTemplates([PageTemplate("letter", [frame], onPage=decorate)])
    return template


def write_pdf(document: LetterDocument, stream: BinaryIO, *, invariant: bool = False) -> None:
    """Write the letter as PDF to `stream`; `invariant` makes the bytes repeatable.

    Raises ExportError if the letter cannot be laid out or the stream cannot be written, and
    LayoutBudgetExceeded if laying it out takes longer than the render budget. Messages never
    quote the letter: reportlab adds the text of the paragraph at fault to its errors.
    """
    register_face(BODY)  # the other faces load as the letter sets them (fonts.register_face)
    with render_budget():
        template = _doc_template(document, stream, invariant)
        try:
            template.build(_story(document), canvasmaker=_canvas_for(document.language))
        except LayoutStopped:
            raise layout_budget_exceeded("PDF") from None
        except LayoutError:
            raise ExportError(
                "Part of the letter is too large to fit on a page",
                hint="shorten the longest table cell or split the table",
            ) from None
        except OSError as exc:
            raise ExportError(
                "The PDF could not be written", hint=str(exc.strerror or "")
            ) from None
        except (ValueError, TypeError, IndexError, KeyError, ArithmeticError,
                RecursionError) as exc:
            raise ExportError(
                f"The PDF could not be laid out ({type(exc).__name__})",
                hint="report this to support with the template's name",
            ) from None
