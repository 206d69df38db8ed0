"""The case editor and its live check: forms for every section of a case."""

from desktop_app.ui.editor.case_editor import CaseEditor

__all__ = ["CaseEditor"]
