"""Use cases: check, render, export, sign, store: the one door from ui/ and cli into the core."""
