"""A buyer's saved delivery addresses (several, one default), chosen at checkout."""
