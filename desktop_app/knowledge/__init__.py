"""Reference data: ICD-10-CM, drug catalog, compendia, CMS journals, state laws, deadlines."""
