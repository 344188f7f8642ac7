"""Tests of marketplace/finance (the folder mirrors the package)."""
