"""Tests of marketplace/admin (the platform admin)."""
