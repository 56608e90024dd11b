"""The one way to open this installation's upstream destination: the central PostgreSQL
database (``--upstream URL``, sync/upstream.py) or an HTTPS receiver (``--post URL``,
sync/post.py). Used by ``gatekeeper sync`` and by the kiosk, which runs it in a thread."""

from __future__ import annotations

from gatekeeper.errors import UserError
from gatekeeper.sync.service import SyncService
from gatekeeper.sync.upstream import Round


def check_destination(upstream: str | None, post: str | None) -> None:
    """UserError unless at most one destination is given and its URL is well formed (no
    connection is made)."""
    if upstream and post:
        raise UserError("Give one destination: --upstream URL or --post URL.")
    if upstream:
        from gatekeeper.sync.upstream import central_url

        central_url(upstream)
    if post:
        from gatekeeper.sync.post import check_url

        check_url(post)


def open_channel(
    sync: SyncService, *, upstream: str | None = None, post: str | None = None
) -> Round:
    """The destination named by exactly one of ``upstream`` and ``post`` (UserError for a
    malformed URL or for both/neither). Nothing is connected yet: the first round does."""
    if not upstream and not post:
        raise UserError("Give one destination: --upstream URL or --post URL.")
    check_destination(upstream, post)
    if upstream:
        from gatekeeper.sync.upstream import Upstream

        # Where this data folder holds the site's key, rounds also publish the registry.
        key_here = sync.paths.signing_key_file.exists()
        return Upstream(sync, upstream, site_paths=sync.paths if key_here else None)
    from gatekeeper.sync.post import Poster

    assert post is not None
    return Poster(sync, post)
