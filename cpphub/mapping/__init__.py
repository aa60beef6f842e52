"""Mapping: children's answers from the bottom-up mapping, and the rules for publishing them."""
