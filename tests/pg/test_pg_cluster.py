"""The PostgreSQL fixtures themselves: a loopback server run by a non-root user, clear
failure where PostgreSQL is missing, and the fault helpers the sync tests use."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pgserver import ENV_BINDIR, PgServer, PostgresUnavailable, candidate_bindirs, find_bindir
from sqlalchemy import text

from gatekeeper.storage.database import Database
from gatekeeper.storage.models import Setting

HERE = Path(__file__).resolve().parent


def test_server_listens_on_loopback_only(pg_cluster: PgServer) -> None:
    with pg_cluster.admin() as conn:
        settings = dict(conn.execute(
            "SELECT name, setting FROM pg_settings WHERE name IN "
            "('listen_addresses', 'port', 'server_encoding', 'data_directory')"
        ).fetchall())
    assert settings["listen_addresses"] == "127.0.0.1"
    assert settings["port"] == str(pg_cluster.port)
    assert settings["server_encoding"] == "UTF8"
    assert Path(settings["data_directory"]) == pg_cluster.data_dir
    if os.geteuid() == 0:  # as root, the server runs as the postgres user
        import pwd

        assert pwd.getpwuid(pg_cluster.data_dir.stat().st_uid).pw_name == "postgres"


def test_missing_postgresql_names_what_to_install(tmp_path: Path) -> None:
    assert candidate_bindirs({ENV_BINDIR: str(tmp_path)}) == [tmp_path]
    with pytest.raises(PostgresUnavailable, match="apt-get install postgresql") as info:
        find_bindir([tmp_path])
    assert str(tmp_path) in str(info.value)


def test_missing_postgresql_fails_the_tests_rather_than_skipping(tmp_path: Path) -> None:
    env = {**os.environ, ENV_BINDIR: str(tmp_path / "nowhere")}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         f"{HERE / 'test_pg_cluster.py'}::test_server_listens_on_loopback_only"],
        env=env, cwd=HERE.parents[1], capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode != 0, proc.stdout
    assert "PostgreSQL is needed by this test and could not be started" in proc.stdout
    assert "apt-get install postgresql" in proc.stdout
    assert "skipped" not in proc.stdout


def test_terminated_connections_are_replaced(
    pg_cluster: PgServer, pg_db: Database, pg_dbname: str
) -> None:
    pg_db.migrate()
    with pg_db.session() as session:
        session.add(Setting(key="k", value="v"))
    assert pg_cluster.terminate_backends(pg_dbname) >= 1  # the pooled connection
    assert pg_cluster.backend_pids(pg_dbname) == []
    with pg_db.session() as session:  # the pool notices and reconnects
        assert session.get(Setting, "k") is not None


def test_a_connection_cut_mid_transaction_loses_only_that_transaction(
    pg_cluster: PgServer, pg_db: Database, pg_dbname: str
) -> None:
    pg_db.migrate()
    with pytest.raises(Exception, match="terminat"), pg_db.session() as session:
        session.add(Setting(key="lost", value="v"))
        session.flush()
        pid = session.scalar(text("SELECT pg_backend_pid()"))
        assert pg_cluster.terminate_backend(int(pid))
        session.add(Setting(key="lost2", value="v"))
        session.flush()
    with pg_db.session() as session:
        assert session.get(Setting, "lost") is None


def test_restart_keeps_the_url_and_the_data(pg_cluster: PgServer, pg_db: Database) -> None:
    pg_db.migrate()
    with pg_db.session() as session:
        session.add(Setting(key="k", value="张伟"))
    port = pg_cluster.port
    pg_cluster.restart()
    assert pg_cluster.port == port and pg_cluster.is_running()
    with pg_db.session() as session:
        stored = session.get(Setting, "k")
        assert stored is not None and stored.value == "张伟"


def test_durable_cluster_survives_a_crash(pg_cluster_factory: Callable[..., PgServer]) -> None:
    server = pg_cluster_factory(durable=True)
    database = Database(server.url("postgres"))
    try:
        with database.engine.connect() as conn:
            assert conn.execute(text("SHOW fsync")).scalar() == "on"
            assert conn.execute(text("SHOW synchronous_commit")).scalar() == "on"
        database.migrate()
        with database.session() as session:
            session.add(Setting(key="k", value="v"))
        server.stop("immediate")
        assert not server.is_running()
        server.start()
        with database.session() as session:
            assert session.get(Setting, "k") is not None
    finally:
        database.dispose()


def test_cluster_of_a_killed_test_run_is_cleaned_up() -> None:
    code = (
        "import sys, time\n"
        f"sys.path.insert(0, {str(HERE)!r})\n"
        "from pgserver import PgServer\n"
        "server = PgServer(watchdog=True).start()\n"
        "print(server.base, flush=True)\n"
        "time.sleep(600)\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True
    ) as proc:
        try:
            assert proc.stdout is not None
            base = Path(proc.stdout.readline().strip())
            assert (base / "data" / "postmaster.pid").exists()
        finally:
            proc.send_signal(signal.SIGKILL)
    deadline = time.monotonic() + 30
    while base.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not base.exists()
