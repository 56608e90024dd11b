"""A throw-away PostgreSQL cluster: initdb in a temporary directory, a loopback port, a
non-root owner. Used by the fixtures in tests/pg/conftest.py and by tools/pgcluster.py.

As root (CI), every server program runs as the ``postgres`` user through ``runuser``, on a
directory owned by that user; otherwise it runs as the current user. The superuser of the
cluster is always called ``postgres`` and every local connection is trusted, so a URL needs no
password: ``postgresql+psycopg://postgres@127.0.0.1:PORT/NAME``.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import shlex
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

#: Points at the folder of initdb/pg_ctl when they are somewhere unusual.
ENV_BINDIR = "GATEKEEPER_TEST_PG_BINDIR"
HOST = "127.0.0.1"
SUPERUSER = "postgres"
OS_USER = "postgres"  # who runs the server when we are root
STATE_FILE = "cluster.json"

INSTALL_HINT = (
    "Install Debian's PostgreSQL server (`apt-get install postgresql`; `make test` does it), "
    f"or set {ENV_BINDIR} to the folder that holds initdb and pg_ctl."
)

#: Settings that make a test cluster fast (not crash-safe); a durable cluster keeps fsync on
#: and only syncs faster at crash recovery (syncfs rather than a walk of every file).
FAST_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}
DURABLE_SETTINGS = {"recovery_init_sync_method": "syncfs"}


#: Run beside a cluster started with ``watchdog=True``: when the process that started the
#: cluster dies without destroying it (a killed test run), stop the server and remove its
#: directory. Arguments: the pid to watch, the directory, the stop command.
_WATCHDOG = """
import os, shutil, subprocess, sys, time
parent, base, stop = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
while True:
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        break
    except PermissionError:
        pass
    time.sleep(0.5)
