"""`pa-letter drugs`: the catalog listed, one drug in full, and labels newer than the catalog.

Read-only: nothing here edits the catalog. A newer label is reported with what changed in its
indications text, for a person to read the label and update the drug file.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app import limits
from desktop_app.errors import LabelFileError
from desktop_app.knowledge.drug_catalog import drug_catalog, find_drug, search_drugs
from desktop_app.knowledge.drug_label_model import DrugEntry, Indication, LabelRef
from desktop_app.knowledge.label_updates import LabelUpdate, newer_labels, read_openfda


@dataclass(frozen=True, slots=True)
class DrugLookup:
    """What a NAME finds: one drug, several, or none."""

    drug: DrugEntry | None
    matches: tuple[DrugEntry, ...]
    source_file: str  # the catalog file the drug is in


@dataclass(frozen=True, slots=True)
class UpdateReport:
    file: str
    labels_read: int
    skipped: tuple[str, ...]  # "results.3: no set_id"
    updates: tuple[LabelUpdate, ...]


def catalog_drugs() -> list[DrugEntry]:
    """Every drug, by generic name."""
    return sorted(drug_catalog().drugs, key=lambda d: d.generic_name.casefold())


def look_up(name: str) -> DrugLookup:
    """The drug an exact name or code names, else the one drug a search finds, else matches."""
    drug = find_drug(name)
    matches = (drug,) if drug else tuple(search_drugs(name, limit=50))
    if drug is None and len(matches) == 1:
        drug = matches[0]
    origin = drug_catalog().origin.get(drug.generic_name, "") if drug else ""
    return DrugLookup(drug, matches, origin)


def summary_row(drug: DrugEntry) -> dict[str, Any]:
    """One line of the listing, as data."""
    return {
        "generic_name": drug.generic_name,
        "products": [p.name for p in drug.products],
        "hcpcs": [c.code for c in drug.hcpcs],
        "routes": sorted({r for p in drug.products for r in p.routes}),
        "indications": len(drug.indications),
        "label_setid": drug.label.setid,
        "label_url": drug.label.url,
        "label_revised": drug.label.revised.isoformat(),
        "verified": drug.verified,
        "anticancer": drug.anticancer,
    }


def drug_json(drug: DrugEntry, source_file: str) -> dict[str, Any]:
    data: dict[str, Any] = drug.model_dump(mode="json")
    data["label"]["url"] = drug.label.url
    data["source_file"] = source_file
    return data


def listing_text(drugs: list[DrugEntry]) -> list[str]:
    if not drugs:
        return ["The drug catalog is empty."]
    lines = [f"{'generic name':<30} {'revised':<8} {'checked':<8} {'routes':<24} HCPCS"]
    for drug in drugs:
        row = summary_row(drug)
        lines.append(
            f"{drug.generic_name:<30} {drug.label.revised:%m/%Y}  "
            f"{'yes' if drug.verified else 'NO':<8} {', '.join(row['routes']):<24} "
            f"{', '.join(row['hcpcs'])}"
        )
    checked = sum(d.verified for d in drugs)
    lines.append(f"{len(drugs)} drugs, {checked} checked against their labels by a person.")
    return lines


def detail_text(drug: DrugEntry, source_file: str) -> list[str]:
    label = drug.label
    lines = [
        drug.generic_name + ("" if drug.anticancer else " (not an anticancer drug)"),
        f"  Label: {label.title}, revised {label.revised:%B %Y}",
        f"         {_where(label)}: {label.url}",
        f"  Checked against the label: {'yes' if drug.verified else 'NO'}"
        + (f" ({drug.verified_note})" if drug.verified_note else ""),
        f"  Catalog file: {source_file}",
    ]
    if drug.other_names:
        lines.append(f"  Other names: {', '.join(drug.other_names)}")
    if drug.classes:
        lines.append(f"  Classes: {', '.join(drug.classes)}")
    lines.append("  Products:")
    for p in drug.products:
        lines.append(
            f"    {p.name} ({p.proper_name}, {p.kind}): HCPCS {', '.join(p.hcpcs) or 'none'}; "
            f"NDC {', '.join(p.ndc_prefixes) or 'none listed'}; {', '.join(p.routes)}; "
            f"Medicare {p.medicare_benefit.replace('_', ' ')}"
        )
        if p.label:
            lines.append(
                f"      own label: {p.label.title}, revised {p.label.revised:%B %Y}, "
                f"{_where(p.label)}"
            )
    lines.append("  HCPCS codes:")
    for c in drug.hcpcs:
        lines.append(
            f"    {c.code}  {c.descriptor} (billing unit {c.unit})"
            + ("" if c.verified else " [not verified]")
        )
    lines.append("  Indications:")
    for ind in drug.indications:
        lines += _indication_lines(ind, drug.verified)
    return lines


def _where(label: LabelRef) -> str:
    return f"DailyMed set id {label.setid}" if label.setid else "Drugs@FDA"


def _indication_lines(ind: Indication, verified: bool) -> list[str]:
    # Quotation marks say "the label's words": only for an entry a person read on the label.
    said = "label" if verified else "catalog's label text, not confirmed"
    conditions = [f"ICD-10-CM {', '.join(ind.icd10)}"]
    if ind.exclude_icd10:
        conditions.append(f"not {', '.join(ind.exclude_icd10)}")
    if ind.tissue_agnostic:
        conditions.append("tissue-agnostic")
    if ind.histology_any:
        conditions.append(f"histology {' or '.join(ind.histology_any)}")
    if ind.histology_none:
        conditions.append(f"not {' or '.join(ind.histology_none)}")
    conditions += [f"biomarker {' or '.join(need)}" for need in ind.biomarkers]
    if ind.settings:
        conditions.append(" or ".join(ind.settings))
    if ind.line != "any":
        conditions.append(f"{ind.line} line")
    if ind.after:
        conditions.append(f"after {' or '.join(ind.after)}")
    conditions += [f"with {' or '.join(need)}" for need in ind.combination_with]
    if ind.monotherapy:
        conditions.append("single agent")
    if ind.min_age_years is not None:
        conditions.append(f"age {ind.min_age_years:g}+")
    lines = [
        f"    {ind.section} {ind.summary}",
        f"      when: {'; '.join(conditions)}",
        f"      {said}: " + (f"“{ind.label_text}”" if verified else ind.label_text),
    ]
    for r in ind.regimens:
        amount = f"{r.amount:g}" + (f"–{r.amount_max:g}" if r.amount_max else "")
        text = f"“{r.text}”" if verified else r.text
        lines.append(f"      dose: {amount} {r.unit} {r.route}, {r.schedule}: {text}")
    return lines


def read_label_file(path: Path) -> bytes:
    """The file's bytes; an openFDA download's .zip is opened for the .json inside it."""
    raw = limits.read_bounded(
        path, limits.LABEL_FILE_BYTES, what="an openFDA drug-label file", error=LabelFileError,
        unreadable="cannot read the file ({reason})")
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        if raw.startswith(b"PK\x03\x04"):
            # A download cut short: the zip's first entry, but not its closing directory.
            raise LabelFileError("the .zip file is damaged or cut short", file=str(path),
                                 hint="download it again from open.fda.gov")
        return raw
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = [n for n in archive.namelist() if n.lower().endswith(".json")]
            if len(members) != 1:
                raise LabelFileError("the .zip file should hold one .json file", file=str(path))
            return _unpacked(archive, members[0], path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise LabelFileError(f"cannot open the .zip file ({exc})", file=str(path)) from None


def _unpacked(archive: zipfile.ZipFile, member: str, path: Path) -> bytes:
    """The member's bytes, once the sizes the .zip declares are within the caps.

    A zip bomb is refused before anything is unpacked. The declared size bounds the read
    too (zipfile gives no byte past it, and a false one fails its CRC check), so memory never
    holds more than the cap, read in pieces as a check against a reader that would not stop.
    """
    info = archive.getinfo(member)
    cap = limits.LABEL_JSON_BYTES
    too_large = (f"the .json in the .zip file unpacks to more than {limits.size_words(cap)}, "
                 "too large to be an openFDA drug-label answer")
    hint = ("a whole openFDA bulk-download part is too large to read here; query "
            "api.fda.gov/drug/label.json for the catalog's drugs and give that file")
    if info.file_size > cap:
        raise LabelFileError(too_large, file=str(path), hint=hint)
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > limits.LABEL_RATIO_FROM and ratio > limits.LABEL_ZIP_RATIO:
        raise LabelFileError(
            f"the .json in the .zip file unpacks to {ratio:,.0f} times its packed size, "
            f"more than a label file packs (at most {limits.LABEL_ZIP_RATIO} times): the .zip "
            "is damaged or was made to fill memory", file=str(path))
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as stream:
        while chunk := stream.read(min(8 * limits.MB, cap + 1 - size)):
            size += len(chunk)
            if size > cap:
                raise LabelFileError(too_large, file=str(path), hint=hint)
            chunks.append(chunk)
    return b"".join(chunks)


def check_label_updates(path: Path) -> UpdateReport:
    """Catalog drugs whose label in an openFDA file is newer than the catalog entry."""
    labels, skipped = read_openfda(read_label_file(path), str(path))
    updates = newer_labels(drug_catalog().drugs, labels)
    return UpdateReport(str(path), len(labels), tuple(skipped), tuple(updates))


def update_json(report: UpdateReport) -> dict[str, Any]:
    return {
        "file": report.file,
        "labels_read": report.labels_read,
        "skipped": list(report.skipped),
        "updates": [
            {
                "generic_name": u.drug.generic_name,
                "catalog_revised": u.drug.label.revised.isoformat(),
                "catalog_setid": u.drug.label.setid,
                "label_setid": u.label.set_id,
                "label_effective": u.label.effective.isoformat(),
                "matched_by": u.matched_by,
                "no_longer_in_label": [
                    {"section": i.section, "id": i.id, "text": i.label_text}
                    for i in u.no_longer_in_label
                ],
                "not_in_catalog": list(u.not_in_catalog),
            }
            for u in report.updates
        ],
    }


def update_text(report: UpdateReport) -> list[str]:
    lines = [f"{report.file}: skipped {note}" for note in report.skipped]
    for u in report.updates:
        lines.append(
            f"{u.drug.generic_name}: the label of {u.label.effective:%Y-%m-%d} (set id "
            f"{u.label.set_id}, matched by {u.matched_by}) is newer than the catalog's "
            f"(revised {u.drug.label.revised:%m/%Y})"
        )
        lines += [
            f"  - {i.section} “{i.label_text}” (catalog wording the new label lacks)"
            for i in u.no_longer_in_label
        ]
        lines += [
            f"  + “{text}” (label wording no catalog indication quotes)"
            for text in u.not_in_catalog
        ]
    count = len(report.updates)
    lines.append(
        f"{report.labels_read} labels read; {count} catalog "
        f"{'drug has' if count == 1 else 'drugs have'} a newer label."
        + (
            " The catalog was not changed: read each label and update its drug file "
            "(docs/drug-catalog.md)."
            if count
            else ""
        )
    )
    return lines
