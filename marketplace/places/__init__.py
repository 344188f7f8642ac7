"""Indonesian places: the official region lists, their lookups and the address picker."""
