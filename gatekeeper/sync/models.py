"""The tables sync needs (what was exported and imported, and which gate a key belongs to).
They are part of the main schema in gatekeeper/storage/models.py."""

from __future__ import annotations

from gatekeeper.storage.models import SyncImport, SyncKeyGate, SyncPublished, SyncSent, SyncState

__all__ = ["SyncImport", "SyncKeyGate", "SyncPublished", "SyncSent", "SyncState"]
