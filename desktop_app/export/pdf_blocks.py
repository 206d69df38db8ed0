"""LetterDocument blocks to reportlab flowables (letterhead, text, lists, tables, signature)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle

from desktop_app.export import letter_look
from desktop_app.export import pdf_styles as look
from desktop_app.export.base import (
    contact_line,
    load_image,
    signature_lines,
)
from desktop_app.export.fonts import BODY, body_font
from desktop_app.export.keeps import Keep
from desktop_app.export.pdf_chunks import continued, split_runs
from desktop_app.export.pdf_paragraph import LetterParagraph
from desktop_app.export.pdf_reference_cells import Cell, fits_columns
from desktop_app.export.pdf_reference_table import ReferenceTable
from desktop_app.export.reportlab_platypus import (
    Flowable,
    HRFlowable,
    Image,
    PageBreak,
    Spacer,
    Table,
)
from desktop_app.letters import document as doc
from desktop_app.letters.document import Letterhead, Run, Runs


def block_flowables(block: doc.Block, keep: Keep | None = None) -> list[Flowable]:
    """The flowables that print one block, kept with the next as `keep` says (keeps.py)."""
    flowables = _block_flowables(block)
    if keep is not None:
        if keep.items_with_next:
            for index in keep.items_with_next:
                if index < len(flowables):
                    flowables[index].keepWithNext = 1
        if keep.with_next:
            # A table's trailing spacer keeps the chain going from the table to the next block.
            for flowable in flowables[-2:] if isinstance(block, doc.Table) else flowables[-1:]:
                flowable.keepWithNext = 1
    return flowables


def _block_flowables(block: doc.Block) -> list[Flowable]:
    styles = look.styles()
    if isinstance(block, doc.Heading):
        style = styles["heading1" if block.level <= 1 else "heading2"]
        return paragraphs(block.runs, style)
    if isinstance(block, doc.Paragraph):
        return paragraphs(block.runs, styles.get(block.style, styles["body"]))
    if isinstance(block, doc.BulletList):
        return _list(block.items, numbered=block.numbered, style_name="list")
    if isinstance(block, doc.References):
        return _list(block.items, numbered=True, style_name="reference")
    if isinstance(block, doc.Table):
        return _table(block)
    if isinstance(block, doc.SignatureBlock):
        return _signature(block)
    if isinstance(block, doc.PageBreak):
        return [PageBreak()]
    return []


def paragraphs(runs: Runs, style: ParagraphStyle,
               bullet: str | None = None) -> list[LetterParagraph]:
    """One paragraph as flowables: a long one in pieces that read as one (pdf_chunks.py)."""
    pieces = split_runs(runs)
    last = len(pieces) - 1
    return [
        LetterParagraph.from_runs(
            piece, continued(style, index == 0, index == last), bullet if index == 0 else None,
        )
        for index, piece in enumerate(pieces)
    ]


def text_paragraph(text: str, style: ParagraphStyle, *, bold: bool = False) -> LetterParagraph:
    """Plain text (letterhead, signature lines) as one paragraph."""
    return LetterParagraph.from_runs([Run(text, bold=bold)], style)


def _list(items: Sequence[Runs], *, numbered: bool, style_name: str) -> list[Flowable]:
    """One paragraph per item with a bullet or number.

    Plain paragraphs rather than a ListFlowable: reportlab will not keep a heading with a
    ListFlowable (keepWithNext skips containers), which left "References" alone at the foot
    of a page with the list on the next.
    """
    base = look.styles()[style_name]
    indent = letter_look.NUMBER_INDENT if numbered else letter_look.BULLET_INDENT
    bullet_at = letter_look.NUMBER_AT if numbered else letter_look.BULLET_AT
    style = ParagraphStyle(
        f"{style_name}-item",
        parent=base,
        leftIndent=base.leftIndent + indent,
        bulletIndent=base.leftIndent + bullet_at,
        bulletFontName=BODY,
        bulletFontSize=base.fontSize,
    )
    last = len(items) - 1
    flowables: list[Flowable] = []
    for index, item in enumerate(items):
        bullet = f"{index + 1}." if numbered else "\u2022"
        item_style = (
            style
            if index < last
            else ParagraphStyle(
                f"{style_name}-last", parent=style,
                spaceAfter=max(style.spaceAfter, letter_look.LAST_ITEM_AFTER),
            )
        )
        flowables.extend(paragraphs(item, item_style, bullet))
    return flowables


def _column_widths(block: doc.Table, columns: int) -> list[float]:
    if block.widths and len(block.widths) == columns and all(w > 0 for w in block.widths):
        total = sum(block.widths)
        return [look.FRAME_WIDTH * w / total for w in block.widths]
    if block.style == "reference" and columns == 2:
        return [look.REFERENCE_LABEL_WIDTH, look.FRAME_WIDTH - look.REFERENCE_LABEL_WIDTH]
    return [look.FRAME_WIDTH / columns] * columns


def _table(block: doc.Table) -> list[Flowable]:
    if not block.rows:
        return []
    columns = max(len(row) for row in block.rows)
    if not columns:
        return []  # rows with no cells (a template's empty <tr>): nothing to print
    styles = look.styles()
    reference = block.style == "reference"
    grid: list[list[list[LetterParagraph]]] = []
    for row_index, row in enumerate(block.rows):
        cells: list[list[LetterParagraph]] = []
        for column, runs in enumerate(row):
            if reference:
                name = "label" if column == 0 else "value"
            else:
                name = "cell_head" if block.header and row_index == 0 else "cell"
            cells.append(paragraphs(runs, styles[name]))
        grid.append(cells)
    spacing = letter_look.REFERENCE_TABLE if reference else letter_look.GRID_TABLE
    widths = _column_widths(block, columns)
    if reference and not block.header and fits_columns(widths, spacing):
        # The label/value block: our own flowable, the same as the Table below would be
        # (pdf_reference_table.py); a heading row or a cramped column keeps the Table.
        rows: list[list[Cell]] = [[tuple(cell) for cell in cells] + [""] * (columns - len(cells))
                                  for cells in grid]
        own = ReferenceTable(rows, widths, spacing, body_font(), split_in_row=True)
        return [own, Spacer(1, spacing.space_after)]
    data: list[list[Flowable | str]] = [
        [cell[0] if len(cell) == 1 else cell for cell in cells] + [""] * (columns - len(cells))
        for cells in grid
    ]
    commands = list(look.REFERENCE_TABLE_COMMANDS if reference else look.GRID_TABLE_COMMANDS)
    if block.header and not reference:
        commands += look.GRID_HEADER_COMMANDS
    table = Table(
        data,
        colWidths=widths,
        style=commands,
        repeatRows=1 if block.header else 0,
        hAlign="LEFT",
        splitInRow=1,  # a cell taller than a page continues on the next one
    )
    return [table, Spacer(1, spacing.space_after)]


def _signature(block: doc.SignatureBlock) -> list[Flowable]:
    """The signature's pieces, each kept with the next: one chain, so reportlab can go on to
    keep the signature with the references (keeps.py); a KeepTogether would end the chain."""
    styles = look.styles()
    parts: list[Flowable] = [Spacer(1, 4)]
    image = load_image(block.image_path)
    if image is not None:
        width, height = image.fit(look.SIGNATURE_MAX_WIDTH, look.SIGNATURE_MAX_HEIGHT)
        parts.append(Image(image.stream(), width=width, height=height, hAlign="LEFT", mask="auto"))
    elif not block.signed_line:
        # No image and not signed electronically: leave room for a wet signature.
        parts += [
            Spacer(1, letter_look.SIGNATURE_LINE_ROOM),
            HRFlowable(
                width=letter_look.SIGNATURE_LINE_WIDTH, thickness=0.7, color=look.INK,
                hAlign="LEFT", spaceAfter=3,
            ),
        ]
    lines, name_index = signature_lines(block)
    for index, line in enumerate(lines):
        if block.signed_line and index == 0:
            parts.append(text_paragraph(line, styles["signed"]))
        else:
            parts.append(text_paragraph(line, styles["signature"], bold=index == name_index))
    for part in parts[:-1]:
        part.keepWithNext = 1
    return parts


def letterhead_flowables(letterhead: Letterhead) -> list[Flowable]:
    """The practice's letterhead for the top of page 1 (nothing if it is empty)."""
    styles = look.styles()
    lines: list[LetterParagraph] = []
    if letterhead.practice_name:
        lines.append(text_paragraph(letterhead.practice_name, styles["practice"]))
    if letterhead.address:
        lines.append(text_paragraph(letterhead.address, styles["practice_line"]))
    contact = contact_line(letterhead)
    if contact:
        lines.append(text_paragraph(contact, styles["practice_line"]))
    logo = load_image(letterhead.logo_path)
    if not lines and logo is None:
        return []
    if logo is None:
        # The lines in one padded cell, as a one-cell Table with the reference table's look
        # would set them (pdf_reference_table.py).
        head: Flowable = ReferenceTable(
            [[tuple(lines)]], [look.FRAME_WIDTH], letter_look.REFERENCE_TABLE, body_font(),
            split_in_row=False,
        )
    else:
        width, height = logo.fit(look.LOGO_MAX_WIDTH, look.LOGO_MAX_HEIGHT)
        picture = Image(logo.stream(), width=width, height=height, mask="auto")
        gap = letter_look.LOGO_GAP
        head = Table(
            [[picture, lines]],
            colWidths=[width + gap, look.FRAME_WIDTH - width - gap],
            style=[*look.REFERENCE_TABLE_COMMANDS, ("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
            hAlign="LEFT",
        )
    rule = HRFlowable(
        width="100%", thickness=letter_look.LETTERHEAD_RULE, color=look.NAVY,
        spaceBefore=letter_look.LETTERHEAD_RULE_BEFORE,
        spaceAfter=letter_look.LETTERHEAD_RULE_AFTER,
    )
    return [head, rule]
