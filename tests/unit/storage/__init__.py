"""Tests for desktop_app.storage."""
