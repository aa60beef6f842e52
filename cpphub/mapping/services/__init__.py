"""Every write of the Map stage, one module per sub-domain."""
