"""What each case field and template helper means, in an admin's words (spec/case-format.md).

The field list itself comes from the case model (letters/fieldref.py walks it); a test fails if
a field has no words here or words name a field that no longer exists.
"""

from __future__ import annotations

CASE_FIELD_WORDS: dict[str, str] = {
    "format": "The case file format, always pa-letter-case/1.",
    "letter": "The letter being written.",
    "letter.kind": "preauth (a prior-authorization request) or appeal (of a denial).",
    "letter.date": "The date the letter is dated; deadlines are counted to it.",
    "letter.expedited": "True when the physician asks for an expedited (urgent) review.",
    "letter.urgency_statement": "Why waiting the standard time would harm the patient.",
    "letter.sent_at": "When the letter reached the payer (set when the case is marked sent).",
    "letter.template": "The id of the practice template chosen for this case's letter, if any.",
    "payer": "The health plan the letter goes to.",
    "payer.name": "The health plan's name.",
    "payer.plan_type": "The kind of plan; decides the coverage standard and appeal deadlines.",
    "payer.state": "Two-letter US state whose off-label law may apply to the plan.",
    "payer.member_id": "The patient's member ID with this plan.",
    "payer.group_number": "The plan's group number.",
    "payer.policy_number": "The plan's coverage policy for this drug, if it has one.",
    "payer.address": "Where to mail the letter.",
    "payer.phone": "The plan's phone number.",
    "payer.fax": "The plan's fax number (the fax cover sheet requires it).",
    "patient": "The patient.",
    "patient.name": "The patient's full name.",
    "patient.dob": "Date of birth.",
    "patient.sex": "Sex, as recorded.",
    "patient.mbi": "Medicare Beneficiary Identifier (Medicare plans).",
    "patient.address": "The patient's address.",
    "patient.phone": "The patient's phone number.",
    "prescriber": "The treating physician who signs the letter.",
    "prescriber.name": "The physician's name.",
    "prescriber.credentials": "Degrees, e.g. MD.",
    "prescriber.npi": "National Provider Identifier, 10 digits.",
    "prescriber.tax_id": "The practice's tax identification number (TIN).",
    "prescriber.specialty": "The physician's specialty, e.g. Medical Oncology.",
    "prescriber.practice": "The practice's name.",
    "prescriber.address": "The practice's address.",
    "prescriber.phone": "The office phone number (for a peer-to-peer call).",
    "prescriber.fax": "The office fax number.",
    "prescriber.email": "The office e-mail address.",
    "diagnosis": "The cancer being treated.",
    "diagnosis.icd10": "ICD-10-CM code, e.g. C56.1.",
    "diagnosis.description": "The diagnosis in words.",
    "diagnosis.histology": "Histology, e.g. high-grade serous carcinoma.",
    "diagnosis.stage": "Stage, e.g. FIGO IIIC.",
    "diagnosis.biomarkers": "Biomarker results, one per item.",
    "diagnosis.diagnosed_on": "Date of diagnosis.",
    "diagnosis.ecog": "ECOG performance status, 0 to 4.",
    "diagnosis.secondary_icd10": "Other ICD-10-CM codes the letter lists, e.g. sites of "
    "metastasis (C78.7), one per item.",
    "drug": "The drug requested.",
    "drug.generic_name": "Generic name, e.g. bevacizumab.",
    "drug.brand_name": "Brand name, e.g. Avastin.",
    "drug.hcpcs": "HCPCS billing code, e.g. J9035.",
    "drug.ndc": "National Drug Code of the product.",
    "drug.dose": "The planned dose.",
    "drug.dose.amount": "The dose as a number, e.g. 7.5.",
    "drug.dose.unit": "The dose's unit, e.g. mg/kg.",
    "drug.route": "Route of administration, e.g. intravenous.",
    "drug.frequency": "How often, e.g. every 3 weeks.",
    "drug.duration": "Planned duration of treatment.",
    "drug.cycles": "Number of planned cycles.",
    "drug.combination_with": "Other drugs given with it, one per item.",
    "drug.site_of_care": "Where it is given, e.g. hospital outpatient infusion center.",
    "drug.start_date": "Planned start date.",
    "off_label": "Why the use is off-label and why it is needed.",
    "off_label.reasons": "indication, dose and/or route: how the use differs from the label.",
    "off_label.rationale": "The physician's reasons this treatment is right for this patient.",
    "off_label.alternatives_considered": "Other treatments considered, and why not chosen.",
    "off_label.trial_population_match": "How the patient matches the population of the cited "
    "trials (MBPM ch.15 §50.4.5(C)).",
    "off_label.monitoring_plan": "How response and toxicity will be monitored, and when "
    "treatment stops.",
    "off_label.conflict_explanation": "Why a compendium's unfavorable listing does not apply to "
    "this patient (answers evidence.conflicting_listing).",
    "off_label.label_check": "A person's check of the drug catalog's label facts against the "
    "current FDA label, for a catalog entry no person has verified.",
    "off_label.label_check.checked_by": "Who checked them against the label.",
    "off_label.label_check.checked_on": "When they were checked.",
    "off_label.label_check.label_revised": "The revision of the label they were checked "
    "against (the first of its month).",
    "prior_therapies": "Treatments already tried, one per item.",
    "prior_therapies[].regimen": "The regimen tried, e.g. carboplatin + paclitaxel.",
    "prior_therapies[].started": "When it started.",
    "prior_therapies[].ended": "When it ended.",
    "prior_therapies[].best_response": "Best response, e.g. partial response.",
    "prior_therapies[].reason_stopped": "Why it was stopped, e.g. progression.",
    "evidence": "Published support for the use; each item is a compendium, article, "
    "trial or guideline (its `type`).",
    "evidence[].type": "compendium, article, trial or guideline.",
    "evidence[compendium].compendium": "Which compendium: NCCN, DrugDex, Clinical "
    "Pharmacology, AHFS-DI, Lexi-Drugs or USP-DI.",
    "evidence[compendium].version": "The compendium's version or date.",
    "evidence[compendium].rating": "Its rating of this use, e.g. 2A (NCCN) or IIa (DrugDex).",
    "evidence[compendium].listing": "The listing's wording.",
    "evidence[article].title": "The article's title.",
    "evidence[article].authors": "Authors, surname then initials, one per item.",
    "evidence[article].journal": "The journal, e.g. N Engl J Med.",
    "evidence[article].year": "Year of publication.",
    "evidence[article].volume": "Journal volume.",
    "evidence[article].issue": "Journal issue.",
    "evidence[article].pages": "Pages.",
    "evidence[article].pmid": "PubMed ID.",
    "evidence[article].doi": "Digital Object Identifier.",
    "evidence[article].design": "Study design, e.g. randomized or case-report.",
    "evidence[article].journal_abbreviation": "The journal's NLM abbreviation (PubMed TA), "
    "e.g. J Clin Oncol; references print it.",
    "evidence[article].pmcid": "PubMed Central ID, e.g. PMC3549297.",
    "evidence[article].publication_types": "PubMed's publication types, e.g. Case Reports.",
    "evidence[article].design_source": "publication-type when the design was read from "
    "PubMed's publication types on import, staff when staff chose it.",
    "evidence[trial].nct": "ClinicalTrials.gov number, e.g. NCT00483782.",
    "evidence[trial].title": "The trial's title.",
    "evidence[guideline].title": "The guideline's title.",
    "evidence[guideline].issuer": "Who issued it, e.g. ASCO.",
    "evidence[guideline].version": "The guideline's version or date.",
    "evidence[guideline].year": "Year the guideline was published.",
    "evidence[guideline].pmid": "PubMed ID of a guideline published in a journal.",
    "evidence[guideline].doi": "DOI of a guideline published in a journal.",
    "denial": "The denial being appealed (appeals only; empty for a pre-authorization).",
    "denial.date": "The date on the denial notice.",
    "denial.reference_number": "The claim or authorization number on the denial.",
    "denial.reason": "The denial's reason, as the plan wrote it.",
    "denial.level": "The appeal level: first, second, external, redetermination or "
    "reconsideration.",
    "denial.amount_in_controversy": "The amount in dispute, in dollars.",
    "denial.reasons": "Each reason the denial states, one per item (answered one by one in "
    "facts.denial_answers).",
    "denial.reasons[].category": "What the reason is about: experimental, "
    "not_medically_necessary, not_fda_approved, not_in_compendia, step_therapy, "
    "missing_information, out_of_network, quantity_limit or other.",
    "denial.reasons[].text": "The reason in the payer's words.",
    "denial.reasons[].response": "The practice's own answer to this reason.",
    "denial.criteria_cited": "The policies or guidelines the denial cites (a list).",
    "denial.stated_deadline": "The last day to appeal, as the denial letter states it.",
    "denial.late_reason": "Why the appeal is filed after its deadline (good cause); the "
    "appeal letter asks to accept it late.",
    "attachments": "Documents sent with the letter, one per item.",
    "attachments[].title": "The document's title, listed under Enclosures.",
    "attachments[].path": "Where the file is on this computer.",
    "attachments[].article": "The cited article this file is the full text of "
    "(pmid:… or doi:…).",
    "call_log": "Calls with the payer, one per item (worded for citing in facts.calls).",
    "call_log[].at": "The date and time of the call.",
    "call_log[].who": "Whom staff spoke with at the payer.",
    "call_log[].reference_number": "The call's reference number, as the payer gave it.",
    "call_log[].summary": "What was said, as staff noted it.",
    "call_log[].staff": "Who at the practice made or took the call.",
    "approval": "The payer's approval (after the request is approved).",
    "approval.authorization_number": "The authorization number on the approval.",
    "approval.approved_units": "The units or quantity approved, as the approval states them.",
    "approval.start": "The first day of the approved period.",
    "approval.end": "The last day of the approved period (renewals start from it).",
    "approval.approved_on": "The date of the approval.",
}

