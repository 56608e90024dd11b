"""Gates of one site and sync files, through the real command."""

from __future__ import annotations

from pathlib import Path

import pytest
from cliutil import Cli

pytestmark = pytest.mark.e2e


def test_provisioned_gate_round_trip(site: Cli, tmp_path: Path) -> None:
    gate = Cli(tmp_path / "gate2", tmp_path)
    provision = tmp_path / "gate2.gkprov"
    made = site("gate", "provision", "--name", "South Gate", "--out", provision)
    assert made.code == 0, made.err
    fingerprint = made.out.split("Site key fingerprint: ")[1].split()[0]
    joined = gate("init", "--provision", provision)
    assert joined.code == 0, joined.err
    assert fingerprint in joined.out

    # The registry flows down: a person added at the site, and the badge printed there.
    assert site("staff", "add", "--staff-no", "1001", "--name", "张伟").code == 0
    token = site("badge", "1001", "--token").out.strip()
    down = site("export-sync", "--out", tmp_path / "down")
    assert down.code == 0, down.err
    registry = [line for line in down.out.splitlines() if line]
    assert registry
    assert gate("import-sync", *registry).code == 0
    assert gate("verify", token).code == 0
    assert gate("badge", "1001", "--token").code == 1  # a gate cannot issue badges

    # Screenings flow up.
    assert gate("screen", "--token", token, "--temp", "36.6").code == 0
    up = gate("export-sync", "--out", tmp_path / "up")
    files = [line for line in up.out.splitlines() if line]
    assert len(files) == 1
    again = gate("export-sync", "--out", tmp_path / "up")
    assert again.code == 0 and again.out.strip() == ""  # nothing new
    imported = site("import-sync", *files)
    assert imported.code == 0, imported.out + imported.err
    events = site("log").json_lines()
    assert [(e["staff_no"], e["gate"], e["decision"]) for e in events] == [
        ("1001", "South Gate", "pass")
    ]
    assert site("import-sync", *files).code == 0  # idempotent
    assert len(site("log").json_lines()) == 1
    assert site("audit", "verify").code == 0

    # A tampered file is rejected whole.
    data = bytearray(Path(files[0]).read_bytes())
    data[len(data) // 2] ^= 0x01
    bad = tmp_path / "tampered.gksync"
    bad.write_bytes(bytes(data))
    rejected = site("import-sync", bad)
    assert rejected.code == 1
    assert len(site("log").json_lines()) == 1


def test_init_provision_usage_errors(site: Cli, tmp_path: Path) -> None:
    other = Cli(tmp_path / "other", tmp_path)
    assert "--provision" in other("init").err
    missing = other("init", "--provision", tmp_path / "nope.gkprov")
    assert missing.code == 1
    (tmp_path / "junk.gkprov").write_bytes(b"not a provisioning file")
    assert other("init", "--provision", tmp_path / "junk.gkprov").code == 1
    assert other("staff", "list").code == 1  # still not initialised


def test_sync_post_delivers_each_batch_once(site: Cli, tmp_path: Path) -> None:
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    received: dict[str, int] = {}

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            received[body["batch_id"]] = received.get(body["batch_id"], 0) + 1
            self.send_response(201)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert site("staff", "add", "--staff-no", "1001", "--name", "张伟").code == 0
        token = site("badge", "1001", "--token").out.strip()
        assert site("screen", "--token", token, "--temp", "36.6").code == 0
        url = f"http://127.0.0.1:{server.server_address[1]}/batches"
        first = site("sync", "--post", url)
        assert first.code == 0, first.err
        assert json.loads(first.out)["ok"] is True
        assert len(received) >= 1 and set(received.values()) == {1}
        again = site("sync", "--post", url)
        assert again.code == 0
        assert set(received.values()) == {1}  # nothing sent twice
        both = site("sync", "--post", url, "--upstream", "postgresql+psycopg://x@127.0.0.1/db")
        assert both.code == 1 and "one destination" in both.err
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
