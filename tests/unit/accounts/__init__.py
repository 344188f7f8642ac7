"""Tests of marketplace/accounts (the folder mirrors the package)."""
