"""The regimen section: the drug catalog fills the product's HCPCS code, unit, route and NDC;
a practice regimen (saved from an earlier case) fills the whole regimen and its evidence."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.domain.case_treatment import Dose, Drug
from desktop_app.ui.editor import labels as L
from desktop_app.ui.editor.completers import SearchCompleter
from desktop_app.ui.editor.dates import DateField
from desktop_app.ui.editor.dropdowns import SuggestBox, narrow_combo
from desktop_app.ui.editor.forms import SectionForm
from desktop_app.ui.editor.reference import Reference
from desktop_app.ui.editor.widgets import ListLine, NumberLine, TextLine, UpperLine

DOSE_UNITS = ("mg", "mg/m²", "mg/kg", "AUC", "units", "mcg")
NO_PRODUCTS = "— pick a drug above to list its NDC products —"


class DrugForm(SectionForm):
    """The regimen. Choosing a catalog product fills the generic and brand names and the
    product's HCPCS code (with its billing unit shown), and the labeled route and dose unit
    where they are still empty; its NDC products are offered to fill the NDC.

    The practice's saved regimens are offered first as staff type: one fills every field but
    the start date (the patient's own), `regimen_chosen` hands its evidence to the editor,
    and the cursor goes to the start date. `save_requested` asks the editor to save this
    regimen, with the case's evidence, for the next patient.
    """

    regimen_chosen = Signal(object)
    save_requested = Signal()

    def __init__(self, reference: Reference, parent: QWidget | None = None) -> None:
        super().__init__(Drug, parent)
        self.add_nested("dose", Dose)
        self.generic = TextLine()
        self.generic.setPlaceholderText("Type a generic, brand or biosimilar name, or a code")
        self.add("generic_name", "Generic name:", self.generic)
        self.brand = TextLine()
        self.add("brand_name", "Brand name:", self.brand)
        self.hcpcs = UpperLine()
        self.add("hcpcs", "HCPCS code:", self.hcpcs, "A letter and four digits, e.g. J9271")
        self.billing = QLabel("", self)
        self.billing.setTextFormat(Qt.TextFormat.PlainText)
        self.billing.setWordWrap(True)
        self.billing.setAccessibleName("HCPCS billing unit")
        spacer = QLabel("", self)
        spacer.setTextFormat(Qt.TextFormat.PlainText)
        self.layout_.addRow(spacer, self.billing)
        self.ndc_products = QComboBox(self)
        narrow_combo(self.ndc_products)
        self.ndc_products.setAccessibleName("NDC products of the chosen drug")
        caption = QLabel("NDC product:", self)
        caption.setTextFormat(Qt.TextFormat.PlainText)
        caption.setBuddy(self.ndc_products)
        self.layout_.addRow(caption, self.ndc_products)
        self.ndc = TextLine()
        self.add("ndc", "NDC:", self.ndc, "With hyphens (5-4-2) or 11 digits")
        self.dose_unit = SuggestBox(DOSE_UNITS)
        self.route = SuggestBox(L.ROUTE_SUGGESTIONS)
        self.add("dose.amount", "Dose amount:", NumberLine())
        self.add("dose.unit", "Dose unit:", self.dose_unit)
        self.add("route", "Route:", self.route)
        self.add("frequency", "Frequency:", TextLine())
        self.add("duration", "Duration:", TextLine())
        self.add("cycles", "Cycles:", NumberLine(whole=True))
        self.add("combination_with", "Combined with:", ListLine(),
                 "Other drugs in the regimen, separated by semicolons")
        self.add("site_of_care", "Site of care:", TextLine())
        self.add("start_date", "Start date:", DateField())
        self._reference = reference
        self._list_products([])
        self.ndc_products.activated.connect(self._pick_ndc)
        self.completer = SearchCompleter(
            self.generic, lambda text: [*reference.regimen_choices(text),
                                        *reference.drug_choices(text)])
        self.completer.chosen.connect(self._choose)
        self._add_save_row()

    def _add_save_row(self) -> None:
        self.save_button = QPushButton("Save as a practice regimen…", self)
        self.save_button.setToolTip(
            "Keep this regimen and the case's evidence under a name; for the next patient, "
            "type the name in Generic name to fill both")
        self.save_button.clicked.connect(self.save_requested.emit)
        self.saved_note = QLabel("", self)
        self.saved_note.setTextFormat(Qt.TextFormat.PlainText)
        self.saved_note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.saved_note, 1)
        self.layout_.addRow("", row)

    def _choose(self, entry: object) -> None:
        if hasattr(entry, "drug") and hasattr(entry, "evidence"):
            self._choose_regimen(entry)
            return
        self.generic.setText(str(getattr(entry, "generic_name", "")))
        brand = getattr(entry, "brand_name", None)
        if brand:
            self.brand.setText(str(brand))
        else:  # an entry without products (an older catalog): keep a brand already typed
            brands = getattr(entry, "brand_names", None) or ()
            if brands and not self.brand.text().strip():
                self.brand.setText(str(brands[0]))
        hcpcs = getattr(entry, "hcpcs", None)
        if isinstance(hcpcs, str) and hcpcs:
            self.hcpcs.setText(hcpcs)
        unit = getattr(entry, "hcpcs_unit", "")
        descriptor = getattr(entry, "hcpcs_descriptor", "")
        self.billing.setText(f"Billing unit: {unit} ({descriptor})" if unit else "")
        route = getattr(entry, "route", "")
        if route and not self.route.value():
            self.route.set_value(route)
        dose_unit = getattr(entry, "dose_unit", "")
        if dose_unit and not self.dose_unit.value():
            self.dose_unit.set_value(dose_unit)
        self._list_products(list(getattr(entry, "ndc_prefixes", ()) or ()), str(brand or ""))
        self.edited.emit()

    def _choose_regimen(self, regimen: object) -> None:
        drug = getattr(regimen, "drug", None)
        if not isinstance(drug, Drug):
            return
        start = self.fields["start_date"].value()  # type: ignore[attr-defined]
        self.write(drug.model_copy(update={"start_date": start}))
        self.show_catalog_product()
        self.edited.emit()
        self.regimen_chosen.emit(regimen)
        field = self.widget_for("start_date")
        if field is not None and start is None:
            field.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_catalog_product(self) -> None:
        """For a case opened from the list: the billing unit and NDC products of the product
        it names, without changing anything typed."""
        brand, generic = self.brand.text().strip(), self.generic.text().strip()
        choices = [c for _text, c in self._reference.drug_choices(brand or generic)]
        chosen = next((c for c in choices
                       if str(getattr(c, "brand_name", "")).casefold() == brand.casefold()), None)
        if chosen is None and not brand:
            chosen = next((c for c in choices
                           if str(getattr(c, "generic_name", "")).casefold() == generic.casefold()
                           and getattr(c, "kind", "") == "reference"), None)
        unit = getattr(chosen, "hcpcs_unit", "") if chosen is not None else ""
        descriptor = getattr(chosen, "hcpcs_descriptor", "")
        self.billing.setText(f"Billing unit: {unit} ({descriptor})" if unit else "")
        prefixes = list(getattr(chosen, "ndc_prefixes", ()) or ()) if chosen is not None else []
        self._list_products(prefixes, str(getattr(chosen, "brand_name", "") or ""))

    def _list_products(self, prefixes: list[str], product: str = "") -> None:
        self.ndc_products.clear()
        if not prefixes:
            self.ndc_products.addItem(NO_PRODUCTS)
            self.ndc_products.setEnabled(False)
            return
        self.ndc_products.addItem("— pick the product to fill the NDC —")
        for prefix in prefixes:
            self.ndc_products.addItem(f"{prefix} ({product})" if product else prefix, prefix)
        self.ndc_products.setEnabled(True)

    def _pick_ndc(self, index: int) -> None:
        prefix = self.ndc_products.itemData(index)
        if not isinstance(prefix, str):
            return
        # The catalog knows the labeler and product parts; the package part is on the carton.
        self.ndc.setText(f"{prefix}-")
        self.ndc.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ndc.setCursorPosition(len(self.ndc.text()))
        self.ndc_products.setCurrentIndex(0)
        self.edited.emit()
