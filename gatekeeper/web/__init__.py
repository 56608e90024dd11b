"""The phone self-service web front end (no Qt)."""
