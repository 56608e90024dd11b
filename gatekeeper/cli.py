"""The command line: every headless command, and the launcher of the GUI.

A stable contract for scripts and integrations: output formats and exit codes are documented
in `gatekeeper COMMAND --help`. Exit codes: 0 success, 1 a problem the user can fix (the
message says what), 2 wrong usage, 3 a badge that does not verify, 4 a screening not
recorded because it duplicates one within the window, 5 records changed behind gatekeeper's
back (audit verify). No Qt is imported here.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from gatekeeper import __version__
from gatekeeper.config import Paths, resolve_data_dir, resolve_database_url
from gatekeeper.errors import UserError, user_error_from_os

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_USAGE = 2
EXIT_INVALID_BADGE = 3
EXIT_INTEGRITY = 5


@dataclass
class Context:
    """Built from the global options; opens the database only when a command needs it."""

    data_dir_option: str | None
    database_option: str | None

    @cached_property
    def paths(self) -> Paths:
        return Paths(resolve_data_dir(self.data_dir_option))

    @cached_property
    def db(self) -> Any:
        from gatekeeper.storage.database import Database

        return Database(resolve_database_url(self.paths, self.database_option))

    @cached_property
    def setup(self) -> Any:
        from gatekeeper.services.setup import SetupService

        return SetupService(self.db, self.paths)

    @cached_property
    def installation(self) -> Any:
        return self.setup.require_installation()

    @cached_property
    def services(self) -> Any:
        from gatekeeper.services.container import build_services

        return build_services(self.db, self.paths, self.installation)

    @property
    def staff(self) -> Any:
        return self.services.staff

    @property
    def badges(self) -> Any:
        return self.services.badges


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False))


# --- init -----------------------------------------------------------------------------------


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    from gatekeeper.services.first_run import (
        AdminAccount,
        FirstRunService,
        SetupPlan,
        check_screening,
        check_username,
    )
    from gatekeeper.services.settings import check_camera, check_thermometer
    from gatekeeper.services.setup import AlreadyInitialised

    if args.password_stdin and args.admin is None:
        raise UserError("--password-stdin reads the password of --admin USER: add --admin.")
    if args.provision:
        if args.site or args.gate:
            raise UserError("--provision takes the site and gate from the file: drop --site "
                            "and --gate.")
        if args.admin is not None or args.fever_threshold is not None or args.temperature_unit:
            raise UserError("--provision takes the users and the screening settings from the "
                            "site: drop --admin, --fever-threshold and --temperature-unit.")
        from gatekeeper.services.provision import ProvisionService
        from gatekeeper.services.settings import SettingsService

        kiosk = {"camera": args.camera, "thermometer": args.thermometer}
        kiosk = {name: value for name, value in kiosk.items() if value is not None}
        for name, value in kiosk.items():  # refused before the gate is installed
            (check_camera if name == "camera" else check_thermometer)(value)
        done = ProvisionService(ctx.db, ctx.paths).install(Path(args.provision))
        if kiosk:
            SettingsService(ctx.db).update_kiosk(**kiosk)
        inst = done.installation
        print(f"Initialised {done.role} '{inst.gate_name}' of site '{inst.site_name}' in "
              f"{ctx.paths.data_dir} ({done.people} people in the registry)")
        print(f"Site key fingerprint: {done.site_fingerprint} (compare it with the one the "
              "site showed)")
        return EXIT_OK
    if not args.site or not args.gate:
        raise UserError("Give --site NAME and --gate NAME, or --provision FILE.")
    service = FirstRunService(ctx.db, ctx.paths)
    plan = SetupPlan(
        args.site, args.gate, args.timezone, camera=args.camera, thermometer=args.thermometer,
        fever_threshold_c=args.fever_threshold, temperature_unit=args.temperature_unit,
    )
    try:
        # Everything is checked before the password is asked for, and nothing is written
        # until it has been given.
        plan = service.check(plan)
        existing = ctx.setup.installation()
        if existing is not None:
            raise AlreadyInitialised(existing, str(ctx.paths.data_dir))
        if args.admin is not None:
            username = check_username(args.admin)
            plan = replace(plan, admin=AdminAccount(username, _new_password(args, username)))
        inst = service.set_up(plan)
    except AlreadyInitialised as exc:
        print(exc, file=sys.stderr)
        same = (exc.installation.site_name, exc.installation.gate_name) == (
            " ".join(args.site.split()),
            " ".join(args.gate.split()),
        )
        return EXIT_OK if same else EXIT_USER_ERROR
    print(
        f"Initialised site '{inst.site_name}', gate '{inst.gate_name}' ({inst.timezone}) "
        f"in {ctx.paths.data_dir}"
    )
    print(f"Site public key (give it to gates): {ctx.paths.public_key_file}")
    if plan.admin is not None:
        print(f"Admin account: {plan.admin.username}")
    if plan.camera is not None or plan.thermometer is not None:
        print(f"Kiosk camera: {plan.camera or '0 (default)'}; thermometer: "
              f"{plan.thermometer or 'manual (default)'}")
    if plan.fever_threshold_c is not None or plan.temperature_unit is not None:
        screening = check_screening(plan.fever_threshold_c, plan.temperature_unit)
        print(f"Fever threshold: {screening.fever_threshold_c:g} °C; readings typed in "
              f"°{screening.temperature_unit}")
    return EXIT_OK


def _new_password(args: argparse.Namespace, username: str) -> str:
    """The admin's password: the first line of standard input with --password-stdin, else
    asked twice on the terminal (never echoed)."""
    import getpass

    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass(f"Password for the admin {username}: ")
    if getpass.getpass("Again: ") != password:
        raise UserError("The two entries differ; nothing was changed.")
    return password


# --- staff ----------------------------------------------------------------------------------


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [_display_width(h) for h in headers]
    for row in rows:
        widths = [max(w, _display_width(c)) for w, c in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c + " " * (w - _display_width(c)) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out.extend(line(r) for r in rows)
    return "\n".join(out)


STAFF_COLUMNS = ("staff_no", "name", "kind", "department", "phone", "active", "badge_version")


def cmd_staff_add(ctx: Context, args: argparse.Namespace) -> int:
    person = ctx.staff.add(
        staff_no=args.staff_no,
        name=args.name,
        department=args.department,
        kind=args.kind,
        phone=args.phone,
    )
    print(f"Added {person.staff_no} {person.name}")
    return EXIT_OK


def cmd_staff_import(ctx: Context, args: argparse.Namespace) -> int:
    summary = ctx.staff.import_file(args.file)
    print(
        f"Imported {args.file}: {summary.added} added, {summary.updated} updated, "
        f"{summary.unchanged} unchanged"
    )
    return EXIT_OK


def _staff_cells(person: dict[str, Any]) -> list[str]:
    return [
        ("true" if person[c] else "false") if c == "active" else str(person[c])
        for c in STAFF_COLUMNS
    ]


def cmd_staff_list(ctx: Context, args: argparse.Namespace) -> int:
    people = ctx.staff.list(search=args.search or "")
    if args.format == "json":
        _print_json([p.to_json() for p in people])
        return EXIT_OK
    rows = [_staff_cells(p.to_json()) for p in people]
    if args.format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(STAFF_COLUMNS)
        writer.writerows(rows)
        sys.stdout.write(buffer.getvalue())
        return EXIT_OK
    if not people:
        print("The registry is empty.", file=sys.stderr)
        return EXIT_OK
    print(_table(STAFF_COLUMNS, rows))
    return EXIT_OK


# --- badges ---------------------------------------------------------------------------------


def cmd_badge(ctx: Context, args: argparse.Namespace) -> int:
    if args.revoke:
        if args.staff_nos or args.all or args.token:
            raise UserError("--revoke takes one staff number and no other badge options.")
        issued = ctx.badges.revoke(args.revoke)
        print(
            f"Badge of {issued.person.staff_no} re-issued as version {issued.version}; "
            f"older badges no longer verify."
        )
        if args.out:
            _write_badges([issued], Path(args.out), ctx)
        return EXIT_OK
    if args.all:
        if args.staff_nos:
            raise UserError("Give staff numbers or --all, not both.")
        issued_list = ctx.badges.issue_all()
    else:
        if not args.staff_nos:
            raise UserError("Name at least one staff number, or use --all.")
        issued_list = ctx.badges.issue(args.staff_nos)
    if args.token:
        if len(issued_list) != 1 or args.out:
            raise UserError("--token prints the token of exactly one person, without --out.")
        print(issued_list[0].token)
        return EXIT_OK
    if not args.out:
        raise UserError("Say where to write the badge: --out FILE (.png, .svg or .pdf).")
    _write_badges(issued_list, Path(args.out), ctx)
    return EXIT_OK


def _write_badges(issued: Sequence[Any], out: Path, ctx: Context) -> None:
    from gatekeeper.services.badge_render import BadgeCard, render_pdf_sheet, render_png, render_svg

    suffix = out.suffix.lower()
    if suffix not in (".png", ".svg", ".pdf"):
        raise UserError(f"{out}: badges are written as .png, .svg (one person) or .pdf.")
    if suffix in (".png", ".svg") and len(issued) != 1:
        raise UserError(f"{out}: a .{suffix[1:]} file holds one badge; use .pdf for several.")
    if not out.parent.exists():
        raise UserError(f"The folder {out.parent} does not exist.")
    zone = ctx.installation.timezone
    cards = [
        BadgeCard(
            token=b.token,
            name=b.person.name,
            staff_no=b.person.staff_no,
            department=b.person.department,
            site_name=ctx.installation.site_name,
            kind=str(b.person.kind),
            expires=_local(b.expires_at, zone) if b.expires_at else None,
        )
        for b in issued
    ]
    from gatekeeper.services.export import atomic_path

    # Written aside and moved into place: a full disk leaves no half-written file behind.
    with atomic_path(out) as temp:
        if suffix == ".png":
            render_png(cards[0], temp)
        elif suffix == ".svg":
            render_svg(cards[0], temp)
        else:
            render_pdf_sheet(cards, temp)
    print(f"Wrote {len(cards)} badge{'s' if len(cards) != 1 else ''} to {out}")


def _local(moment: Any, zone: str) -> str:
    from zoneinfo import ZoneInfo

    return str(moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M"))


def cmd_verify(ctx: Context, args: argparse.Namespace) -> int:
    from gatekeeper.domain.tokens import TokenError

    try:
        verified = ctx.badges.verify(args.token)
    except TokenError as exc:
        print(f"Invalid badge: {exc}", file=sys.stderr)
        _print_json({"valid": False, "problem": str(exc.problem), "message": str(exc)})
        return EXIT_INVALID_BADGE
    data = verified.person.to_json()
    data["valid"] = True
    data["badge_version"] = verified.claims.version
    data["expires"] = verified.claims.expires.isoformat() if verified.claims.expires else None
    _print_json(data)
    return EXIT_OK


def cmd_key_export(ctx: Context, args: argparse.Namespace) -> int:
    from gatekeeper.services.keys import load_public_key_file, public_pem

    key = load_public_key_file(ctx.paths.public_key_file)
    pem = public_pem(key)
    if args.out:
        Path(args.out).write_bytes(pem)
        print(f"Wrote the site's public key to {args.out}")
    else:
        sys.stdout.write(pem.decode("ascii"))
    return EXIT_OK


# --- decode ---------------------------------------------------------------------------------


def cmd_decode(ctx: Context, args: argparse.Namespace) -> int:
    from gatekeeper.scanner.decoder import decode_image_file

    status = EXIT_OK
    for image in args.images:
        started = time.perf_counter()
        try:
            results = decode_image_file(image)
        except UserError as exc:
            print(exc, file=sys.stderr)
            status = EXIT_USER_ERROR
            if args.json:
                _print_json({"file": image, "text": None, "ms": None, "error": str(exc)})
            continue
        ms = round((time.perf_counter() - started) * 1000, 3)
        text = results[0].text if results else None
        if args.json:
            _print_json({"file": image, "text": text, "ms": ms})
        elif text is None:
            print(f"{image}: no QR code found", file=sys.stderr)
        else:
            sys.stdout.write(text + "\n")
    return status


# --- screening -----------------------------------------------------------------------------

EXIT_NOT_RECORDED = 4


def cmd_screen(ctx: Context, args: argparse.Namespace) -> int:
    import uuid

    from gatekeeper.domain.enums import Direction, Method, TempUnit
    from gatekeeper.domain.temperature import ReadingError, parse_reading
    from gatekeeper.domain.tokens import TokenError
    from gatekeeper.services.screening import TakenReading

    screening = ctx.services.screening
    unit = TempUnit(args.unit) if args.unit else ctx.services.settings.screening().temperature_unit
    device = "cli"
    try:
        temperature = parse_reading(
            args.temp, unit, ctx.services.settings.calibration_offset(device)
        )
    except ReadingError as exc:
        raise UserError(f"{exc} Nothing was recorded.") from exc
    reading = TakenReading(temperature, device)
    if args.recheck:
        try:
            event_id = uuid.UUID(args.recheck)
        except ValueError as exc:
            raise UserError(f"'{args.recheck}' is not an event id.") from exc
        outcome = screening.recheck(event_id, reading)
    else:
        if not args.token:
            raise UserError("Give the badge with --token TOKEN, or --recheck EVENT_ID.")
        direction = Direction(args.direction) if args.direction else Direction(
            ctx.installation.default_direction
        )
        try:
            identity = screening.identify_token(args.token, Method.QR)
        except TokenError as exc:
            outcome = screening.refuse(exc, args.token, Method.QR, direction)
            _print_json(outcome.to_json())
            print(f"Refused: {exc}", file=sys.stderr)
            return EXIT_OK if outcome.recorded else EXIT_INVALID_BADGE
        outcome = screening.screen(identity, reading, direction)
    _print_json(outcome.to_json())
    if not outcome.recorded:
        print(
            f"Already recorded at {outcome.duplicate_at.isoformat()}; nothing new was recorded.",
            file=sys.stderr,
        )
        return EXIT_NOT_RECORDED
    return EXIT_OK


LOG_COLUMNS = (
    "event_id", "seq", "gate", "occurred_at", "local_time", "timezone", "direction",
    "decision", "reason", "method", "staff_no", "name", "department", "temperatures_c",
    "guard", "recheck_of",
)


def _moment(text: str, zone: str, what: str) -> Any:
    """An ISO date or date-time; without a zone it is local time at the site."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise UserError(
            f"{what} '{text}' is not an ISO date or time (2026-11-27, 2026-11-27T08:00, "
            "2026-11-27T08:00+08:00)."
        ) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(zone))


