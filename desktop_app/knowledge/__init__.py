"""Reference data: ICD-10-CM, drug catalog, compendia scales, CMS journals, state laws, deadlines."""
