"""Where gatekeeper keeps its data, and which database it talks to.

The data directory comes from ``--data-dir``, else ``GATEKEEPER_DATA_DIR``, else the
platform's user data directory. It holds the SQLite database, the site's private signing key
(``keys/``), logs and backups. ``--database URL`` (or ``GATEKEEPER_DATABASE``) chooses another
database, such as the central PostgreSQL server; the keys stay in the data directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

from gatekeeper.storage.database import DB_FILENAME, sqlite_url

APP_NAME = "gatekeeper"
ENV_DATA_DIR = "GATEKEEPER_DATA_DIR"
ENV_DATABASE = "GATEKEEPER_DATABASE"


@dataclass(frozen=True)
class Paths:
    data_dir: Path

    @property
    def database_file(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def signing_key_file(self) -> Path:
        return self.keys_dir / "site_ed25519.pem"

    @property
    def public_key_file(self) -> Path:
        return self.keys_dir / "site_ed25519.pub.pem"

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"


def resolve_data_dir(cli_value: str | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return user_data_path(APP_NAME, appauthor=False)


def resolve_database_url(paths: Paths, cli_value: str | None = None) -> str:
    return cli_value or os.environ.get(ENV_DATABASE) or sqlite_url(paths.database_file)
