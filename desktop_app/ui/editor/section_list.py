"""The editor's list of sections: each title with its Alt+letter underlined and a count badge.

The width is fixed once, from the longest title and a badge wide enough for two-digit counts,
so the form beside it never moves sideways when "Evidence" gains "3 errors, 1 warning".
The counts are painted in a badge; the item's text keeps the words for screen readers and
tooltips ("Evidence (3 errors, 1 warning)").
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListWidget,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

TITLE_ROLE = Qt.ItemDataRole.UserRole + 10  # the bare title: "Evidence"
MNEMONIC_ROLE = Qt.ItemDataRole.UserRole + 11  # the letter Alt jumps with: "I"
COUNTS_ROLE = Qt.ItemDataRole.UserRole + 12  # (errors, warnings)
# The badge the width is made for; two-digit counts still paint, the title then ends in "…"
# (its words stay whole in the tooltip and for screen readers).
WIDEST_BADGE = "✖9 ⚠9"
_ERROR_TEXT = QColor("#9b1c1c")
_WARNING_TEXT = QColor("#7a4a00")
_Index = QModelIndex | QPersistentModelIndex


def badge_text(errors: int, warnings: int) -> str:
    parts = [f"✖{errors}" if errors else "", f"⚠{warnings}" if warnings else ""]
    return " ".join(p for p in parts if p)


class SectionDelegate(QStyledItemDelegate):
    """Paints icon, title (mnemonic underlined) and, right-aligned, the count badge."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title = str(index.data(TITLE_ROLE) or opt.text)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(opt.palette.color(role))
        painter.setFont(opt.font)
        metrics = opt.fontMetrics
        errors, warnings = index.data(COUNTS_ROLE) or (0, 0)
        badge = badge_text(int(errors), int(warnings))
        badge_width = metrics.horizontalAdvance(badge) if badge else 0
        title_rect = QRect(text_rect)
        title_rect.setRight(text_rect.right() - badge_width - 4)
        self._paint_title(painter, title_rect, title, str(index.data(MNEMONIC_ROLE) or ""))
        if badge:
            if not selected:
                painter.setPen(_ERROR_TEXT if errors else _WARNING_TEXT)
            bold = QFont(opt.font)
            bold.setBold(True)
            painter.setFont(bold)
            painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignRight
                                            | Qt.AlignmentFlag.AlignVCenter), badge)
        painter.restore()

    @staticmethod
    def _paint_title(painter: QPainter, rect: QRect, title: str, mnemonic: str) -> None:
        # "&" marks the underlined letter, as in a menu; a literal & in a title is doubled.
        at = title.casefold().find(mnemonic.casefold()) if mnemonic else -1
        shown = title.replace("&", "&&")
        if at >= 0:
            shown = title[:at].replace("&", "&&") + "&" + title[at:].replace("&", "&&")
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        metrics = painter.fontMetrics()
        if metrics.horizontalAdvance(title) > rect.width():
            shown = metrics.elidedText(title, Qt.TextElideMode.ElideRight, rect.width())
            shown = shown.replace("&", "&&")
        painter.drawText(rect, int(flags) | int(Qt.TextFlag.TextShowMnemonic), shown)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        hint = super().sizeHint(option, index)
        metrics = option.fontMetrics
        title = str(index.data(TITLE_ROLE) or "")
        icon = option.decorationSize.width() + 8
        # A small gap between title and badge: the form beside the list needs the width.
        width = icon + metrics.horizontalAdvance(title) + 6 + metrics.horizontalAdvance(
            WIDEST_BADGE
        )
        return QSize(width, hint.height())


class SectionList(QListWidget):
    """A section list exactly as wide as its longest title plus the widest badge, always."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setItemDelegate(SectionDelegate(self))
        self._width = 0

    def content_width(self) -> int:
        """The width every title and its badge need: the widest item, frame and spacing."""
        widest = max(self.sizeHintForColumn(0), 0)  # -1 while empty
        return widest + 2 * self.frameWidth() + 2 * self.spacing() + 2

    def allow_shrink_once(self) -> None:
        """Kept for callers: the width no longer depends on the counts, so nothing to do."""

    def fit_to_contents(self) -> None:
        """Fix the width once the titles are in (later calls change nothing unless a title
        itself changed, as with a larger font)."""
        width = self.content_width()
        if width != self._width:
            self._width = width
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(self._width or self.content_width(), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.sizeHint().width(), super().minimumSizeHint().height())
