"""Running the self-service pages: `gatekeeper serve` (uvicorn, one process)."""

from __future__ import annotations

import logging
import sys

import uvicorn
from fastapi import FastAPI

from gatekeeper.config import Paths
from gatekeeper.services.badges import BadgeService
from gatekeeper.services.selfservice import SelfService, web_installation
from gatekeeper.storage.database import Database
from gatekeeper.web.app import WebConfig, create_app
from gatekeeper.web.security import load_secret


def build_app(db: Database, paths: Paths) -> FastAPI:
    """The application of the web service whose key is in ``paths`` (provisioned with
    ``--role web``), on the site database ``db``."""
    installation = web_installation(db, paths)
    badges = BadgeService(db, paths, installation)
    service = SelfService(db, installation, badges)
    return create_app(service, WebConfig(secret=load_secret(paths.keys_dir)))


def serve(db: Database, paths: Paths, host: str, port: int) -> None:
    app = build_app(db, paths)
    service: SelfService = app.state.service
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s",
                        stream=sys.stderr)
    print(f"Self-service pages of site '{service.installation.site_name}' "
          f"({service.installation.gate_name}) on http://{host}:{port}/ "
          f"(database {db.url_for_humans()})", flush=True)
    config = uvicorn.Config(
        app, host=host, port=port, log_level="warning", access_log=False,
        server_header=False, proxy_headers=False, limit_concurrency=200,
        timeout_keep_alive=5, h11_max_incomplete_event_size=16 * 1024,
    )
    uvicorn.Server(config).run()
