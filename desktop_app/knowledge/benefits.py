"""Part B or Part D: oral anticancer drugs that Part B covers (data/part_b_oral_anticancer.json).

SSA §1861(s)(2)(Q) puts an oral anticancer drug under Part B when its active ingredient (or,
for a prodrug such as capecitabine, the drug it becomes) is covered in a form the patient cannot
give themselves, for the same indications. Other self-administered drugs belong to Part D.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from pydantic import Field

from desktop_app.knowledge.reference import DataModel, load_reference, register_cache

BENEFITS_FILE = "part_b_oral_anticancer.json"
# Words staff type for a route taken by mouth.
_ORAL = re.compile(r"\b(oral|orally|by mouth|po|p\.o\.?|per os|tablets?|capsules?)\b", re.I)


class OralAnticancerDrug(DataModel):
    generic_name: str = Field(min_length=1)
    brand_names: tuple[str, ...] = ()
    injectable_form: str = Field(min_length=1)
    prodrug: bool = False


class OralAnticancerList(DataModel):
    about: str = ""
    source: str = Field(min_length=1)
    url: str = ""
    effective: dt.date
    verified: bool = True
    note: str = ""
    drugs: tuple[OralAnticancerDrug, ...]


@functools.cache
def oral_anticancer_list() -> OralAnticancerList:
    return load_reference(BENEFITS_FILE, OralAnticancerList)


register_cache(oral_anticancer_list.cache_clear)


def part_b_oral_anticancer(*names: object) -> OralAnticancerDrug | None:
    """The listed oral anticancer drug any of these generic or brand names refers to, or None."""
    keys = {" ".join(n.casefold().split()) for n in names if isinstance(n, str) and n.strip()}
    for drug in oral_anticancer_list().drugs:
        if keys & {drug.generic_name.casefold(), *(b.casefold() for b in drug.brand_names)}:
            return drug
    return None


def is_oral_route(route: object) -> bool:
    """'oral', 'PO', 'by mouth', 'tablets': taken by mouth."""
    return isinstance(route, str) and bool(_ORAL.search(route))
