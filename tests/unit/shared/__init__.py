"""Tests of the shared modules (marketplace/*.py) and rules that span packages."""