FACTS_WORDS: dict[str, str] = {
    "letter_title": "'Prior authorization request', 'Letter of medical necessity' (Medicare "
    "Part B) or 'Appeal of coverage denial'.",
    "letter_date": "The letter's date in words, e.g. November 28, 2026.",
    "patient_dob": "Date of birth in words.",
    "plan_label": "The plan type in words, e.g. Medicare Part B.",
    "is_medicare": "True for Medicare Part B, Part D and Medicare Advantage plans.",
    "drug_name": "'bevacizumab (Avastin)': generic name with the brand in brackets.",
    "dose": "'7.5 mg/kg'.",
    "regimen": "The whole regimen in one phrase: drug, dose, route, frequency, cycles, "
    "combination.",
    "combination": "The combination drugs as 'a, b and c'.",
    "biomarkers": "Biomarkers joined with semicolons.",
    "diagnosed_on": "Date of diagnosis in words.",
    "start_date": "Planned start date in words.",
    "off_label_points": "One sentence per off-label reason (a list).",
    "off_label_points_beyond_label": "The off-label reasons less the one facts.label already "
    "says in full (its labeled indications do not include this cancer): for a list printed "
    "beside facts.label.",
    "label": "What the drug's FDA label covers beside this request, from the drug catalog: "
    "the closest labeled indications, the labeled dosing and route, quoted as the label's "
    "words only where a person checked the entry (empty when the catalog has no entry for the "
    "drug).",
    "appeal_level": "The appeal level in words, e.g. Redetermination by the Medicare "
    "Administrative Contractor (MAC).",
    "denial_date": "The denial's date in words.",
    "prescriber_signature_name": "'Avery Quinn, MD'.",
    "evidence": "Each evidence item in words, with its reference number (a list).",
    "justification": "The coverage standard that applies and whether the evidence meets it "
    "(empty when the rules cannot tell).",
    "deadline": "The appeal filing deadline (empty when none applies).",
    "deadline_due": "The last day to file an appeal, in words.",
    "page_count": "The number of pages sent, or 'see attached'.",
    "practice": "The practice letterhead from Settings.",
    "law": "What the letter says about the law: subject, addressee, who decides the appeal, "
    "the benefit, and the decision timeframe and criteria it asks for.",
    "patient": "The patient explainer's time limits as numbers and units (review_time, "
    "appeal_time: amount and unit hours/days/months; appeal_due, a date), with their sources; "
    "a limit no source confirms is empty.",
    "denial_answers": "Appeals: each reason the denial states, with its answer from the case "
    "(a list; empty when the reasons are not entered one by one).",
    "calls": "Calls with the payer, each as a sentence a letter can cite (a list).",
    "strongest_points": "The peer-to-peer brief's strongest points (up to three), each with "
    "its compendium category or trial (a list).",
    "reviewer_request": "Whom to ask for as the reviewer: a board-certified oncologist.",
    "call_references": "The numbers to quote on a call: denial reference, member ID, codes, "
    "call references (a list).",
}

