"""Tests of marketplace/checkout (the folder mirrors the package)."""
