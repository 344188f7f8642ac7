"""Tests of marketplace/catalogue (the folder mirrors the package)."""
