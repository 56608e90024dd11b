"""The officer console: the entry log, alerts, amendments, reports, the registry."""
