"""Money to members and the cooperative's books (DESIGN.md §8)."""
