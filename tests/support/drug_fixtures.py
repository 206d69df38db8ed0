"""A small drug catalog for tests, installed as an admin's extra file in the test's data folder.

Shaped like the real entries (knowledge/data/drugs/*.json) but test data: set ids are made up
and the texts are shortened. Tests that need the real labels use the bundled files instead.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from desktop_app.knowledge.reference import BUNDLED_DIR, reload_reference_data

FIXTURE_FILE = "test-fixture.json"


def setid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def label(n: int, title: str, revised: str = "2025-01-01") -> dict[str, Any]:
    return {"setid": setid(n), "title": title, "revised": revised,
            "read_at": f"https://example.test/label/{n}"}


def regimen(amount: float, unit: str, interval: float | None, schedule: str, text: str,
            route: str = "intravenous", **extra: Any) -> dict[str, Any]:
    return {"amount": amount, "unit": unit, "route": route, "interval_days": interval,
            "schedule": schedule, "text": text, **extra}


def hcpcs(code: str, descriptor: str, unit: str, *products: str) -> dict[str, Any]:
    return {"code": code, "descriptor": descriptor, "unit": unit, "products": list(products),
            "source": "https://example.test/hcpcs", "verified": True}


def product(name: str, proper: str, kind: str, codes: list[str], ndc: list[str],
            routes: tuple[str, ...] = ("intravenous",), **extra: Any) -> dict[str, Any]:
    return {"name": name, "proper_name": proper, "kind": kind, "hcpcs": codes,
            "ndc_prefixes": ndc, "routes": list(routes), "medicare_benefit": "part_b", **extra}


PEMBRO_DOSE = regimen(200, "mg", 21, "every 3 weeks", "200 mg every 3 weeks")
PEMBRO_DOSE_6W = regimen(400, "mg", 42, "every 6 weeks", "400 mg every 6 weeks")
NIVO_DOSES = [regimen(240, "mg", 14, "every 2 weeks", "240 mg every 2 weeks"),
              regimen(480, "mg", 28, "every 4 weeks", "480 mg every 4 weeks")]

DRUGS: list[dict[str, Any]] = [
    {
        "generic_name": "pembrolizumab", "classes": ["anti-PD-1/PD-L1"],
        "products": [product("Keytruda", "pembrolizumab", "reference", ["J9271"], ["0006-3026"])],
        "hcpcs": [hcpcs("J9271", "Injection, pembrolizumab, 1 mg", "1 mg")],
        "indications": [
            {"id": "nsclc-first-line-nonsquamous", "section": "1.2",
             "summary": "first-line metastatic nonsquamous NSCLC with pemetrexed and platinum",
             "label_text": "in combination with pemetrexed and platinum chemotherapy, as "
             "first-line treatment of patients with metastatic nonsquamous NSCLC, with no EGFR "
             "or ALK genomic tumor aberrations",
             "icd10": ["C34"], "histology_any": ["nonsquamous"], "settings": ["metastatic"],
             "biomarkers": [["EGFR wild-type"], ["ALK-negative"]], "line": "first",
             "combination_with": [["pemetrexed"], ["platinum"]],
             "regimens": [PEMBRO_DOSE, PEMBRO_DOSE_6W]},
            {"id": "msi-h-solid-tumors", "section": "1.13",
             "summary": "unresectable or metastatic MSI-H or dMMR solid tumors after prior "
             "treatment",
             "label_text": "adult and pediatric patients with unresectable or metastatic "
             "MSI-H or dMMR solid tumors that have progressed following prior treatment and "
             "who have no satisfactory alternative treatment options",
             "icd10": ["C00-C80"], "tissue_agnostic": True,
             "biomarkers": [["MSI-H", "dMMR"]], "settings": ["unresectable", "metastatic"],
             "line": "later", "regimens": [PEMBRO_DOSE, PEMBRO_DOSE_6W]},
        ],
        "label": label(1, "KEYTRUDA (pembrolizumab) injection, for intravenous use",
                       "2025-09-01"),
        "verified": False, "verified_note": "test data",
    },
    {
        "generic_name": "nivolumab", "other_names": ["nivo"], "classes": ["anti-PD-1/PD-L1"],
        "products": [product("Opdivo", "nivolumab", "reference", ["J9299"], ["0003-3772"])],
        "hcpcs": [hcpcs("J9299", "Injection, nivolumab, 1 mg", "1 mg")],
        "indications": [
            {"id": "melanoma-metastatic", "section": "1.1",
             "summary": "unresectable or metastatic melanoma",
             "label_text": "adult and pediatric patients 12 years and older with unresectable "
             "or metastatic melanoma, as a single agent",
             "icd10": ["C43"], "settings": ["unresectable", "metastatic"], "monotherapy": True,
             "min_age_years": 12, "regimens": NIVO_DOSES},
            {"id": "nsclc-after-platinum", "section": "1.3",
             "summary": "metastatic NSCLC progressing on or after platinum-based chemotherapy",
             "label_text": "patients with metastatic non-small cell lung cancer and progression "
             "on or after platinum-based chemotherapy",
             "icd10": ["C34"], "settings": ["metastatic"], "line": "later",
             "after": ["platinum"], "monotherapy": True, "regimens": NIVO_DOSES},
        ],
        "label": label(2, "OPDIVO (nivolumab) injection, for intravenous use", "2025-03-01"),
        "verified": True, "verified_note": "test data",
    },
    {
        "generic_name": "paclitaxel", "classes": ["taxane"],
        "products": [product("Taxol", "paclitaxel", "reference", ["J9267"], ["0015-3475"])],
        "hcpcs": [hcpcs("J9267", "Injection, paclitaxel, 1 mg", "1 mg")],
        "indications": [
            {"id": "ovarian-first-line", "section": "1",
             "summary": "first-line advanced ovarian cancer with cisplatin",
             "label_text": "in combination with cisplatin, first-line treatment of advanced "
             "carcinoma of the ovary",
             "icd10": ["C56"], "settings": ["advanced"], "line": "first",
             "combination_with": [["cisplatin"]],
             "regimens": [regimen(175, "mg/m2", 21, "every 3 weeks",
                                  "175 mg/m2 intravenously over 3 hours every 3 weeks"),
                          regimen(135, "mg/m2", 21, "every 3 weeks",
                                  "135 mg/m2 intravenously over 24 hours every 3 weeks")]},
            {"id": "breast-metastatic", "section": "1",
             "summary": "breast cancer after failure of combination chemotherapy",
             "label_text": "treatment of breast cancer after failure of combination "
             "chemotherapy for metastatic disease or relapse within 6 months of adjuvant "
             "chemotherapy",
             "icd10": ["C50"], "line": "later",
             "regimens": [regimen(175, "mg/m2", 21, "every 3 weeks",
                                  "175 mg/m2 intravenously over 3 hours every 3 weeks")]},
        ],
        "label": label(3, "TAXOL (paclitaxel) injection", "2020-04-01"),
        "verified": False, "verified_note": "test data",
    },
    {
        "generic_name": "gemcitabine", "classes": ["antimetabolite"],
        "products": [
            product("Gemzar", "gemcitabine", "reference", ["J9201"], ["0002-7501"]),
            product("Infugem", "gemcitabine in sodium chloride", "other formulation",
                    ["J9198"], ["70860-206"]),
        ],
        "hcpcs": [hcpcs("J9201", "Injection, gemcitabine hydrochloride, not otherwise "
                        "specified, 200 mg", "200 mg"),
                  hcpcs("J9198", "Injection, gemcitabine hydrochloride, (infugem), 100 mg",
                        "100 mg", "Infugem")],
        "indications": [
            {"id": "pancreatic", "section": "1.4",
             "summary": "locally advanced or metastatic pancreatic adenocarcinoma",
             "label_text": "first-line treatment for patients with locally advanced "
             "(nonresectable Stage II or Stage III) or metastatic (Stage IV) adenocarcinoma "
             "of the pancreas",
             "icd10": ["C25"], "settings": ["locally advanced", "metastatic"],
             "regimens": [regimen(1000, "mg/m2", None, "weekly for up to 7 weeks, then one "
                                  "week rest, then weekly for 3 weeks of every 4 weeks",
                                  "1000 mg/m2 over 30 minutes once weekly for the first 7 "
                                  "weeks, then one week rest")]},
            {"id": "breast-metastatic-after-anthracycline", "section": "1.2",
             "summary": "first-line metastatic breast cancer after adjuvant anthracycline, "
             "with paclitaxel",
             "label_text": "in combination with paclitaxel, for first-line treatment of "
             "metastatic breast cancer after failure of prior anthracycline-containing "
             "adjuvant chemotherapy",
             "icd10": ["C50"], "settings": ["metastatic"], "line": "first",
             "after": ["anthracycline"], "combination_with": [["paclitaxel"]],
             "regimens": [regimen(1250, "mg/m2", None, "Days 1 and 8 of each 21-day cycle",
                                  "1250 mg/m2 over 30 minutes on Days 1 and 8 of each 21-day "
                                  "cycle")]},
        ],
        "label": label(4, "GEMZAR (gemcitabine) for injection, for intravenous use"),
        "verified": True,
    },
    {
        "generic_name": "trastuzumab", "classes": ["anti-HER2"],
        "products": [
            product("Herceptin", "trastuzumab", "reference", ["J9355"], ["50242-132"]),
            product("Ogivri", "trastuzumab-dkst", "biosimilar", ["Q5114"], ["67457-847"],
                    label=label(6, "OGIVRI (trastuzumab-dkst) for injection", "2024-06-01")),
            product("Kanjinti", "trastuzumab-anns", "biosimilar", ["Q5117"], ["55513-132"]),
        ],
        "hcpcs": [
            hcpcs("J9355", "Injection, trastuzumab, excludes biosimilar, 10 mg", "10 mg",
                  "Herceptin"),
            hcpcs("Q5114", "Injection, trastuzumab-dkst, biosimilar, (ogivri), 10 mg",
                  "10 mg", "Ogivri"),
            hcpcs("Q5117", "Injection, trastuzumab-anns, biosimilar, (kanjinti), 10 mg",
                  "10 mg", "Kanjinti"),
        ],
        "indications": [
            {"id": "breast-metastatic", "section": "1.1",
             "summary": "HER2-overexpressing metastatic breast cancer",
             "label_text": "in combination with paclitaxel for first-line treatment of "
             "HER2-overexpressing metastatic breast cancer, or as a single agent after one or "
             "more chemotherapy regimens for metastatic disease",
             "icd10": ["C50"], "biomarkers": [["HER2-positive"]], "settings": ["metastatic"],
             "regimens": [regimen(4, "mg/kg", None, "initial dose", "4 mg/kg as a 90 minute "
                                  "intravenous infusion"),
                          regimen(2, "mg/kg", 7, "weekly", "2 mg/kg as a 30 minute "
                                  "intravenous infusion weekly")]},
            {"id": "gastric-metastatic", "section": "1.2",
             "summary": "HER2-overexpressing metastatic gastric or gastroesophageal junction "
             "adenocarcinoma, first line with cisplatin and capecitabine or 5-fluorouracil",
             "label_text": "in combination with cisplatin and capecitabine or 5-fluorouracil, "
             "for the treatment of patients with HER2-overexpressing metastatic gastric or "
             "gastroesophageal junction adenocarcinoma who have not received prior treatment "
             "for metastatic disease",
             "icd10": ["C16"], "biomarkers": [["HER2-positive"]], "settings": ["metastatic"],
             "line": "first", "combination_with": [["cisplatin"], ["fluoropyrimidine"]],
             "regimens": [regimen(8, "mg/kg", None, "initial dose", "8 mg/kg over 90 "
                                  "minutes"),
                          regimen(6, "mg/kg", 21, "every 3 weeks", "6 mg/kg over 30 to 90 "
                                  "minutes every 3 weeks")]},
        ],
        "label": label(5, "HERCEPTIN (trastuzumab) for injection, for intravenous use",
                       "2024-02-01"),
        "verified": False,
    },
    {
        "generic_name": "pemetrexed", "classes": ["antifolate"],
        "products": [product("Alimta", "pemetrexed", "reference", ["J9305"], ["0002-7623"]),
                     product("Pemfexy", "pemetrexed", "other formulation", ["J9304"], [])],
        "hcpcs": [hcpcs("J9305", "Injection, pemetrexed, not otherwise specified, 10 mg",
                        "10 mg"),
                  hcpcs("J9304", "Injection, pemetrexed (pemfexy), 10 mg", "10 mg", "Pemfexy")],
        "indications": [
            {"id": "nsclc-nonsquamous", "section": "1.1",
             "summary": "locally advanced or metastatic nonsquamous NSCLC",
             "label_text": "locally advanced or metastatic, non-squamous, non-small cell lung "
             "cancer",
             "icd10": ["C34"], "histology_none": ["squamous"],
             "settings": ["locally advanced", "metastatic"],
             "regimens": [regimen(500, "mg/m2", 21, "on Day 1 of each 21-day cycle",
                                  "500 mg/m2 on Day 1 of each 21-day cycle")]},
            {"id": "mesothelioma", "section": "1.2",
             "summary": "malignant pleural mesothelioma with cisplatin",
             "label_text": "in combination with cisplatin, initial treatment of malignant "
             "pleural mesothelioma",
             "icd10": ["C45.0"], "combination_with": [["cisplatin"]],
             "regimens": [regimen(500, "mg/m2", 21, "on Day 1 of each 21-day cycle",
                                  "500 mg/m2 on Day 1 of each 21-day cycle")]},
        ],
        "label": label(7, "ALIMTA (pemetrexed) for injection, for intravenous use"),
        "verified": True,
    },
]


def fixture_group(drugs: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"about": "test catalog", "source": "test data", "effective": "2026-01-01",
            "drugs": copy.deepcopy(DRUGS if drugs is None else drugs),
            "partner_drugs": ["leucovorin"], "class_members": {"antifolate": ["pemetrexed"]}}


def install_catalog(home: Path, group: dict[str, Any] | None = None,
                    name: str = FIXTURE_FILE) -> Path:
    """Make the fixture the whole catalog: an admin's extra file, and an empty admin copy of
    each bundled drug file (the shared vocabulary files stay), so the bundled drugs cannot
    clash with the fixture's."""
    folder = home / "reference" / "drugs"
    folder.mkdir(parents=True, exist_ok=True)
    for bundled in (BUNDLED_DIR / "drugs").glob("*.json"):
        if not bundled.name.startswith("_"):
            empty = {"about": "emptied for a test", "source": "test", "effective": "2026-01-01",
                     "drugs": []}
            (folder / bundled.name).write_text(json.dumps(empty), "utf-8")
    path = folder / name
    path.write_text(json.dumps(fixture_group() if group is None else group), "utf-8")
    reload_reference_data()
    return path
