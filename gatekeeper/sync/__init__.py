"""Upstream sync: sync-file bundles, exporter, importer, and the PostgreSQL pusher."""
