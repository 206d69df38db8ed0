"""A form for one section of a case: labelled inputs that read into and write from its model."""

from __future__ import annotations

from typing import Any, Protocol, cast

from pydantic import BaseModel
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from desktop_app.ui.editor.mark_style import input_of, set_mark

EMPTY_VALUES: tuple[object, ...] = ("", None, [])


class FieldWidget(Protocol):
    """What every input in widgets.py and dropdowns.py offers."""

    def value(self) -> object: ...
    def set_value(self, value: object) -> None: ...


class Caption(QLabel):
    """A field's caption. Where it may wrap (a caption above its input, in a narrow pane), it
    still asks for the width of its text on one line: a wrapping QLabel asks for much less and
    wraps even where the pane has room."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if not self.wordWrap():
            return hint
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self.text()) + margins.left() + margins.right()
        return QSize(width, self.heightForWidth(width))


class SectionForm(QWidget):
    """Inputs for one pydantic section; a name like 'dose.amount' reaches a nested model."""

    edited = Signal()

    def __init__(self, model: type[BaseModel], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.fields: dict[str, QWidget] = {}
        self.nested: dict[str, type[BaseModel]] = {}
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._loading = False
        self._marked: dict[str, tuple[str, str]] = {}

    def add(self, name: str, label: str, widget: QWidget, hint: str = "") -> QWidget:
        """Add a labelled input; the label names it for screen readers too."""
        caption = Caption(label, self)
        caption.setTextFormat(Qt.TextFormat.PlainText)
        caption.setBuddy(input_of(widget))
        input_of(widget).setAccessibleName(label.rstrip(":").replace("&", ""))
        if hint:
            input_of(widget).setToolTip(hint)
            input_of(widget).setProperty("baseToolTip", hint)
        widget.edited.connect(self._on_edited)  # type: ignore[attr-defined]
        self.layout_.addRow(caption, widget)
        self.fields[name] = widget
        return widget

    def add_nested(self, name: str, model: type[BaseModel]) -> None:
        self.nested[name] = model

    def _on_edited(self) -> None:
        if not self._loading:
            self.edited.emit()

    def read(self) -> BaseModel:
        """The section as a model, never raising: empty inputs take the model's empty value."""
        values: dict[str, Any] = {}
        inner: dict[str, dict[str, Any]] = {}
        for name, widget in self.fields.items():
            value = cast(FieldWidget, widget).value()
            head, _, leaf = name.partition(".")
            if leaf:
                inner.setdefault(head, {})[leaf] = _or_default(self.nested[head], leaf, value)
            else:
                values[name] = _or_default(self.model, name, value)
        for head, sub in inner.items():
            values[head] = self.nested[head].model_construct(**sub)
        # model_construct: the widgets only produce values of the right type, and validation
        # would cost time on every keystroke's re-check.
        return self.model.model_construct(**values)

    def write(self, model: BaseModel | None) -> None:
        """Show a model's values (None clears the form) without emitting `edited`."""
        self._loading = True
        try:
            for name, widget in self.fields.items():
                value: object = model
                for part in name.split("."):
                    value = getattr(value, part, None) if value is not None else None
                cast(FieldWidget, widget).set_value(value)
        finally:
            self._loading = False

    def is_empty(self) -> bool:
        return all(cast(FieldWidget, w).value() in EMPTY_VALUES for w in self.fields.values())

    def widget_for(self, name: str) -> QWidget | None:
        widget = self.fields.get(name)
        return input_of(widget) if widget is not None else None

    def set_marks(self, marks: dict[str, tuple[str, str]]) -> None:
        """Mark fields in place: {name: (severity, message)}; fields not named are cleared."""
        for name in set(self._marked) | set(marks):
            widget = self.fields.get(name)
            new = marks.get(name, ("", ""))
            if widget is not None and self._marked.get(name) != new:
                set_mark(widget, *new)
        self._marked = {n: m for n, m in marks.items() if n in self.fields}


def _or_default(model: type[BaseModel], name: str, value: object) -> object:
    if value not in EMPTY_VALUES:
        return value
    return model.model_fields[name].get_default(call_default_factory=True)
