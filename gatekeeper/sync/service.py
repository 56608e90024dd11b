"""Export and import of sync files for one installation: what ``gatekeeper export-sync`` and
``gatekeeper import-sync`` call."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path

from gatekeeper.config import Paths
from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.errors import UserError
from gatekeeper.services.setup import Installation
from gatekeeper.storage.database import Database
from gatekeeper.sync.chain import verify_gate_chain
from gatekeeper.sync.exporter import DEFAULT_BATCH, MAX_BATCH, ExportedFile, SyncExporter
from gatekeeper.sync.identity import SITE, load_signer, role_of
from gatekeeper.sync.importer import ImportReport, SyncImporter


class SyncService:
    def __init__(
        self, db: Database, paths: Paths, installation: Installation, clock: Clock = utc_now
    ) -> None:
        self.db = db
        self.paths = paths
        self.installation = installation
        self.clock = clock

    def role(self) -> str:
        """``site``, ``gate`` or ``web`` (see sync/identity.py)."""
        with self.db.session() as session:
            return role_of(session)

    def export(
        self,
        out_dir: Path,
        *,
        since_seq: int | None = None,
        batch_size: int = DEFAULT_BATCH,
        actor: str | None = None,
    ) -> list[ExportedFile]:
        """Write sync files of what has not been exported yet into the folder OUT (created if
        missing), one file per batch, and return them (the command prints their paths).

        Every installation exports the records it made (screening events with their readings,
        health declarations, visits, corrections, and the visitors, their passes and the
        guards these refer to), in the order of its sequence numbers, for the site's officer
        or central installation. The site's installation also exports its registry (gates,
        keys, people, badges and revocations) for its gates. Run again, it writes nothing
        new.

        ``since_seq`` (--since-seq N) exports the records again from sequence number N, for a
        file that was lost on the way; on the site it also exports the whole registry again.
        ``batch_size`` (--batch-size N, default 10,000) is the most records a file holds.
        """
        if batch_size < 1 or batch_size > MAX_BATCH:
            raise UserError(f"The batch size must be between 1 and {MAX_BATCH:,}.")
        if since_seq is not None and since_seq < 1:
            raise UserError("Sequence numbers start at 1: --since-seq must be 1 or more.")
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"The folder {out_dir} cannot be made: {exc.strerror}") from exc
        if not out_dir.is_dir():
            raise UserError(f"{out_dir} is not a folder.")
        role = self.role()
        exporter = SyncExporter(
            self.db, self.installation, role, load_signer(self.paths, role), self.clock, actor
        )
        files: list[ExportedFile] = []
        if role == SITE:
            files += exporter.registry(out_dir, full=since_seq is not None, batch_size=batch_size)
        files += exporter.records(out_dir, since_seq=since_seq, batch_size=batch_size)
        return files

    def import_files(
        self, files: Sequence[Path], *, actor: str | None = None
    ) -> ImportReport:
        """Import sync files (FILE...), in any order. Each file is checked whole first (its
        signature against the key this site provisioned for the gate that made it, and the
        checksum of every part), then imported in one transaction; a damaged, altered or
        foreign file is rejected with the reason and nothing of it is imported. Importing a
        file again changes nothing. A gate's files are imported in the order of its
        sequence numbers: a file after a missing one waits (reported as a gap) until the
        missing file is imported. On a gate, the site's registry files are imported; on the
        site's installation, the gates' record files."""
        if not files:
            raise UserError("Name at least one sync file to import.")
        return SyncImporter(
            self.db, self.installation, self.role(), self.clock, actor
        ).import_files(files)

    def verify_chain(self, gate_id: uuid.UUID | None = None) -> list[str]:
        """Problems in the hash chain of a gate's screening events as stored here (this
        installation's own gate by default); empty when the chain is intact."""
        with self.db.session() as session:
            return verify_gate_chain(session, gate_id or self.installation.gate_id)
