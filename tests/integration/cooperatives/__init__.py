"""Tests of marketplace/cooperatives (the folder mirrors the package)."""
