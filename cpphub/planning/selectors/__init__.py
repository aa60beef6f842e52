"""Every read of Engage, Plan and Create that depends on who asks, one module per area."""
