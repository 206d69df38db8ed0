"""Helpers shared by tests: generated certificates and sample files (no network, all fictional)."""
