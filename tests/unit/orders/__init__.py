"""Tests of marketplace/orders (the folder mirrors the package)."""
