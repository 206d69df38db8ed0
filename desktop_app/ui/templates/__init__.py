"""The template manager and editor (Tools › Templates…): `open_template_manager(parent)`."""

from desktop_app.ui.templates.manager import TemplateManagerDialog, open_template_manager

__all__ = ["TemplateManagerDialog", "open_template_manager"]
