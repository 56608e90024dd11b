"""A throw-away PostgreSQL cluster for trying gatekeeper against a central database by hand.

    python tools/pgcluster.py run                 # until Ctrl-C, then removed
    python tools/pgcluster.py start --dir /tmp/gkpg --database gatekeeper
    gatekeeper --database postgresql+psycopg://postgres@127.0.0.1:PORT/gatekeeper init ...
    python tools/pgcluster.py stop --dir /tmp/gkpg     # stops it and removes the folder

The cluster is the one the tests use (tests/pg/pgserver.py): initdb in its own folder, a
loopback port, trusted local connections, run as the ``postgres`` user when started by root.
It is not durable unless --durable is given.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "pg"))

from pgserver import PgServer, PostgresUnavailable


def _ensure_database(server: PgServer, name: str | None) -> str:
    if not name:
        return server.url()
    with server.admin() as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    if exists is None:
        server.create_database(name)
    return server.url(name)


def _announce(server: PgServer, url: str) -> None:
    print(f"PostgreSQL on 127.0.0.1:{server.port}, folder {server.base}")
    print(f"URL: {url}")
    print(f"     gatekeeper --database {url} init --site NAME --gate NAME")


def cmd_start(args: argparse.Namespace) -> int:
    base = Path(args.dir).resolve() if args.dir else None
    server = PgServer(base=base, port=args.port, durable=args.durable).start()
    _announce(server, _ensure_database(server, args.database))
    print(f"Stop it with: python {sys.argv[0]} stop --dir {server.base}")
    return 0


def cmd_stop(args: argparse.Namespace) -> int:
    base = Path(args.dir).resolve()
    if not (base / "data").exists():
        print(f"No cluster in {base}", file=sys.stderr)
        return 1
    server = PgServer(base=base)
    if args.keep:
        server.stop()
        print(f"Stopped; the cluster stays in {base}")
    else:
        server.destroy()
        print(f"Stopped and removed {base}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    server = PgServer(base=Path(args.dir).resolve())
    running = server.is_running()
    print(f"{'running' if running else 'stopped'}: {server.url()}")
    return 0 if running else 3


def cmd_run(args: argparse.Namespace) -> int:
    server = PgServer(port=args.port, durable=args.durable, watchdog=True).start()
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    try:
        _announce(server, _ensure_database(server, args.database))
        print("Ctrl-C stops and removes it.", flush=True)
        done.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.destroy()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--port", type=int, help="loopback port (default: a free one)")
        p.add_argument("--database", default="gatekeeper", help="database to create")
        p.add_argument("--durable", action="store_true", help="keep fsync on")

    p = sub.add_parser("run", help="start a cluster, wait for Ctrl-C, remove it")
    common(p)
    p.set_defaults(handler=cmd_run)
    p = sub.add_parser("start", help="start (and first make) a cluster in --dir")
    p.add_argument("--dir", help="its folder (default: a new temporary one)")
    common(p)
    p.set_defaults(handler=cmd_start)
    p = sub.add_parser("stop", help="stop the cluster in --dir and remove the folder")
    p.add_argument("--dir", required=True)
    p.add_argument("--keep", action="store_true", help="stop it but keep the folder")
    p.set_defaults(handler=cmd_stop)
    p = sub.add_parser("status", help="whether the cluster in --dir runs")
    p.add_argument("--dir", required=True)
    p.set_defaults(handler=cmd_status)

    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except PostgresUnavailable as exc:
        print(f"pgcluster: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
