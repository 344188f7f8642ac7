"""The migrations (migrations/versions) on a real database."""
