"""Building the services of one installation, for the CLI, the GUI and the web service."""

from __future__ import annotations

from dataclasses import dataclass

from gatekeeper.config import Paths
from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.services.alerts import AlertService
from gatekeeper.services.amend import AmendService
from gatekeeper.services.badges import BadgeService
from gatekeeper.services.log import LogService
from gatekeeper.services.observation import ObservationService
from gatekeeper.services.presence import PresenceService
from gatekeeper.services.reports import ReportService
from gatekeeper.services.retention import RetentionService
from gatekeeper.services.screening import ScreeningService
from gatekeeper.services.settings import SettingsService
from gatekeeper.services.setup import Installation, SetupService
from gatekeeper.services.staff import StaffService
from gatekeeper.services.users import UserService
from gatekeeper.services.visitors import VisitorService
from gatekeeper.storage.database import Database


@dataclass(frozen=True)
class Services:
    db: Database
    paths: Paths
    installation: Installation
    setup: SetupService
    settings: SettingsService
    staff: StaffService
    badges: BadgeService
    screening: ScreeningService
    visitors: VisitorService
    users: UserService
    log: LogService
    presence: PresenceService
    alerts: AlertService
    observation: ObservationService
    reports: ReportService
    amend: AmendService
    retention: RetentionService


def build_services(
    db: Database, paths: Paths, installation: Installation, clock: Clock = utc_now
) -> Services:
    settings = SettingsService(db, clock)
    badges = BadgeService(db, paths, installation, clock)
    screening = ScreeningService(db, installation, badges, settings, clock)
    return Services(
        db=db,
        paths=paths,
        installation=installation,
        setup=SetupService(db, paths, clock),
        settings=settings,
        staff=StaffService(db, installation, clock),
        badges=badges,
        screening=screening,
        visitors=VisitorService(db, installation, badges, screening, clock),
        users=UserService(db, installation, clock),
        log=LogService(db, installation),
        presence=PresenceService(db, installation, settings, clock),
        alerts=AlertService(db, installation, clock),
        observation=ObservationService(db, installation, settings, clock),
        reports=ReportService(db, installation, clock, settings),
        amend=AmendService(db, installation, clock),
        retention=RetentionService(db, installation, clock),
    )
