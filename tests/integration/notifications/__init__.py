"""Tests of marketplace/notifications (the folder mirrors the package)."""
