"""The HCPCS code beside the drug and product the case names, from the drug catalog.

Biosimilars and some formulations have codes of their own (Ogivri Q5114, Infugem J9198); a
claim billed under another product's code, or another drug's, is denied however good the
letter. Source: each code's CMS HCPCS descriptor, as the catalog entry records it.
"""

from __future__ import annotations

from collections.abc import Iterator

from desktop_app.domain.findings import Finding, Severity
from desktop_app.errors import StorageError
from desktop_app.knowledge.drug_catalog import find_drug
from desktop_app.rules.engine import RuleContext, rule
from desktop_app.rules.label_check import identify


@rule(
    "hcpcs.not_for_product",
    rule_set="identifiers",
    source="CMS HCPCS Level II descriptors, as each drug catalog entry records them with their "
    "source",
    checks="The HCPCS code bills the drug and the product the case names (a biosimilar or a "
    "formulation with its own code is not billed under another product's code).",
)
def check_code_fits_product(context: RuleContext) -> Iterator[Finding]:
    code = getattr(context.case.drug, "hcpcs", None)
    if not isinstance(code, str) or not code.strip():
        return
    code = code.strip().upper()
    try:
        found = identify(context.case)
        owner = find_drug(code)
    except StorageError:
        return  # the label rules report an unreadable catalog
    if found is None:
        return
    drug, product = found
    descriptors = {c.code: c.descriptor for c in drug.hcpcs}
    if owner is not None and owner.generic_name != drug.generic_name:
        yield _finding(f"{code} is a code for {owner.generic_name}, not {drug.generic_name}. "
                       f"{_codes_words(drug.generic_name, descriptors)}")
        return
    if product is None or code not in descriptors or not product.hcpcs or code in product.hcpcs:
        return
    checked = {c.code: c.verified for c in drug.hcpcs}
    own = ", ".join(
        f"{c} ({descriptors.get(c, '')}"
        + ("" if checked.get(c) else "; not yet checked against the CMS HCPCS file")
        + ")"
        for c in product.hcpcs
    )
    yield _finding(f"{code} ({descriptors[code]}) does not bill {product.name}; its code is "
                   f"{own}. Check the code with the payer's billing rules.")


def _codes_words(generic: str, descriptors: dict[str, str]) -> str:
    if not descriptors:
        return "Check the code."
    listed = "; ".join(f"{c} ({d})" for c, d in descriptors.items())
    return f"The catalog's codes for {generic}: {listed}."


def _finding(message: str) -> Finding:
    return Finding("hcpcs.not_for_product", Severity.WARNING, "drug.hcpcs", message)
