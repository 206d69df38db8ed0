"""Check the drug-label files in knowledge/data/drugs/: shape, vocabulary and duplicates.

Run: .venv/bin/python scripts/check_drug_data.py [FILE ...]
Prints one line per problem and a count of drugs, indications and verified entries; exits 1 on
any problem. The test suite runs the same checks.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import ValidationError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app.knowledge.drug_label_model import DrugGroupFile  # noqa: E402
from desktop_app.knowledge.drug_merge import find_duplicates  # noqa: E402

DRUGS_DIR = ROOT / "desktop_app" / "knowledge" / "data" / "drugs"


def _load(path: Path, problems: list[str]) -> DrugGroupFile | None:
    try:
        return DrugGroupFile.model_validate_json(path.read_bytes())
    except ValidationError as exc:
        for err in exc.errors()[:20]:
            where = ".".join(str(p) for p in err["loc"])
            problems.append(f"{path.name}: {where}: {err['msg']}")
    except (OSError, json.JSONDecodeError) as exc:
        problems.append(f"{path.name}: {exc}")
    return None


def main(argv: list[str]) -> int:
    # Resolved, so a relative path and the bundled file are one file, not a duplicate pair.
    paths = [Path(a).resolve() for a in argv] or sorted(DRUGS_DIR.glob("*.json"))
    all_paths = sorted(DRUGS_DIR.glob("*.json"))
    problems: list[str] = []
    files = {p: _load(p, problems) for p in {*paths, *all_paths}}
    biomarkers: set[str] = set()
    histology: set[str] = set()
    classes: set[str] = set()
    names: dict[str, str] = {}
    for path, group in files.items():
        if group is None:
            continue
        biomarkers |= set(group.biomarker_terms)
        histology |= set(group.histology_terms)
        classes |= set(group.class_members)
        classes |= {n.casefold() for n in group.partner_drugs}
        for drug in group.drugs:
            classes |= set(drug.classes)
            for name in (drug.generic_name, *(p.name for p in drug.products)):
                key = name.casefold()
                if key in names and names[key] != path.name:
                    problems.append(f"{path.name}: {name!r} is also in {names[key]}")
                names.setdefault(key, path.name)
    loaded = sorted(((p.name, g) for p, g in files.items() if g), key=lambda item: item[0])
    for dup in find_duplicates(loaded):
        problems.append(f"{dup.file}: {dup.field}: {dup.message}")
    terms = biomarkers | histology | {t for _, g in loaded for t in g.setting_terms}
    for name, group in loaded:
        for term, others in group.contrary_terms.items():
            for word in (term, *others):
                if word not in terms:
                    problems.append(f"{name}: contrary_terms: {word!r} is not a defined term")
    generic = {d.generic_name.casefold() for g in files.values() if g for d in g.drugs}
    counts = [0, 0, 0]
    for path in paths:
        group = files.get(path)
        if group is None:
            continue
        for drug in group.drugs:
            counts[0] += 1
            counts[1] += len(drug.indications)
            counts[2] += drug.verified
            for ind in drug.indications:
                where = f"{path.name}: {drug.generic_name}/{ind.id}"
                for need in ind.biomarkers:
                    for term in need:
                        if term not in biomarkers:
                            problems.append(f"{where}: biomarker term {term!r} not defined")
                for term in (*ind.histology_any, *ind.histology_none):
                    if term not in histology:
                        problems.append(f"{where}: histology term {term!r} not defined")
                for term in (*ind.after, *(t for need in ind.combination_with for t in need)):
                    known = generic | classes | {c.casefold() for c in classes}
                    if term.casefold() not in known:
                        problems.append(
                            f"{where}: {term!r} is neither a catalog drug nor a drug class"
                        )
                if not ind.regimens:
                    problems.append(f"{where}: no regimen")
    for line in problems:
        print(line)
    print(
        f"{counts[0]} drugs, {counts[1]} indications, {counts[2]} verified; "
        f"{len(problems)} problems"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
