"""Use cases: check, render, export, sign, store: the one door from ui/ and cli into the core."""

from desktop_app.services import knowledge_places

# Reference data and the ICD-10-CM cache in this desk's folders, before any use case runs.
knowledge_places.install()
