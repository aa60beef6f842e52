"""Every read of the Map stage that depends on who is asking, one module per sub-domain."""
