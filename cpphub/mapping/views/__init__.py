"""Pages of the Map stage, one module per area."""
