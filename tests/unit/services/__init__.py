"""Tests for desktop_app.services."""
