"""Tests of marketplace/fulfilment (the folder mirrors the package)."""
