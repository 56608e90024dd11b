"""Demo data: a small plant with people, a guard and an officer, for `gatekeeper demo`,
screenshots and benchmarks. Never used on a real installation."""

from __future__ import annotations

from dataclasses import dataclass

from gatekeeper.services.container import Services

DEMO_PEOPLE: tuple[tuple[str, str, str, str], ...] = (
    ("1001", "张伟", "总装车间", "employee"),
    ("1002", "王芳", "质检部", "employee"),
    ("1003", "李娜", "焊装车间", "employee"),
    ("1004", "刘洋", "仓储物流", "employee"),
    ("1005", "陈静", "行政部", "employee"),
    ("C2001", "Mark Evans", "设备维修", "contractor"),
)
DEMO_GUARD = ("guard", "1234", "门卫 王师傅")
DEMO_OFFICER = ("officer", "officer-demo", "安全员 赵主任")


@dataclass(frozen=True)
class DemoData:
    tokens: tuple[str, ...]


def seed(services: Services) -> DemoData:
    """Fill an initialised, empty installation with the demo people and users."""
    for staff_no, name, department, kind in DEMO_PEOPLE:
        services.staff.add(
            staff_no=staff_no, name=name, department=department, kind=kind, actor="demo"
        )
    issued = services.badges.issue([p[0] for p in DEMO_PEOPLE], actor="demo")
    for (username, secret, display), role in ((DEMO_GUARD, "guard"), (DEMO_OFFICER, "officer")):
        services.users.add(
            username=username, role=role, secret=secret, display_name=display, actor="demo"
        )
    return DemoData(tuple(b.token for b in issued))