LETTERHEAD_WORDS: dict[str, str] = {
    "practice_name": "The practice's name.",
    "address": "The practice's address.",
    "phone": "The practice's phone number.",
    "fax": "The practice's fax number.",
    "email": "The practice's e-mail address.",
    "logo_path": "The letterhead logo file (printed by the app, not by templates).",
}

OTHER_HELPERS: dict[str, tuple[str, str]] = {
    # name: (what to insert, what it does)
    "cite": (
        "{% if case.evidence %}{{ cite(0) }}{% endif %}",
        "cite(i) prints the reference mark [n] for case.evidence[i] "
        "(from 0); cite([0, 2]) prints [1, 3].",
    ),
    "citations": (
        "{% if citations %}<references/>{% endif %}",
        "The numbered references; <references/> prints them in AMA style.",
    ),
    "range": ("{% for i in range(3) %}{% endfor %}", "range(n): 0 to n-1 (at most 100,000)."),
    "namespace": ("{% set ns = namespace(count=0) %}", "A box for values a loop changes."),
}

MARKUP_TAGS: dict[str, str] = {
    "<letter>…</letter>": "The whole letter; everything goes inside it.",
    "<banner>…</banner>": "A bold banner at the top, e.g. EXPEDITED APPEAL.",
    "<h1>…</h1>": "A main heading.",
    "<h2>…</h2>": "A section heading.",
    "<p>…</p>": 'A paragraph; style="body|subject|small|quote|address|closing".',
    "<ul><li>…</li></ul>": "A bulleted list.",
    "<ol><li>…</li></ol>": "A numbered list.",
    '<table style="grid" widths="1,2"><tr><th>…</th><td>…</td></tr></table>': (
        "A table; style grid or reference, widths are relative column widths."
    ),
    "<b>…</b>": "Bold text inside a paragraph.",
    "<i>…</i>": "Italic text.",
    "<u>…</u>": "Underlined text.",
    "<br/>": "A line break inside a paragraph.",
    "<references/>": "The numbered reference list.",
    "<signature/>": "The physician's signature block (every letter to a payer needs one).",
    "<pagebreak/>": "Start a new page.",
}
