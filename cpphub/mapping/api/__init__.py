"""The Map stage's API under /api/v1/, one module per area."""