def _log_filter(ctx: Context, args: argparse.Namespace) -> Any:
    from gatekeeper.services.log import LogFilter

    zone = ctx.installation.timezone
    return LogFilter(
        since=_moment(args.since, zone, "--since") if args.since else None,
        until=_moment(args.until, zone, "--until") if args.until else None,
        staff_no=args.staff_no,
        department=args.department,
        decision=args.decision,
        direction=args.direction,
    )


def cmd_log(ctx: Context, args: argparse.Namespace) -> int:
    where = _log_filter(ctx, args)
    rows = ctx.services.log.rows(where)
    if args.out:
        from gatekeeper.services.export import describe_filter, export_log

        count = export_log(
            rows, args.out, args.format, by=None, db=ctx.db,
            description=describe_filter(where),
            title=f"{ctx.installation.site_name} 出入记录 Entry log",
        )
        print(f"Wrote {count} events to {args.out}")
        return EXIT_OK
    if args.format == "json":
        for row in rows:
            _print_json(row)
        return EXIT_OK
    if args.format != "csv":
        raise UserError(f"--format {args.format} writes a file: add --out FILE.")
    writer = csv.DictWriter(sys.stdout, LOG_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        flat = dict(row)
        flat["temperatures_c"] = " ".join(f"{v:.1f}" for v in row["temperatures_c"])
        writer.writerow(flat)
    return EXIT_OK


def cmd_gate_provision(ctx: Context, args: argparse.Namespace) -> int:
    from gatekeeper.services.provision import ProvisionService

    ctx.setup.require_installation()  # the site must exist first
    made = ProvisionService(ctx.db, ctx.paths).provision(
        args.name, Path(args.out), role=args.role, timezone=args.timezone
    )
    print(f"Provisioned {made.role} '{made.name}' ({made.gate_id}); file: {made.path}")
    print(f"Site key fingerprint: {made.site_fingerprint}")
    return EXIT_OK


# --- self-service web ----------------------------------------------------------------------


def cmd_serve(ctx: Context, args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise UserError("--port must lie between 1 and 65535.")
    from gatekeeper.web.server import serve

    serve(ctx.db, ctx.paths, args.host, args.port)
    return EXIT_OK


def cmd_self_service_url(ctx: Context, args: argparse.Namespace) -> int:
    settings = ctx.services.settings
    if args.clear or args.url is not None:
        url = settings.set_self_service_url("" if args.clear else args.url)
        print(f"The kiosk shows {url} as a QR code." if url
              else "The kiosk shows no self-service address.")
    else:
        print(settings.self_service_url())
    return EXIT_OK


def cmd_kiosk_settings(ctx: Context, args: argparse.Namespace) -> int:
    settings = ctx.services.settings
    changes: dict[str, str | None] = {}
    for name in ("camera", "thermometer", "mode"):
        value = getattr(args, name)
        if value is not None:
            changes[name] = value
    if args.upstream is not None:
        changes.update(upstream=args.upstream, post=None)
    if args.post is not None:
        changes.update(post=args.post, upstream=None)
    if args.no_sync:
        changes.update(upstream=None, post=None)
    current = settings.update_kiosk(**changes) if changes else settings.kiosk()
    _print_json({
        "camera": current.camera_or_default,
        "thermometer": current.thermometer_or_default,
        "mode": current.mode or "attended",
        "upstream": _hide_password(current.upstream),
        "post": current.post,
    })
    return EXIT_OK


def _hide_password(url: str | None) -> str | None:
    if not url:
        return url
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def cmd_staff_code(ctx: Context, args: argparse.Namespace) -> int:
    from gatekeeper.services.selfservice import SelfService, format_code

    service = SelfService(ctx.db, ctx.installation, ctx.badges)
    if args.clear:
        cleared = service.clear_code(args.staff_no)
        print(f"Personal code of {args.staff_no} removed." if cleared
              else f"{args.staff_no} had no personal code.")
        return EXIT_OK
    code = service.set_code(args.staff_no)
    print(f"Personal code of {args.staff_no}: {format_code(code)}")
    print("It is shown this once and stored only as a hash: give it to the person now. "
          "Any earlier code no longer works.", file=sys.stderr)
    return EXIT_OK


def cmd_export_sync(ctx: Context, args: argparse.Namespace) -> int:
    from gatekeeper.sync.service import SyncService

    if args.batch_size < 1:
        raise UserError("--batch-size must be at least 1.")
    files = SyncService(ctx.db, ctx.paths, ctx.installation).export(
        Path(args.out), since_seq=args.since_seq, batch_size=args.batch_size
    )
    for written in files:
        print(written.path)
    if not files:
        print("Nothing new to export.", file=sys.stderr)
    return EXIT_OK


def cmd_import_sync(ctx: Context, args: argparse.Namespace) -> int:
    from gatekeeper.sync.service import SyncService

    report = SyncService(ctx.db, ctx.paths, ctx.installation).import_files(
        [Path(f) for f in args.files]
    )
    for line in report.lines():
        print(line)
    return EXIT_OK if report.ok else EXIT_USER_ERROR


def cmd_sync(ctx: Context, args: argparse.Namespace) -> int:
    import signal
    import threading

    from gatekeeper.sync.channel import open_channel
    from gatekeeper.sync.service import SyncService

    channel = open_channel(
        SyncService(ctx.db, ctx.paths, ctx.installation), upstream=args.upstream, post=args.post
    )
    stop = threading.Event()
    if args.watch:
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        status = channel.run(watch=args.watch, stop=stop)
    except KeyboardInterrupt:
        stop.set()
        status = channel.status()
    finally:
        channel.close()
    _print_json(status.to_json())
    return EXIT_OK if status.ok else EXIT_USER_ERROR


# --- backups --------------------------------------------------------------------------------


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    from gatekeeper.services.backup import BackupService

    service = BackupService(ctx.db, ctx.paths)
    if args.keep is not None:
        service.set_keep(args.keep)
        print(f"Daily backups kept: {args.keep}")
    if args.list:
        for info in service.backups():
            made = info.made_at.astimezone().strftime("%Y-%m-%d %H:%M") if info.made_at else "?"
            print(f"{info.path}\t{made}\t{info.size_bytes / 1e6:.1f} MB\tschema {info.schema}")
        return EXIT_OK
    result = service.make(Path(args.out) if args.out else None)
    print(result.message)
    return EXIT_OK if result.made else EXIT_USER_ERROR


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    from gatekeeper.services.backup import BackupService

    result = BackupService(ctx.db, ctx.paths).restore(args.backup)
    made = result.made_at.astimezone().strftime("%Y-%m-%d %H:%M") if result.made_at else "?"
    print(f"Restored the backup {result.backup} (made {made}).")
    print(f"The files it replaced ({', '.join(result.moved) or 'none'}) are kept in "
          f"{result.previous}.")
    return EXIT_OK


def cmd_audit_verify(ctx: Context, args: argparse.Namespace) -> int:
    from gatekeeper.services.integrity import verify

    report = verify(ctx.db)
    if args.json:
        _print_json(report.to_json())
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if report.ok:
        if not args.json:
            print(f"Intact: {report.events} events, {report.amendments} amendments and the "
                  "audit trail verify.")
        return EXIT_OK
    print(f"{len(report.problems)} problem(s): records were changed outside gatekeeper.",
          file=sys.stderr)
    return EXIT_INTEGRITY


def cmd_purge(ctx: Context, args: argparse.Namespace) -> int:
    from gatekeeper.services.setup import default_actor

    retention = ctx.services.retention
    if args.apply:
        result = retention.purge(default_actor(), trigger="cli")
        _print_json(result.to_json())
        return EXIT_OK
    _print_json(retention.plan().to_json())
    return EXIT_OK


def cmd_report(ctx: Context, args: argparse.Namespace) -> int:
    from gatekeeper.services.reports import parse_day

    out = Path(args.out)
    ctx.services.reports.export_daily(parse_day(args.date), out, by=None)
    print(f"Wrote the daily report for {args.date} to {out}")
    return EXIT_OK


def cmd_user_add(ctx: Context, args: argparse.Namespace) -> int:
    import getpass

    if args.password_stdin:
        secret = sys.stdin.readline().rstrip("\r\n")
    else:
        label = "PIN" if args.role == "guard" else "Password"
        secret = getpass.getpass(f"{label} for {args.username}: ")
        if getpass.getpass("Again: ") != secret:
            raise UserError("The two entries differ; nothing was changed.")
    user = ctx.services.users.add(
        username=args.username, role=args.role, secret=secret, display_name=args.display_name
    )
    print(f"Added {user.role} {user.username}")
    return EXIT_OK


def cmd_user_list(ctx: Context, args: argparse.Namespace) -> int:
    users = ctx.services.users.list()
    if args.format == "json":
        _print_json([{"username": u.username, "display_name": u.display_name,
                      "role": str(u.role)} for u in users])
        return EXIT_OK
    print(_table(("username", "role", "display_name"),
                 [[u.username, str(u.role), u.display_name] for u in users]))
    return EXIT_OK


# --- GUI ------------------------------------------------------------------------------------


def cmd_gui(ctx: Context, args: argparse.Namespace) -> int:
    from gatekeeper.app import run_gui

    return run_gui(ctx.data_dir_option, ctx.database_option, getattr(args, "language", None))


def cmd_kiosk(ctx: Context, args: argparse.Namespace) -> int:
    from gatekeeper.app import run_kiosk
    from gatekeeper.sync.channel import check_destination

    check_destination(args.upstream, args.post)  # a bad URL is told here, not in a dialog

    return run_kiosk(
        ctx.data_dir_option,
        ctx.database_option,
        camera=args.camera,
        thermometer=args.thermometer,
        unattended=args.unattended,
        fullscreen=args.fullscreen,
        language=args.language,
        run_seconds=args.run_seconds,
        upstream=args.upstream,
        post=args.post,
    )


def cmd_console(ctx: Context, args: argparse.Namespace) -> int:
    from gatekeeper.app import run_console

    return run_console(
        ctx.data_dir_option, ctx.database_option, language=args.language,
        run_seconds=args.run_seconds,
    )


def cmd_demo(ctx: Context, args: argparse.Namespace) -> int:
    from gatekeeper.app import run_kiosk

    return run_kiosk(
        None,
        None,
        camera=args.camera or "demo",
        thermometer=args.thermometer,
        unattended=args.unattended,
        fullscreen=args.fullscreen,
        language=args.language,
        demo=True,
        run_seconds=args.run_seconds,
    )


# --- self-test ------------------------------------------------------------------------------


def cmd_self_test(ctx: Context, args: argparse.Namespace) -> int:
    from gatekeeper.selftest import run_self_test

    screenshot = getattr(args, "screenshot", None)
    return run_self_test(
        data_dir=ctx.data_dir_option,
        database=ctx.database_option,
        language=args.language or "zh_CN",
        screenshot=Path(screenshot) if screenshot else None,
    )


class _SelfTestFlag(argparse.Action):
    """``gatekeeper --self-test``: the self-test command, spelled as installers expect."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        namespace.handler = cmd_self_test


# --- parser ---------------------------------------------------------------------------------


Handler = Callable[[Context, argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gatekeeper",
        description="Health screening and staff registration at factory gates. "
        "With no command, starts the application.",
    )
    parser.add_argument("--version", action="version", version=f"gatekeeper {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR",
        help="data directory (default: GATEKEEPER_DATA_DIR, else the user data folder)",
    )
    parser.add_argument(
        "--database", metavar="URL",
        help="SQLAlchemy database URL (default: the SQLite file in the data directory)",
    )
    parser.add_argument("--language", choices=["en", "zh_CN"], help="interface language")
    parser.add_argument("--self-test", nargs=0, action=_SelfTestFlag,
                        help="check that gatekeeper works on this machine (the self-test "
                        "command) and exit")
    parser.set_defaults(handler=cmd_gui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser(
        "init",
        help="create the database, site, first gate and site key",
        description="A new site: --site and --gate. A further gate or web service of an "
        "existing site: --provision FILE (made there by `gatekeeper gate provision`).",
    )
    p.add_argument("--site", help="site (factory) name")
    p.add_argument("--gate", help="name of this gate")
    p.add_argument("--timezone", help="IANA time zone of the gate (default: this machine's)")
    p.add_argument("--provision", metavar="FILE", help="join a site as a provisioned gate")
    p.add_argument("--admin", metavar="USER",
                   help="create the first admin account (asks for its password twice)")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the admin's password from the first line of standard input")
    p.add_argument("--camera", metavar="SRC",
                   help="the kiosk's camera on this computer: a device number (0, 1, ...), a "
                   "video file, a folder of images, or demo (default: 0)")
    p.add_argument("--thermometer", metavar="SRC",
                   help="the kiosk's thermometer: manual, hid, serial:PORT[,BAUD] or sim:VALUE "
                   "(default: manual)")
    p.add_argument("--fever-threshold", type=float, metavar="CELSIUS",
                   help="a reading at or above this is fever (default: 37.3)")
    p.add_argument("--temperature-unit", choices=["C", "F"],
                   help="the unit guards type readings in (default: C)")
    p.set_defaults(handler=cmd_init)

    gate = sub.add_parser("gate", help="gates of this site")
    gate_sub = gate.add_subparsers(title="gate commands", metavar="ACTION", required=True)
    p = gate_sub.add_parser(
        "provision",
        help="add a gate (or the web service) and write its provisioning file",
        description="Writes FILE with the site's id and public key and the new gate's id and "
        "key pair, signed by the site. The file holds a private key: carry it safely and "
        "delete it after `gatekeeper init --provision FILE` on the new machine.",
    )
    p.add_argument("--name", required=True)
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--role", choices=["gate", "web"], default="gate")
    p.add_argument("--timezone", help="IANA time zone (default: the site's)")
    p.set_defaults(handler=cmd_gate_provision)

    p = sub.add_parser(
        "export-sync",
        help="write what has not been exported yet as signed sync files",
        description="One file per batch, in per-gate sequence order; prints the paths. Run "
        "again, it writes nothing new. On the site's installation it exports the registry "
        "(people, badges, revocations) for gates.",
    )
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--since-seq", type=int, metavar="N", help="export again from N")
    p.add_argument("--batch-size", type=int, default=10_000, metavar="N")
    p.set_defaults(handler=cmd_export_sync)

    p = sub.add_parser(
        "import-sync",
        help="check and import sync files",
        description="Each file is checked whole (signature of a provisioned gate, every "
        "checksum) before anything is written, then imported in one transaction. Importing "
        "again changes nothing. A missing file of a chain is reported as a gap. Exit 1 when "
        "any file was rejected or waits for a missing one.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(handler=cmd_import_sync)

    staff = sub.add_parser("staff", help="the staff registry")
    staff_sub = staff.add_subparsers(title="staff commands", metavar="ACTION", required=True)
    p = staff_sub.add_parser("add", help="add one person")
    p.add_argument("--staff-no", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--department", default="")
    p.add_argument("--kind", default="employee", choices=["employee", "contractor"])
    p.add_argument("--phone", default="")
    p.set_defaults(handler=cmd_staff_add)
    p = staff_sub.add_parser(
        "import",
        help="add or update people from a .csv or .xlsx file",
        description="Columns staff_no, name, department, kind, phone (or 工号, 姓名, 部门, "
        "类型, 电话). CSV in UTF-8 (with or without BOM) or GB18030. People are matched by "
        "staff number. A file with any invalid row is rejected whole; nothing changes.",
    )
    p.add_argument("file")
    p.set_defaults(handler=cmd_staff_import)
    p = staff_sub.add_parser("list", help="list the registry")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--search", help="only people whose name, staff number, phone or "
                   "department contains this text")
    p.set_defaults(handler=cmd_staff_list)
    p = staff_sub.add_parser(
        "code",
        help="set (or --clear) the personal code for the self-service declaration page",
        description="Makes a new personal code for STAFF_NO and prints it once: the person "
        "declares on the phone with staff number and code. Stored only as an Argon2 hash; a "
        "new code replaces the old one.",
    )
    p.add_argument("staff_no", metavar="STAFF_NO")
    p.add_argument("--clear", action="store_true", help="remove the code instead")
    p.set_defaults(handler=cmd_staff_code)

    p = sub.add_parser(
        "badge",
        help="issue, print or revoke badges",
        description="Write badges: one person to .png or .svg, several (or --all) to a "
        "printable A4 .pdf sheet. --token prints the token text alone. --revoke issues a new "
        "badge version, so that the old badge no longer verifies.",
    )
    p.add_argument("staff_nos", nargs="*", metavar="STAFF_NO")
    p.add_argument("--out", metavar="FILE", help=".png, .svg or .pdf")
    p.add_argument("--all", action="store_true", help="every active person")
    p.add_argument("--token", action="store_true", help="print the token text only")
    p.add_argument("--revoke", metavar="STAFF_NO", help="re-issue, revoking the old badge")
    p.set_defaults(handler=cmd_badge)

    p = sub.add_parser(
        "decode",
        help="decode the QR codes in image files",
        description="Prints the text of the QR code in each image, exactly as encoded. With "
        '--json, one line per image: {"file": PATH, "text": TEXT or null, "ms": TIME}.',
    )
    p.add_argument("images", nargs="+", metavar="IMAGE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_decode)

    p = sub.add_parser(
        "verify",
        help="check a badge token",
        description="Exit 0 and the person as JSON when the token is valid; exit 3 and the "
        "reason otherwise.",
    )
    p.add_argument("token")
    p.set_defaults(handler=cmd_verify)

    key = sub.add_parser("key", help="the site's signing key")
    key_sub = key.add_subparsers(title="key commands", metavar="ACTION", required=True)
    p = key_sub.add_parser("export", help="write the site's public key (PEM) for gates")
    p.add_argument("--out", metavar="FILE", help="file to write (default: standard output)")
    p.set_defaults(handler=cmd_key_export)

    p = sub.add_parser(
        "screen",
        help="screen one person headless (the kiosk's decision service)",
        description="Records a screening and prints the decision as JSON "
        '({"decision", "reason", "event_id", ...}). Exit 0 when an event was recorded; 1 for '
        "invalid input (nothing recorded); 3 for a badge that does not verify and is not "
        "logged; 4 for a duplicate of a pass recorded within the window (nothing recorded).",
    )
    p.add_argument("--token", help="the badge token")
    p.add_argument("--recheck", metavar="EVENT_ID", help="the second reading of a RECHECK event")
    p.add_argument("--temp", required=True, metavar="VALUE", help="the temperature reading")
    p.add_argument("--unit", choices=["C", "F"], help="unit of --temp (default: the setting)")
    p.add_argument("--direction", choices=["in", "out"], help="default: the gate's")
    p.set_defaults(handler=cmd_screen)

    p = sub.add_parser(
        "log",
        help="list or export screening events",
        description="Lists events in time order, amended values shown. Times without a zone "
        "are the site's local time. Without --out: json (one object per line) or csv on "
        "standard output. With --out: a file (csv with a UTF-8 BOM for Excel, xlsx, pdf, or "
        "json lines), written whole or not at all, and recorded in the audit trail.",
    )
    p.add_argument("--since", metavar="ISO", help="from this date or time (inclusive)")
    p.add_argument("--until", metavar="ISO", help="to this date or time (exclusive)")
    p.add_argument("--staff-no", metavar="NO")
    p.add_argument("--department")
    p.add_argument("--decision", choices=["pass", "recheck", "deny"])
    p.add_argument("--direction", choices=["in", "out"])
    p.add_argument("--format", choices=["json", "csv", "xlsx", "pdf"], default="json")
    p.add_argument("--out", metavar="FILE", help="write to a file instead")
    p.set_defaults(handler=cmd_log)

    p = sub.add_parser(
        "sync",
        help="push records upstream (PostgreSQL or HTTPS) and pull registry updates",
        description="--upstream URL: the central PostgreSQL (postgresql+psycopg://...). "
        "--post URL: an HTTPS endpoint that takes each signed batch as JSON and answers 2xx. "
        "Batches wait in DATA_DIR/outbox until delivered; delivery is at least once and the "
        "receiving side keeps one copy. Without --watch: one round (with a few retries), exit "
        "1 if it failed. With --watch: keeps running, backing off after errors.",
    )
    p.add_argument("--upstream", metavar="URL")
    p.add_argument("--post", metavar="URL")
    p.add_argument("--watch", action="store_true")
    p.set_defaults(handler=cmd_sync)

    p = sub.add_parser(
        "backup",
        help="back up the data folder now (database, keys, screen settings)",
        description="Makes today's backup in DATA_DIR/backups/YYYY-MM-DD (replacing one made "
        "earlier today) while gatekeeper may be running, checks it with integrity_check, then "
        "keeps the newest N daily backups (7 unless --keep changed it). The kiosk, the console "
        "and the application make one by themselves when they start, once a day. Not for a "
        "PostgreSQL database: back the server up with its own tools.",
    )
    p.add_argument("--out", metavar="DIR",
                   help="write a backup folder into DIR instead (not rotated)")
    p.add_argument("--keep", type=int, metavar="N", help="keep the newest N daily backups")
    p.add_argument("--list", action="store_true", help="list the backups, oldest first")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser(
        "restore",
        help="put a backup back in place of the database, keys and screen settings",
        description="Checks the backup (checksums, integrity_check), then replaces the "
        "database, the keys and the screen settings with it. Refuses while any program has the "
        "database open. The files it replaces are moved to DATA_DIR/before-restore-STAMP/, "
        "never deleted.",
    )
    p.add_argument("backup", metavar="BACKUP",
                   help="a backup folder, or its name in DATA_DIR/backups (2026-11-27)")
    p.set_defaults(handler=cmd_restore)

    audit_cmd = sub.add_parser("audit", help="the tamper-evident record")
    audit_sub = audit_cmd.add_subparsers(title="audit commands", metavar="ACTION", required=True)
    p = audit_sub.add_parser(
        "verify",
        help="check events, amendments and the audit trail for changes made behind "
        "gatekeeper's back",
        description="Recomputes every gate's hash chain of screening events and the audit "
        "trail. Exit 0 when intact; exit 5 and one line per problem otherwise.",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(handler=cmd_audit_verify)

    p = sub.add_parser(
        "purge",
        help="remove records past their retention period",
        description="--dry-run (the default) prints what would be removed; --apply removes "
        "it and records what was removed in the audit trail. People on hold are kept.",
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", help="show what would go (default)")
    mode.add_argument("--apply", action="store_true", help="remove it")
    p.set_defaults(handler=cmd_purge)

    p = sub.add_parser(
        "report",
        help="the daily report for the authorities",
        description="Headcount by department and kind, entries, fever cases and their "
        "outcomes, returnees by origin and their observation status.",
    )
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--out", required=True, metavar="FILE", help=".xlsx or .pdf")
    p.set_defaults(handler=cmd_report)

    user = sub.add_parser("user", help="guards, officers and admins")
    user_sub = user.add_subparsers(title="user commands", metavar="ACTION", required=True)
    p = user_sub.add_parser("add", help="add a user (asks for the PIN or password)")
    p.add_argument("--username", required=True)
    p.add_argument("--role", required=True, choices=["guard", "officer", "admin"])
    p.add_argument("--display-name", default="")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the PIN or password from the first line of standard input")
    p.set_defaults(handler=cmd_user_add)
    p = user_sub.add_parser("list", help="list users")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(handler=cmd_user_list)

    for name, handler, text in (
        ("kiosk", cmd_kiosk, "start the gate kiosk"),
        ("demo", cmd_demo, "start the kiosk on a throw-away demo site"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("--camera", metavar="SRC",
                       help="a device index (0, 1, ...), a video file, a folder of images, "
                       "or demo (default: " + ("demo" if name == "demo" else "the one chosen "
                       "at set-up, else 0") + ")")
        p.add_argument("--thermometer", metavar="SRC",
                       help="manual, hid, serial:PORT[,BAUD] or sim:VALUE (default: "
                       + ("manual" if name == "demo" else "the one chosen at set-up, else "
                       "manual") + ")")
        p.add_argument("--unattended", action="store_true",
                       help="self-service: no guard signs in (default: the mode in "
                       "kiosk-settings)")
        p.add_argument("--fullscreen", action="store_true")
        if name == "kiosk":
            where = p.add_mutually_exclusive_group()
            where.add_argument("--upstream", metavar="URL",
                               help="push records to the central PostgreSQL database and pull "
                               "registry updates, beside the kiosk (as sync --watch does)")
            where.add_argument("--post", metavar="URL",
                               help="send records as signed batches to an HTTPS receiver, "
                               "beside the kiosk")
        p.add_argument("--run-seconds", type=float, default=None, help=argparse.SUPPRESS)
        p.set_defaults(handler=handler)

    p = sub.add_parser(
        "console",
        help="the safety officer's console (an officer or admin signs in)",
    )
    p.add_argument("--run-seconds", type=float, default=None, help=argparse.SUPPRESS)
    p.set_defaults(handler=cmd_console)

    p = sub.add_parser(
        "self-test",
        help="check that gatekeeper works on this machine",
        description="Makes a database, a badge and the kiosk in a temporary folder and checks "
        "each: migrations and integrity, the badge drawn and decoded again, the kiosk rendered "
        "offscreen with Chinese text in a real font. One line per check; exit 0 when all "
        "passed, 1 otherwise. With --data-dir or --database it also checks that database "
        "(read only). `gatekeeper --self-test` is the same. Language: zh_CN unless --language.",
    )
    p.add_argument("--screenshot", metavar="FILE", help="save the rendered kiosk as a PNG")
    p.set_defaults(handler=cmd_self_test)

    p = sub.add_parser(
        "serve",
        help="run the phone self-service pages (the web service)",
        description="Serves the visitor pre-registration and daily declaration pages. The "
        "data directory is the web service's own (gatekeeper gate provision --role web on "
        "the site, then gatekeeper init --provision FILE): its key signs visitor passes "
        "only. --database is the site's database (the central PostgreSQL, or for a trial "
        "the site's SQLite file, sqlite:////path/gatekeeper.db).",
    )
    p.add_argument("--database", metavar="URL", default=argparse.SUPPRESS,
                   help="the site's database (SQLAlchemy URL)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; 0.0.0.0 for phones on "
                   "the network)")
    p.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    p.set_defaults(handler=cmd_serve)

    p = sub.add_parser(
        "self-service-url",
        help="the self-service address the kiosk shows as a QR code",
        description="With URL: the kiosk of this installation shows it (as a QR code, for "
        "visitors' phones) on its scanning screen. --clear: none. Without either: prints "
        "the address set.",
    )
    p.add_argument("url", nargs="?", metavar="URL", help="http://HOST:PORT/ of gatekeeper serve")
    p.add_argument("--clear", action="store_true")
    p.set_defaults(handler=cmd_self_service_url)

    p = sub.add_parser(
        "kiosk-settings",
        help="the kiosk's camera, thermometer, mode and sync destination on this machine",
        description="What `gatekeeper kiosk` uses when its command line does not say: the "
        "admin's settings screen keeps the same values. Without options: prints them.",
    )
    p.add_argument("--camera", metavar="SRC", help="a device number, a video file, a folder "
                   "of images, or demo")
    p.add_argument("--thermometer", metavar="SRC",
                   help="manual, hid, serial:PORT[,BAUD] or sim:VALUE")
    p.add_argument("--mode", choices=["attended", "unattended"])
    where = p.add_mutually_exclusive_group()
    where.add_argument("--upstream", metavar="URL", help="send records to the central "
                       "PostgreSQL database as the kiosk runs")
    where.add_argument("--post", metavar="URL", help="send records to an HTTPS receiver")
    where.add_argument("--no-sync", action="store_true", help="send records nowhere")
    p.set_defaults(handler=cmd_kiosk_settings)

    p = sub.add_parser("gui", help="start the application (the default)")
    p.set_defaults(handler=cmd_gui)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    ctx = Context(args.data_dir, args.database)
    try:
        return handler(ctx, args)
    except UserError as exc:
        print(f"gatekeeper: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`gatekeeper log | head`): not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:
        translated = user_error_from_os(exc)
        if translated is not None:
            print(f"gatekeeper: {translated}", file=sys.stderr)
            return EXIT_USER_ERROR
        raise
    finally:
        if "db" in ctx.__dict__:
            ctx.db.dispose()
