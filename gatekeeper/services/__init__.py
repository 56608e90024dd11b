"""Use cases with plain inputs and outputs. No Qt."""
