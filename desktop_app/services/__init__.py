"""Use cases: check, render, export, sign, store: the one door from ui/ and cli into the core."""

from desktop_app.services import font_cache, knowledge_places, template_cache

# Reference data and the ICD-10-CM cache in this desk's folders, and the folder compiled
# letter templates and parsed fonts are kept in, before any use case runs.
knowledge_places.install()
template_cache.install()
font_cache.install()
