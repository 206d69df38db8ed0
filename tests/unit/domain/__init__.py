"""Tests of desktop_app.domain."""
