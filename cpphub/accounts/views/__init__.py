"""Pages of the accounts app: sign-in (two-factor), the own account, people and access."""
