"""Tests of marketplace/payments (the folder mirrors the package)."""
