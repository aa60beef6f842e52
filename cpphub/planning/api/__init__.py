"""The API of Engage, Plan and Create under /api/v1/, one module per area."""
