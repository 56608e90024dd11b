"""Sending sync files to a platform over HTTPS: what ``gatekeeper sync --post URL`` runs.

Each outbox file (sync/upstream.py: the same spool, export and backoff) is sent as one POST
of JSON::

    {"format": "gatekeeper-batch", "version": 1,
     "batch_id": "<the manifest's batch id>", "file_hash": "<SHA-256 of the manifest>",
     "manifest": {... the signed manifest as JSON ...},
     "file": "<base64 of the whole signed sync file>"}

with ``Content-Type: application/json``, ``Idempotency-Key: <batch id>`` and a timeout. The
file leaves the outbox only on a 2xx answer. The receiver must de-duplicate by ``batch_id``
(and answer 2xx to a batch it already has): a timeout after the receiver stored a batch sends
it again. The file itself carries the manifest and its Ed25519 signature, so the receiver can
check it with the gate's public key (docs/decisions/0003-sync-files.md).

Answers:
- 2xx: delivered.
- 408, 425, 429 and 5xx, a timeout, a refused or cut connection: retried with backoff; the
  batch and the ones after it stay in the outbox.
- any other 4xx: the receiver refuses *this batch* for good (malformed, too large, not
  allowed): it is moved to ``outbox/rejected/``, the error is reported in the status, and the
  next batches go on. Move a file back into the outbox to send it again.
- 3xx is not followed (a POST must not be silently redirected): reported as an error and
  retried, so that a wrong URL shows in the status.
"""

from __future__ import annotations

import base64
import http.client
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from gatekeeper.errors import UserError
from gatekeeper.sync.reader import open_sync_file
from gatekeeper.sync.service import SyncService
from gatekeeper.sync.upstream import DeliveryError, Pending, Round

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30.0
RETRY_STATUSES = frozenset({408, 425, 429})
#: The most bytes of a sync file sent in one request (base64 makes it a third larger).
MAX_FILE = 256 * 1024 * 1024


def check_url(url: str) -> str:
    """An http(s) URL with a host, or a UserError."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UserError(
            f"'{url}' is not an http(s) URL. Use the address the platform gave you, such as "
            "https://example.com/api/gatekeeper/batches."
        )
    try:
        _ = parts.port
    except ValueError as exc:
        raise UserError(f"'{url}' has a bad port number.") from exc
    return url


def batch_body(path: Path) -> tuple[str, bytes]:
    """The batch id and the JSON body of one sync file."""
    data = path.read_bytes()
    if len(data) > MAX_FILE:
        raise DeliveryError(f"{path.name} is larger than {MAX_FILE} bytes", permanent=True)
    with open_sync_file(path) as sync_file:
        manifest = json.loads(sync_file.manifest_bytes)
        batch_id = str(sync_file.manifest.batch_id)
        file_hash = sync_file.file_hash
    body = {
        "format": "gatekeeper-batch", "version": 1, "batch_id": batch_id,
        "file_hash": file_hash, "manifest": manifest,
        "file": base64.b64encode(data).decode("ascii"),
    }
    return batch_id, json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass(frozen=True)
class Answer:
    status: int
    text: str


def _send(url: str, batch_id: str, body: bytes, timeout: float,
          headers: dict[str, str]) -> Answer:
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "Idempotency-Key": batch_id,
        "User-Agent": "gatekeeper-sync", **headers,
    })
    opener = urllib.request.build_opener(_NoRedirect())
    try:
        with opener.open(request, timeout=timeout) as response:
            return Answer(int(response.status), response.read(4096).decode("utf-8", "replace"))
    except urllib.error.HTTPError as exc:
        text = ""
        try:
            text = exc.read(4096).decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            pass
        finally:
            exc.close()
        return Answer(int(exc.code), text)
    except (OSError, http.client.HTTPException) as exc:  # URLError, timeouts included
        reason = getattr(exc, "reason", exc)
        raise DeliveryError(f"POST {url} failed: {reason or type(exc).__name__}") from exc


class Poster(Round):
    """Send every outbox file to ``url`` (see the module's docstring). ``headers`` are added
    to each request (an ``Authorization`` header the platform asks for)."""

    def __init__(
        self,
        local: SyncService,
        url: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        headers: dict[str, str] | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.url = check_url(url)
        super().__init__(local, url, clock or local.clock)
        self.timeout = timeout
        self.headers = dict(headers or {})

    def sync_round(self) -> None:
        self.push()

    def push(self) -> int:
        """Export what is pending into the outbox, then POST each file; returns how many
        were delivered. Raises DeliveryError on the first batch that must be retried."""
        self.outbox.fill(self.sync)
        delivered = 0
        refused: list[str] = []
        for item in self.outbox.pending():
            if self._post(item, refused):
                delivered += 1
        if refused:
            raise DeliveryError("refused for good (moved to outbox/rejected): "
                                + "; ".join(refused), permanent=True)
        return delivered

    def _post(self, item: Pending, refused: list[str]) -> bool:
        try:
            batch_id, body = batch_body(item.path)
        except DeliveryError as exc:
            self.outbox.reject(item.path)
            refused.append(f"{item.path.name}: {exc}")
            return False
        answer = _send(self.url, batch_id, body, self.timeout, self.headers)
        if 200 <= answer.status < 300:
            self.outbox.done(item.path)
            self._delivered()
            return True
        detail = " ".join(answer.text.split())[:200]
        if 400 <= answer.status < 500 and answer.status not in RETRY_STATUSES:
            self.outbox.reject(item.path)
            log.error("batch %s refused with %d: %s", batch_id, answer.status, detail)
            refused.append(f"{item.path.name} (batch {batch_id}): HTTP {answer.status} {detail}")
            return False
        raise DeliveryError(f"POST {self.url}: HTTP {answer.status} {detail}".rstrip())