subprocess.run(stop, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
shutil.rmtree(base, ignore_errors=True)
"""


class PostgresUnavailable(RuntimeError):
    """PostgreSQL cannot be started here; the message says what to install or fix."""


def _version_key(path: Path) -> tuple[int, ...]:
    # /usr/lib/postgresql/15/bin -> (15,)
    return tuple(int(part) for part in re.findall(r"\d+", path.parent.name)) or (0,)


def candidate_bindirs(env: Mapping[str, str] | None = None) -> list[Path]:
    """Where initdb and pg_ctl may be, best first."""
    env = os.environ if env is None else env
    override = env.get(ENV_BINDIR)
    if override:
        return [Path(override)]
    found: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        proc = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=False, timeout=30
        )
        if proc.returncode == 0 and proc.stdout.strip():
            found.append(Path(proc.stdout.strip()))
    found.extend(sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version_key, reverse=True))
    return found


def find_bindir(candidates: list[Path] | None = None) -> Path:
    """The first folder with both initdb and pg_ctl (pg_config can come from libpq-dev alone,
    without the server)."""
    looked = candidate_bindirs() if candidates is None else candidates
    for folder in looked:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    where = ", ".join(str(f) for f in looked) or "pg_config --bindir, /usr/lib/postgresql/*/bin"
    raise PostgresUnavailable(
        f"PostgreSQL server programs (initdb, pg_ctl) were not found (looked in: {where}). "
        + INSTALL_HINT
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _reachable(path: Path, uid: int, gid: int) -> bool:
    """Whether a process of uid/gid can walk into every folder above ``path``."""
    for folder in [path, *path.parents]:
        try:
            st = folder.stat()
        except OSError:
            return False
        mode = st.st_mode
        if st.st_uid == uid:
            ok = bool(mode & stat.S_IXUSR)
        elif st.st_gid == gid:
            ok = bool(mode & stat.S_IXGRP)
        else:
            ok = bool(mode & stat.S_IXOTH)
        if not ok:
            return False
    return True


def _clean_env() -> dict[str, str]:
    """The environment without PG* variables that would point the programs elsewhere."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C"
    return env


class PgServer:
    """One PostgreSQL cluster in its own directory.

    ``PgServer().start()`` makes a new cluster in a fresh temporary directory;
    ``PgServer(base=DIR)`` reuses the cluster made there before (see tools/pgcluster.py).
    :meth:`destroy` stops it and removes the directory; with ``watchdog=True`` that also
    happens when this process dies first.
    """

    def __init__(
        self,
        *,
        base: Path | None = None,
        port: int | None = None,
        durable: bool = False,
        bindir: Path | None = None,
        watchdog: bool = False,
    ) -> None:
        self.bindir = bindir or find_bindir()
        self.durable = durable
        self.watchdog = watchdog
        self._watchdog: subprocess.Popen[bytes] | None = None
        self.base = base
        self.port = port
        self._run_as_root = os.geteuid() == 0
        self._owner: pwd.struct_passwd | None = None
        if self._run_as_root:
            if shutil.which("runuser") is None:
                raise PostgresUnavailable("Running as root, but runuser (util-linux) is missing.")
            try:
                self._owner = pwd.getpwnam(OS_USER)
            except KeyError as exc:
                raise PostgresUnavailable(
                    f"Running as root, and there is no '{OS_USER}' user to run the server as. "
                    + INSTALL_HINT
                ) from exc
        if base is not None and (base / STATE_FILE).exists():
            state = json.loads((base / STATE_FILE).read_text(encoding="utf-8"))
            self.port = self.port or int(state["port"])
            self.durable = bool(state.get("durable", durable))

    # --- paths ------------------------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        return self._base() / "data"

    @property
    def socket_dir(self) -> Path:
        return self._base() / "sock"

    @property
    def log_file(self) -> Path:
        return self._base() / "server.log"

    def _base(self) -> Path:
        if self.base is None:
            raise RuntimeError("the cluster has no directory yet: call start()")
        return self.base

    # --- running programs -------------------------------------------------------------------

    def _argv(self, program: str, *args: str) -> list[str]:
        argv = [str(self.bindir / program), *args]
        if self._run_as_root:
            return ["runuser", "-u", OS_USER, "--", *argv]
        return argv

    def _run(
        self, program: str, *args: str, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            self._argv(program, *args),
            cwd=self._base(),
            env=_clean_env(),
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        if check and proc.returncode != 0:
            raise PostgresUnavailable(
                f"{program} {' '.join(args)} failed ({proc.returncode}):\n"
                f"{proc.stdout}{proc.stderr}{self.log_tail()}"
            )
        return proc

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n--- server log ---\n" + "\n".join(text.splitlines()[-lines:])

    def _make_base(self) -> Path:
        """A fresh directory the server's user owns, below a path it can reach."""
        roots = [Path(tempfile.gettempdir()), Path("/tmp")]
        for root in roots:
            if self._owner is not None and not _reachable(
                root, self._owner.pw_uid, self._owner.pw_gid
            ):
                continue
            base = Path(tempfile.mkdtemp(prefix="gk-pg-", dir=root))
            if self._owner is not None:
                os.chown(base, self._owner.pw_uid, self._owner.pw_gid)
            return base
        raise PostgresUnavailable(
            f"No temporary folder the '{OS_USER}' user can reach (tried {roots})."
        )

    # --- life cycle -------------------------------------------------------------------------

    def initdb(self) -> None:
        if self.base is None:
            self.base = self._make_base()
        self.base.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(exist_ok=True)
        if self._owner is not None:
            for folder in (self.base, self.socket_dir):
                os.chown(folder, self._owner.pw_uid, self._owner.pw_gid)
        self._run(
            "initdb", "-D", str(self.data_dir), "-A", "trust", "-U", SUPERUSER,
            "-E", "UTF8", "--no-locale", "--no-sync",
        )

    def _server_options(self) -> str:
        settings = {
            "port": str(self.port),
            "unix_socket_directories": str(self.socket_dir),
            "listen_addresses": HOST,
        }
        settings.update(DURABLE_SETTINGS if self.durable else FAST_SETTINGS)
        return " ".join(f"-c {key}={shlex.quote(value)}" for key, value in settings.items())

    def start(self) -> PgServer:
        """Start the cluster (made first if there is none), on a free loopback port."""
        if self.base is None or not (self.data_dir / "PG_VERSION").exists():
            self.initdb()
        if self.is_running():
            return self
        fixed_port = self.port is not None
        for _attempt in range(5):
            if not fixed_port:
                self.port = free_port()
            proc = self._run(
                "pg_ctl", "-D", str(self.data_dir), "-l", str(self.log_file), "-w", "-t", "60",
                "-o", self._server_options(), "start", check=False,
            )
            if proc.returncode == 0:
                self._write_state()
                self._start_watchdog()
                return self
            address_taken = "could not bind" in self.log_tail(10).lower()
            if fixed_port or not address_taken:
                break
        raise PostgresUnavailable(
            f"PostgreSQL did not start on port {self.port}:\n{proc.stdout}{proc.stderr}"
            f"{self.log_tail()}"
        )

    def _write_state(self) -> None:
        state = {"port": self.port, "durable": self.durable, "url": self.url("postgres")}
        path = self._base() / STATE_FILE
        path.write_text(json.dumps(state), encoding="utf-8")

    def _start_watchdog(self) -> None:
        if not self.watchdog or self._watchdog is not None:
            return
        stop = self._argv("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")
        self._watchdog = subprocess.Popen(
            [sys.executable, "-c", _WATCHDOG, str(os.getpid()), str(self._base()), *stop],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,  # outlives a kill of this process group
        )

    def _stop_watchdog(self) -> None:
        if self._watchdog is not None:
            self._watchdog.kill()
            self._watchdog.wait()
            self._watchdog = None

    def is_running(self) -> bool:
        if self.base is None or not self.data_dir.exists():
            return False
        return self._run("pg_ctl", "-D", str(self.data_dir), "status", check=False).returncode == 0

    def stop(self, mode: str = "fast") -> None:
        """Stop the server. ``mode="immediate"`` is a crash: no shutdown checkpoint, and
        recovery at the next start."""
        if self.is_running():
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", mode, "-w", "-t", "60", "stop")

    def restart(self, mode: str = "fast") -> None:
        """Stop and start again on the same port: every connection is cut."""
        self.stop(mode)
        self.start()

    def ensure_running(self) -> None:
        if not self.is_running():
            self.start()

    def destroy(self) -> None:
        """Stop the server and remove its directory."""
        if self.base is None:
            return
        self._stop_watchdog()
        try:
            self.stop("immediate")  # no shutdown checkpoint: the files are removed anyway
        finally:
            if self.durable:
                # Unlinking files just made durable takes seconds on ext4: not worth waiting.
                subprocess.run(
                    ["sh", "-c", 'rm -rf -- "$1" >/dev/null 2>&1 &', "sh", str(self.base)],
                    check=False,
                )
            else:
                shutil.rmtree(self.base, ignore_errors=True)
            self.base = None

    def __enter__(self) -> PgServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.destroy()

    # --- databases and connections ----------------------------------------------------------

    def url(self, database: str = "postgres", driver: str = "psycopg") -> str:
        """A SQLAlchemy URL of one database of the cluster."""
        return f"postgresql+{driver}://{SUPERUSER}@{HOST}:{self.port}/{database}"

    @contextmanager
    def admin(self, database: str = "postgres") -> Iterator[psycopg.Connection[Any]]:
        """A plain psycopg connection as the superuser, in autocommit mode."""
        conn = psycopg.connect(
            host=HOST, port=self.port, user=SUPERUSER, dbname=database, autocommit=True,
            connect_timeout=10, application_name="gatekeeper-tests-admin",
        )
        try:
            yield conn
        finally:
            conn.close()

    def create_database(self, name: str | None = None, template: str = "template1") -> str:
        name = name or f"gk_{uuid.uuid4().hex[:16]}"
        with self.admin() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template)
            ))
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, cutting off whoever is still connected to it."""
        with self.admin() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def backend_pids(self, database: str) -> list[int]:
        """The server processes serving clients of ``database``."""
        with self.admin() as conn:
            rows = conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s "
                "AND backend_type = 'client backend' AND pid <> pg_backend_pid() ORDER BY pid",
                (database,),
            ).fetchall()
        return [int(row[0]) for row in rows]

    def terminate_backend(self, pid: int) -> bool:
        """Cut one client connection (pg_terminate_backend); True when it existed."""
        with self.admin() as conn:
            row = conn.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone()
        return bool(row and row[0])

    def terminate_backends(self, database: str, *, wait: float = 5.0) -> int:
        """Cut every client connection to ``database``; waits until they are gone and returns
        how many there were."""
        pids = self.backend_pids(database)
        for pid in pids:
            self.terminate_backend(pid)
        deadline = time.monotonic() + wait
        while self.backend_pids(database) and time.monotonic() < deadline:
            time.sleep(0.02)
        return len(pids)
