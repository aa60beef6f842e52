"""Pages of Engage, Plan and Create, one module per area."""
