"""The entry log as the officer console reads it: a filtered, sorted view of up to millions of
screening events, counted exactly and read a block of rows at any position, without ever
loading the whole log.

How a position is found (figures from benchmarks/review.py, 1,000,000 events):

- A :class:`LogQuery` is a snapshot: it reads events up to the newest one at the moment it is
  made, so that positions do not move while new events arrive; ``refresh()`` (a new query)
  shows them.
- Filters on time, gate, decision and direction are answered by one index each
  (storage/repositories.py, "log review"), which also carries the other filter columns: the
  count, and the walk in time order, read that index alone. A block at position p is found by
  skipping p index rows (``OFFSET``, some 20-90 ns a row, no table access) from the nearer
  end, or from the nearest *anchor*: a position whose time is known, so that the next query
  starts there with a time bound. Anchors are laid every :data:`HOP` rows on the way to a deep
  position and taken from every block read, so scrolling costs one block, and no seek skips
  more than half the result once.
- A filter on people (a person, a staff number, a department) counts through the person index.
  Up to :data:`MATERIALISE_MAX` events it fetches their keys, sorts them in memory and reads
  blocks by key: any order is then a sort in memory. Beyond that, it walks the time index and
  looks each row's person up: a big department is a large share of the log, so few rows are
  looked at in vain.
- Sorting by gate, decision or direction concatenates one time-ordered walk per value (counted
  together in one pass); sorting by name, staff number or department concatenates one short
  list per person, counted with one GROUP BY over the person index, fetched when shown.
  Within a group, the newest event comes first. Temperature, which no index orders, sorts only
  a result of up to :data:`TEMPERATURE_SORT_MAX` events.

Amendments (services/amend.py): rows show the *effective* values (direction, decision,
temperature, person) and are marked amended; filters and sorts use the effective values too.
The few amended events are kept in memory and enter the queries as explicit keys.
"""

from __future__ import annotations

import bisect
import threading
import uuid
from array import array
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol, cast
from zoneinfo import ZoneInfo

from gatekeeper.domain.enums import Decision, Direction
from gatekeeper.errors import UserError
from gatekeeper.services.setup import Installation
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.repositories import EventKey, LogPredicate, TimeBound

#: A filter on people matching up to this many events is ordered in memory (keys fetched once,
#: ~1 us an event); beyond, it is walked in time order through the time index.
MATERIALISE_MAX = 50_000
#: Sorting by temperature orders the result in memory: up to this many events.
TEMPERATURE_SORT_MAX = 100_000
#: A seek deeper than this many rows from every known position lays anchors this far apart.
HOP = 8192
#: Anchors kept per walk; beyond, every other one is forgotten.
MAX_ANCHORS = 4096
#: Person groups whose keys are kept (name, staff number and department sorts).
MAX_CACHED_GROUPS = 4096
#: Order of the values when sorting by decision or direction (ascending).
DECISION_ORDER = (Decision.PASS, Decision.RECHECK, Decision.DENY)
DIRECTION_ORDER = (Direction.IN, Direction.OUT)
#: The fields an amendment may change that the log shows (services/amend.py FIELDS).
AMENDABLE = ("direction", "decision", "temperature_c", "person_id")


# --- what to show ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LogFilter:
    """Which events the log shows; every field narrows it, None leaves it open.

    ``since`` is inclusive and ``until`` exclusive; both must carry a time zone (compared in
    UTC). ``staff_no`` and ``department`` are exact (surrounding blanks ignored). Decision,
    direction and person are matched as amended."""

    since: datetime | None = None
    until: datetime | None = None
    gate_id: uuid.UUID | None = None
    department: str | None = None
    person_id: uuid.UUID | None = None
    staff_no: str | None = None
    decision: Decision | None = None
    direction: Direction | None = None

    def __post_init__(self) -> None:
        for name, what in (("since", "start"), ("until", "end")):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise UserError(
                    f"The {what} of the period ({value.isoformat()}) has no time zone: give "
                    "one, such as +08:00 or Z."
                )
        if self.since is not None and self.until is not None and self.until < self.since:
            raise UserError(
                f"The end of the period ({self.until.isoformat()}) is before its start "
                f"({self.since.isoformat()})."
            )
        for name in ("department", "staff_no"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, value.strip() or None)
        if self.decision is not None:
            object.__setattr__(self, "decision", Decision(self.decision))
        if self.direction is not None:
            object.__setattr__(self, "direction", Direction(self.direction))


class SortColumn(StrEnum):
    TIME = "time"
    GATE = "gate"
    STAFF_NO = "staff_no"
    NAME = "name"
    DEPARTMENT = "department"
    DIRECTION = "direction"
    DECISION = "decision"
    TEMPERATURE = "temperature"


@dataclass(frozen=True)
class LogSort:
    """The order of the log. Groups (a gate, a person, a decision...) are ordered by the
    column, ascending or descending; within a group the newest event comes first. Decisions
    order pass < recheck < deny; events that name nobody come after every person, and events
    without a temperature after every temperature."""

    column: SortColumn = SortColumn.TIME
    descending: bool = True


class SortTooBroad(UserError):
    def __init__(self, count: int, limit: int) -> None:
        self.count = count
        self.limit = limit
        super().__init__(
            f"Sorting by temperature needs a narrower filter: {count:,} events match, the "
            f"limit is {limit:,}. Choose a shorter period, a decision or a department."
        )


@dataclass(frozen=True)
class LogRow:
    """One event as the log shows it: effective values (amendments applied)."""

    event_id: uuid.UUID
    seq: int
    gate_id: uuid.UUID
    gate: str
    occurred_at: datetime  # UTC
    timezone: str
    #: The time in the event's own time zone (the gate's when it was recorded).
    local_time: datetime
    person_id: uuid.UUID | None
    staff_no: str | None
    name: str | None
    department: str | None
    direction: Direction
    decision: Decision
    reason: str
    method: str
    #: The last reading, or the corrected temperature; None without one, or once retention
    #: removed the readings.
    temperature_c: float | None
    #: The readings as recorded at the gate.
    readings_c: tuple[float, ...]
    readings_purged: bool
    guard_id: uuid.UUID | None
    recheck_of: uuid.UUID | None
    #: The fields that amendments changed (empty: the event reads as recorded).
    amended_fields: tuple[str, ...] = ()

    @property
    def amended(self) -> bool:
        return bool(self.amended_fields)

    @property
    def local_text(self) -> str:
        """The local time as the table shows it: 2026-11-27 09:30:15."""
        return self.local_time.strftime("%Y-%m-%d %H:%M:%S")

    def to_json(self) -> dict[str, Any]:
        """The row as ``gatekeeper log`` prints it."""
        return {
            "event_id": str(self.event_id),
            "seq": self.seq,
            "gate": self.gate,
            "occurred_at": self.occurred_at.isoformat(),
            "local_time": self.local_time.isoformat(),
            "timezone": self.timezone,
            "direction": str(self.direction),
            "decision": str(self.decision),
            "reason": self.reason,
            "method": self.method,
            "staff_no": self.staff_no,
            "name": self.name,
            "department": self.department,
            "temperature_c": self.temperature_c,
            "temperatures_c": list(self.readings_c),
            "guard": str(self.guard_id) if self.guard_id else None,
            "recheck_of": str(self.recheck_of) if self.recheck_of else None,
            "amended": self.amended,
            "amended_fields": list(self.amended_fields),
        }


@dataclass(frozen=True)
class GateChoice:
    id: uuid.UUID
    name: str
    timezone: str


# --- amendments -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Overlay:
    """The amended events, with their recorded and effective direction, decision and person
    (only where they differ), and the keys of every amended event."""

    direction: Mapping[EventKey, tuple[str, str]]
    decision: Mapping[EventKey, tuple[str, str]]
    person: Mapping[EventKey, tuple[uuid.UUID | None, uuid.UUID | None]]
    amended: frozenset[EventKey]

    def effective(self, name: str, key: EventKey, recorded: Any) -> Any:
        table: Mapping[EventKey, tuple[Any, Any]] = getattr(self, name)
        found = table.get(key)
        return recorded if found is None else found[1]


def _load_overlay(
    rows: Iterable[tuple[EventKey, str, str, uuid.UUID | None, dict[str, Any]]],
) -> _Overlay:
    direction: dict[EventKey, tuple[str, str]] = {}
    decision: dict[EventKey, tuple[str, str]] = {}
    person: dict[EventKey, tuple[uuid.UUID | None, uuid.UUID | None]] = {}
    amended: set[EventKey] = set()
    current: dict[EventKey, dict[str, Any]] = {}
    recorded: dict[EventKey, tuple[str, str, uuid.UUID | None]] = {}
    for key, rec_direction, rec_decision, rec_person, changes in rows:
        amended.add(key)
        recorded.setdefault(key, (rec_direction, rec_decision, rec_person))
        values = current.setdefault(
            key, {"direction": rec_direction, "decision": rec_decision, "person_id": rec_person}
        )
        for name, change in changes.items():
            if name in values and isinstance(change, Mapping) and not change.get("purged"):
                new = change.get("to")
                if name == "person_id":
                    new = uuid.UUID(str(new)) if new else None
                values[name] = new
    for key, values in current.items():
        rec_direction, rec_decision, rec_person = recorded[key]
        if values["direction"] != rec_direction:
            direction[key] = (rec_direction, str(values["direction"]))
        if values["decision"] != rec_decision:
            decision[key] = (rec_decision, str(values["decision"]))
        if values["person_id"] != rec_person:
            person[key] = (rec_person, values["person_id"])
    return _Overlay(direction, decision, person, frozenset(amended))


def _split(
    table: Mapping[EventKey, tuple[Any, Any]], matches: Callable[[Any], bool]
) -> tuple[tuple[EventKey, ...], tuple[EventKey, ...]]:
    """The keys that match as recorded but not as amended, and the other way round."""
    drop = tuple(sorted(k for k, (was, now) in table.items() if matches(was) and not matches(now)))
    add = tuple(sorted(k for k, (was, now) in table.items() if matches(now) and not matches(was)))
    return drop, add


# --- positions ------------------------------------------------------------------------------


class _Sequence(Protocol):
    """Part of a result: ``count`` events in a fixed order, read by position."""

    count: int

    def keys(self, offset: int, limit: int) -> list[EventKey]: ...


class _Empty:
    count = 0

    def keys(self, offset: int, limit: int) -> list[EventKey]:
        return []


class _KeyList:
    """A result ordered in memory: its keys, 8 bytes each on SQLite."""

    def __init__(self, keys: Sequence[EventKey]) -> None:
        self._keys: Sequence[EventKey]
        if all(isinstance(k, int) for k in keys):
            self._keys = array("q", cast(Sequence[int], keys))
        else:
            self._keys = list(keys)
        self.count = len(self._keys)

    def keys(self, offset: int, limit: int) -> list[EventKey]:
        return list(self._keys[max(offset, 0) : max(offset, 0) + max(limit, 0)])


@dataclass(order=True, frozen=True)
class _Anchor:
    """A position whose time is known: the rows before ``pos`` are exactly those before
    ``cut`` in the walk's order (strictly, or up to and with ``cut`` when ``strict``)."""

    pos: int
    cut: datetime = field(compare=False)
    strict: bool = field(compare=False, default=False)


class _IndexRun:
    """The events of one predicate in time order, walked through its index."""

    def __init__(
        self, db: Database, where: LogPredicate, descending: bool, count: int
    ) -> None:
        self.db = db
        self.where = where
        self.descending = descending
        self.count = count
        self._anchors: list[_Anchor] = []
        self._positions: list[int] = []

    # The rows from an anchor on, and the rows before it.
    def _after(self, anchor: _Anchor | None) -> LogPredicate:
        if anchor is None:
            return self.where
        bound = TimeBound(anchor.cut, not anchor.strict)
        if self.descending:
            return replace(self.where, hi=_lower_hi(self.where.hi, bound))
        return replace(self.where, lo=_higher_lo(self.where.lo, bound))

    def _before(self, anchor: _Anchor | None) -> LogPredicate:
        if anchor is None:
            return self.where
        bound = TimeBound(anchor.cut, anchor.strict)
        if self.descending:
            return replace(self.where, lo=_higher_lo(self.where.lo, bound))
        return replace(self.where, hi=_lower_hi(self.where.hi, bound))

    def _read(
        self, where: LogPredicate, descending: bool, offset: int, limit: int
    ) -> list[tuple[EventKey, datetime]]:
        with self.db.session() as session:
            return repo.log_keys(
                session, where, descending=descending, offset=offset, limit=limit
            )

    def _remember(self, anchor: _Anchor) -> None:
        at = bisect.bisect_left(self._positions, anchor.pos)
        if at < len(self._positions) and self._positions[at] == anchor.pos:
            return
        self._positions.insert(at, anchor.pos)
        self._anchors.insert(at, anchor)
        if len(self._anchors) > MAX_ANCHORS:
            self._anchors = self._anchors[::2]
            self._positions = [a.pos for a in self._anchors]

    def _learn(self, first: int, rows: Sequence[tuple[EventKey, datetime]]) -> None:
        """Anchors from rows read at positions ``first``...: the first and last change of time
        between neighbours."""
        changes = [i for i in range(1, len(rows)) if rows[i][1] != rows[i - 1][1]]
        for i in {changes[0], changes[-1]} if changes else ():
            self._remember(_Anchor(first + i, rows[i][1]))

    def _nearest(self, offset: int, end: int) -> tuple[_Anchor | None, _Anchor | None]:
        """The last anchor at or before ``offset`` and the first at or after ``end``."""
        before = bisect.bisect_right(self._positions, offset) - 1
        after = bisect.bisect_left(self._positions, end)
        return (
            self._anchors[before] if before >= 0 else None,
            self._anchors[after] if after < len(self._anchors) else None,
        )

    def _hop_forward(self, start: _Anchor | None, target: int) -> _Anchor | None:
        """Lay anchors every HOP rows from ``start`` towards ``target``."""
        while target - (start.pos if start else 0) > HOP:
            base = start.pos if start else 0
            rows = self._read(self._after(start), self.descending, HOP - 1, 2)
            if len(rows) < 2 or rows[0][1] == rows[1][1]:
                break  # the end, or a tie of times here: seek from the last anchor
            start = _Anchor(base + HOP, rows[1][1])
            self._remember(start)
        return start

    def _hop_backward(self, start: _Anchor | None, target: int) -> _Anchor | None:
        while (start.pos if start else self.count) - target > HOP:
            base = start.pos if start else self.count
            rows = self._read(self._before(start), not self.descending, HOP - 1, 2)
            if len(rows) < 2 or rows[0][1] == rows[1][1]:
                break
            # rows[0] is at base - HOP, rows[1] just before it: a change of time between them.
            start = _Anchor(base - HOP, rows[0][1])
            self._remember(start)
        return start

    def keys(self, offset: int, limit: int) -> list[EventKey]:
        offset = max(offset, 0)
        end = min(offset + max(limit, 0), self.count)
        if offset >= end:
            return []
        before, after = self._nearest(offset, end)
        forward = offset - (before.pos if before else 0)
        backward = (after.pos if after else self.count) - end
        if forward <= backward:
            if forward > HOP:
                before = self._hop_forward(before, offset)
            base = before.pos if before else 0
            rows = self._read(self._after(before), self.descending, offset - base, end - offset)
            self._learn(offset, rows)
        else:
            if backward > HOP:
                after = self._hop_backward(after, end)
            top = after.pos if after else self.count
            rows = self._read(self._before(after), not self.descending, top - end, end - offset)
            rows.reverse()
            self._learn(end - len(rows), rows)
        return [key for key, _ in rows]


def _lower_hi(current: TimeBound | None, new: TimeBound) -> TimeBound:
    if current is None or new.at < current.at:
        return new
    if new.at == current.at:
        return TimeBound(new.at, new.inclusive and current.inclusive)
    return current


def _higher_lo(current: TimeBound | None, new: TimeBound) -> TimeBound:
    if current is None or new.at > current.at:
        return new
    if new.at == current.at:
        return TimeBound(new.at, new.inclusive and current.inclusive)
    return current


class _Concat:
    """Parts one after the other."""

    def __init__(self, parts: Sequence[_Sequence]) -> None:
        self.parts = [p for p in parts if p.count > 0]
        self.starts: list[int] = []
        total = 0
        for part in self.parts:
            self.starts.append(total)
            total += part.count
        self.count = total

    def keys(self, offset: int, limit: int) -> list[EventKey]:
        offset = max(offset, 0)
        end = min(offset + max(limit, 0), self.count)
        found: list[EventKey] = []
        i = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        while offset < end and i < len(self.parts):
            start = self.starts[i]
            part = self.parts[i]
            local = offset - start
            take = min(end - offset, part.count - local)
            found.extend(part.keys(local, take))
            offset += take
            i += 1
        return found


# Person groups: the rows of each person, newest first; the groups ordered by a person key.
PersonKey = tuple[Any, ...]


class _PersonGroups:
    def __init__(
        self,
        fetch: Callable[[Sequence[uuid.UUID | None]], dict[uuid.UUID | None, list[EventKey]]],
        groups: Sequence[tuple[uuid.UUID | None, int]],
    ) -> None:
        self._fetch = fetch
        self._groups = [g for g in groups if g[1] > 0]
        self.starts: list[int] = []
        total = 0
        for _, n in self._groups:
            self.starts.append(total)
            total += n
        self.count = total
        self._cache: OrderedDict[uuid.UUID | None, list[EventKey]] = OrderedDict()

    def keys(self, offset: int, limit: int) -> list[EventKey]:
        offset = max(offset, 0)
        end = min(offset + max(limit, 0), self.count)
        if offset >= end:
            return []
        first = bisect.bisect_right(self.starts, offset) - 1
        last = bisect.bisect_right(self.starts, end - 1) - 1
        wanted = [self._groups[i][0] for i in range(first, last + 1)]
        missing = [p for p in wanted if p not in self._cache]
        if missing:
            fetched = self._fetch(missing)
            for person in missing:
                self._cache[person] = fetched.get(person, [])
        found: list[EventKey] = []
        for i in range(first, last + 1):
            person = self._groups[i][0]
            self._cache.move_to_end(person)
            group = self._cache[person]
            lo = max(offset - self.starts[i], 0)
            hi = min(end - self.starts[i], len(group))
            found.extend(group[lo:hi])
        while len(self._cache) > MAX_CACHED_GROUPS:
            self._cache.popitem(last=False)
        return found


# --- the query ------------------------------------------------------------------------------


class LogQuery:
    """One filter and order over a snapshot of the log: its exact ``count`` and its rows at
    any position. Safe to use from one thread at a time per call (calls are serialised)."""

    def __init__(self, service: ReviewService, where: LogFilter, sort: LogSort) -> None:
        self.service = service
        self.where = where
        self.sort = sort
        self._lock = threading.Lock()
        with service.db.session() as session:
            self.latest = repo.log_latest_time(session)
        self.overlay = service.overlay()
        self._counted: int | None = None
        #: Whether a person (as amended) passes the filter's people; None: no such filter.
        self._person_matches: Callable[[uuid.UUID | None], bool] | None = None
        self._sequence = self._plan()

    @property
    def count(self) -> int:
        return self._sequence.count

    def keys_at(self, offset: int, limit: int) -> list[EventKey]:
        with self._lock:
            return self._sequence.keys(offset, limit)

    def rows_at(self, offset: int, limit: int) -> list[LogRow]:
        """Up to ``limit`` rows from position ``offset`` (0 is the first row)."""
        keys = self.keys_at(offset, limit)
        return self.service.rows_for_keys(keys, self.overlay)

    # -- planning --------------------------------------------------------------------------

    def _plan(self) -> _Sequence:
        where = self._predicate()
        if where is None:
            return _Empty()
        db = self.service.db
        column = self.sort.column
        if column is SortColumn.TEMPERATURE:
            count = self._count(where)
            if count > TEMPERATURE_SORT_MAX:
                raise SortTooBroad(count, TEMPERATURE_SORT_MAX)
            return self._in_memory(where)
        if where.has_people:
            count = self._count(where)
            if count <= MATERIALISE_MAX:
                return self._in_memory(where)
        if column is SortColumn.TIME:
            return _IndexRun(db, where, self.sort.descending, self._count(where))
        if column in (SortColumn.GATE, SortColumn.DECISION, SortColumn.DIRECTION):
            groups = [g for g in self._groups(where) if g is not None]
            with db.session() as session:
                counts = repo.log_group_counts(session, where, groups)
            runs = [_IndexRun(db, g, True, n) for g, n in zip(groups, counts, strict=True)]
            if self.sort.descending:
                runs.reverse()
            return _Concat(runs)
        return self._by_person(where)

    def _count(self, where: LogPredicate) -> int:
        if self._counted is None:
            with self.service.db.session() as session:
                self._counted = repo.log_count(session, where)
        return self._counted

    def _predicate(self) -> LogPredicate | None:
        """The filter as a predicate on this snapshot, amendments accounted for; None when
        nothing can match."""
        f = self.where
        if self.latest is None:
            return None
        hi = TimeBound(self.latest, True)
        if f.until is not None and f.until <= self.latest:
            hi = TimeBound(f.until, False)
        lo = TimeBound(f.since, True) if f.since is not None else None
        where = LogPredicate(lo=lo, hi=hi, gate_id=f.gate_id)
        service = self.service
        if f.person_id is not None or f.staff_no is not None or f.department is not None:
            people: set[uuid.UUID] | None = None
            if f.person_id is not None:
                people = {f.person_id}
            if f.staff_no is not None:
                with service.db.session() as session:
                    found = set(repo.log_person_ids(session, service.site_id,
                                                    staff_no=f.staff_no))
                people = found if people is None else people & found
            if people is not None and not people:
                return None
            where = replace(
                where,
                person_ids=tuple(sorted(people, key=str)) if people is not None else None,
                department=f.department,
                site_id=service.site_id if f.department is not None else None,
            )
            where = self._with_people(where)
        if f.decision is not None:
            where = self._with_decision(where, str(f.decision))
        if f.direction is not None:
            where = self._with_direction(where, str(f.direction))
        return where

    def _with_people(self, where: LogPredicate) -> LogPredicate:
        overlay = self.overlay.person
        if not overlay:
            return where
        involved = {p for pair in overlay.values() for p in pair if p is not None}
        departments = self.service.departments_of(involved)

        def matches(person: uuid.UUID | None) -> bool:
            if person is None:
                return False
            if where.person_ids is not None and person not in where.person_ids:
                return False
            return where.department is None or departments.get(person) == where.department

        self._person_matches = matches
        drop, add = _split(overlay, matches)
        return replace(where, person_not=drop, person_also=add)

    def _with_decision(self, where: LogPredicate, decision: str) -> LogPredicate:
        drop, add = _split(self.overlay.decision, lambda v: v == decision)
        return replace(where, decision=decision, decision_not=drop, decision_also=add)

    def _with_direction(self, where: LogPredicate, direction: str) -> LogPredicate:
        drop, add = _split(self.overlay.direction, lambda v: v == direction)
        return replace(where, direction=direction, direction_not=drop, direction_also=add)

    def _groups(self, where: LogPredicate) -> list[LogPredicate | None]:
        """One predicate per value of the sort column, in ascending order (None: a value the
        filter already excludes)."""
        column = self.sort.column
        if column is SortColumn.DECISION:
            return [
                self._with_decision(where, str(d))
                if where.decision in (None, str(d)) else None
                for d in DECISION_ORDER
            ]
        if column is SortColumn.DIRECTION:
            return [
                self._with_direction(where, str(d))
                if where.direction in (None, str(d)) else None
                for d in DIRECTION_ORDER
            ]
        return [
            replace(where, gate_id=gate.id) if where.gate_id in (None, gate.id) else None
            for gate in self.service.gates()
        ]

    # -- people ----------------------------------------------------------------------------

    def _amended_people(self, where: LogPredicate) -> list[tuple[EventKey, datetime, Any]]:
        """The events whose person an amendment changed that match ``where`` but for the
        person: key, time and effective person."""
        overlay = self.overlay.person
        if not overlay:
            return []
        probe = replace(where.without_people(), keys=tuple(sorted(overlay, key=str)))
        with self.service.db.session() as session:
            rows = repo.log_key_rows(session, probe)
        matches = self._person_matches
        return [
            (row[0], row[1], overlay[row[0]][1]) for row in rows
            if matches is None or matches(overlay[row[0]][1])
        ]

    def _by_person(self, where: LogPredicate) -> _Sequence:
        column = self.sort.column
        overlay = self.overlay.person
        base = replace(where, person_not=tuple(sorted({*where.person_not, *overlay})),
                       person_also=())
        with self.service.db.session() as session:
            counted = Counter(dict(repo.log_person_counts(session, base)))
        extra = self._amended_people(where)
        counted.update(person for _, _, person in extra)
        people = self.service.people_keys(column, [p for p in counted if p is not None])
        named: list[uuid.UUID] = [p for p in counted if p is not None]
        order: list[uuid.UUID | None] = [*sorted(named, key=lambda p: people[p])]
        if None in counted:
            order.append(None)
        if self.sort.descending:
            order.reverse()
        db = self.service.db

        def fetch(persons: Sequence[uuid.UUID | None]) -> dict[uuid.UUID | None,
                                                               list[EventKey]]:
            named = tuple(p for p in persons if p is not None)
            rows: list[tuple[EventKey, datetime, uuid.UUID | None]] = []
            with db.session() as session:
                for start in range(0, len(named), 500):
                    chunk = replace(base, person_ids=named[start : start + 500],
                                    nobody=False)
                    rows.extend((r[0], r[1], r[2])
                                for r in repo.log_key_rows(session, chunk, ("person_id",)))
                if None in persons:
                    chunk = replace(base, person_ids=None, department=None, nobody=True)
                    rows.extend((r[0], r[1], None) for r in repo.log_key_rows(session, chunk))
            wanted = set(persons)
            rows.extend(row for row in extra if row[2] in wanted)
            groups: dict[uuid.UUID | None, list[tuple[datetime, EventKey]]] = {}
            for key, at, person in rows:
                groups.setdefault(person, []).append((at, key))
            return {
                person: [key for _, key in sorted(items, key=_newest_first_key)]
                for person, items in groups.items()
            }

        return _PersonGroups(fetch, [(p, counted[p]) for p in order])

    # -- in memory -------------------------------------------------------------------------

    def _in_memory(self, where: LogPredicate) -> _Sequence:
        """The whole result ordered in memory (a small one)."""
        column = self.sort.column
        fields = {
            SortColumn.TIME: (),
            SortColumn.GATE: ("gate_id",),
            SortColumn.DECISION: ("decision",),
            SortColumn.DIRECTION: ("direction",),
            SortColumn.TEMPERATURE: ("temperature_c",),
        }.get(column, ("person_id",))
        with self.service.db.session() as session:
            rows = repo.log_key_rows(session, where, fields)
        if column is SortColumn.TIME:
            rows.sort(key=lambda r: (r[1], r[0]), reverse=self.sort.descending)
            return _KeyList([r[0] for r in rows])
        rows.sort(key=lambda r: (r[1], r[0]), reverse=True)  # newest first within a group
        rank = self._ranker(rows)
        if column is SortColumn.TEMPERATURE:
            known = [r for r in rows if rank(r) is not None]
            unknown = [r for r in rows if rank(r) is None]
            known.sort(key=rank, reverse=self.sort.descending)
            return _KeyList([r[0] for r in known + unknown])
        rows.sort(key=rank, reverse=self.sort.descending)
        return _KeyList([r[0] for r in rows])

    def _ranker(self, rows: Sequence[tuple[Any, ...]]) -> Callable[[tuple[Any, ...]], Any]:
        column = self.sort.column
        overlay = self.overlay
        if column is SortColumn.GATE:
            ranks = {g.id: i for i, g in enumerate(self.service.gates())}
            return lambda r: ranks.get(r[2], len(ranks))
        if column is SortColumn.DECISION:
            order = {str(d): i for i, d in enumerate(DECISION_ORDER)}
            return lambda r: order[overlay.effective("decision", r[0], r[2])]
        if column is SortColumn.DIRECTION:
            order = {str(d): i for i, d in enumerate(DIRECTION_ORDER)}
            return lambda r: order[overlay.effective("direction", r[0], r[2])]
        if column is SortColumn.TEMPERATURE:
            amended = self.service.rows_by_key([r[0] for r in rows if r[0] in overlay.amended],
                                               overlay)
            temperatures = {k: row.temperature_c for k, row in amended.items()}
            return lambda r: temperatures.get(r[0], r[2])
        persons = {overlay.effective("person", r[0], r[2]) for r in rows}
        people = self.service.people_keys(column, [p for p in persons if p is not None])
        last = (1,)
        return lambda r: (
            (0, people[p]) if (p := overlay.effective("person", r[0], r[2])) is not None
            else last
        )


def _newest_first_key(item: tuple[datetime, EventKey]) -> tuple[float, Any]:
    at, key = item
    return (-at.timestamp(), _negated(key))


def _negated(key: EventKey) -> Any:
    return -key if isinstance(key, int) else tuple(-b for b in key.bytes)


# --- the service ----------------------------------------------------------------------------


class ReviewService:
    """The entry log for the console (and ``gatekeeper log``). Qt-free: a table model calls
    :meth:`query` once per filter and order, then ``count`` and ``rows_at`` per block."""

    def __init__(self, db: Database, installation: Installation | None = None) -> None:
        self.db = db
        self.installation = installation
        self.site_id = installation.site_id if installation is not None else None
        self._lock = threading.Lock()
        self._queries: OrderedDict[tuple[LogFilter, LogSort], LogQuery] = OrderedDict()
        self._overlay: tuple[tuple[int, Any], _Overlay] | None = None
        self._zones: dict[str, ZoneInfo] = {}
        self._gates: dict[uuid.UUID, GateChoice] | None = None

    # -- queries ---------------------------------------------------------------------------

    def query(self, where: LogFilter | None = None, sort: LogSort | None = None) -> LogQuery:
        """A new snapshot of the log for this filter and order (SortTooBroad when a
        temperature sort would order too many events)."""
        return LogQuery(self, where or LogFilter(), sort or LogSort())

    def _cached(self, where: LogFilter, sort: LogSort) -> LogQuery:
        with self._lock:
            found = self._queries.get((where, sort))
            if found is not None:
                self._queries.move_to_end((where, sort))
                return found
        made = self.query(where, sort)
        with self._lock:
            self._queries[(where, sort)] = made
            while len(self._queries) > 8:
                self._queries.popitem(last=False)
        return made

    def count(self, where: LogFilter | None = None) -> int:
        """How many events match (as of the cached snapshot; see :meth:`refresh`)."""
        return self._cached(where or LogFilter(), LogSort()).count

    def rows_at(
        self, where: LogFilter | None, sort: LogSort | None, offset: int, limit: int
    ) -> list[LogRow]:
        return self._cached(where or LogFilter(), sort or LogSort()).rows_at(offset, limit)

    def refresh(self) -> None:
        """Forget the cached snapshots: the next count or rows show new events."""
        with self._lock:
            self._queries.clear()
            self._gates = None

    # -- choices for the filter bar ----------------------------------------------------------

    def gates(self) -> list[GateChoice]:
        if self._gates is None:
            with self.db.session() as session:
                self._gates = {i: GateChoice(i, n, z) for i, n, z in repo.log_gates(session)}
        return list(self._gates.values())

    def departments(self) -> list[str]:
        with self.db.session() as session:
            return repo.log_departments(session, self.site_id)

    # -- helpers for queries -----------------------------------------------------------------

    def overlay(self) -> _Overlay:
        """The amended events, reloaded when the amendments table changed."""
        with self.db.session() as session:
            state = repo.log_amendment_state(session)
            cached = self._overlay
            if cached is not None and cached[0] == state:
                return cached[1]
            overlay = _load_overlay(repo.log_amended_events(session, None))
        self._overlay = (state, overlay)
        return overlay

    def departments_of(self, people: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
        with self.db.session() as session:
            found = repo.log_people_by_ids(session, list(people))
        return {p: fields[2] for p, fields in found.items()}

    def people_keys(
        self, column: SortColumn, people: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, PersonKey]:
        """The sort key of each person for a name, staff number or department sort."""
        with self.db.session() as session:
            found = repo.log_people_by_ids(session, list(people))
        keys: dict[uuid.UUID, PersonKey] = {}
        for person in people:
            staff_no, name, department = found.get(person, ("", "", ""))
            if column is SortColumn.NAME:
                keys[person] = (name, staff_no, str(person))
            elif column is SortColumn.STAFF_NO:
                keys[person] = (staff_no, str(person))
            else:
                keys[person] = (department, name, staff_no, str(person))
        return keys

    def _zone(self, name: str) -> ZoneInfo:
        zone = self._zones.get(name)
        if zone is None:
            zone = self._zones[name] = ZoneInfo(name)
        return zone

    def rows_for_keys(
        self, keys: Sequence[EventKey], overlay: _Overlay | None
    ) -> list[LogRow]:
        """The rows of these events, in the order of ``keys``."""
        found = self.rows_by_key(keys, overlay)
        return [found[key] for key in keys if key in found]

    def rows_by_key(
        self, keys: Sequence[EventKey], overlay: _Overlay | None
    ) -> dict[EventKey, LogRow]:
        """The rows of these events by key. ``overlay`` tells which events have amendments
        (None: look for amendments of every one)."""
        if not keys:
            return {}
        with self.db.session() as session:
            found = {row.key: row for row in repo.log_event_rows(session, keys)}
            ids = [row.id for row in found.values()]
            readings = repo.log_readings(session, ids)
            amended_ids = ids if overlay is None else [
                row.id for key, row in found.items() if key in overlay.amended
            ]
            amendments = repo.log_amendments_of(session, amended_ids)
            people_ids = {
                uuid.UUID(str(change["to"]))
                for changes in amendments.values() for c in changes
                if isinstance(change := c.get("person_id"), Mapping) and change.get("to")
            }
            people = repo.log_people_by_ids(session, list(people_ids)) if people_ids else {}
        return {
            key: self._row(row, readings.get(row.id, []), amendments.get(row.id, []), people)
            for key, row in found.items()
        }

    def _row(
        self, row: Any, readings: list[float], amendments: list[dict[str, Any]],
        people: Mapping[uuid.UUID, tuple[str, str, str]],
    ) -> LogRow:
        values: dict[str, Any] = {
            "direction": row.direction,
            "decision": row.decision,
            "temperature_c": readings[-1] if readings else None,
            "person_id": row.person_id,
        }
        changed: list[str] = []
        for changes in amendments:
            for field_name, change in changes.items():
                if field_name not in values or not isinstance(change, Mapping):
                    continue
                new = None if change.get("purged") else change.get("to")
                if field_name == "person_id":
                    new = uuid.UUID(str(new)) if new else None
                values[field_name] = new
                if field_name not in changed:
                    changed.append(field_name)
        purged = row.readings_purged_at is not None
        temperature = None if purged else values["temperature_c"]
        person = values["person_id"]
        staff_no: str | None = row.staff_no
        name: str | None = row.name
        department: str | None = row.department
        if person != row.person_id:
            shown = people.get(person) if person is not None else None
            staff_no, name, department = shown if shown is not None else (None, None, None)
        return LogRow(
            event_id=row.id,
            seq=row.seq,
            gate_id=row.gate_id,
            gate=row.gate,
            occurred_at=row.occurred_at,
            timezone=row.timezone,
            local_time=row.occurred_at.astimezone(self._zone(row.timezone)),
            person_id=person,
            staff_no=staff_no,
            name=name,
            department=department,
            direction=Direction(values["direction"]),
            decision=Decision(values["decision"]),
            reason=row.reason,
            method=row.method,
            temperature_c=float(temperature) if temperature is not None else None,
            readings_c=tuple(readings),
            readings_purged=purged,
            guard_id=row.guard_id,
            recheck_of=row.recheck_of,
            amended_fields=tuple(changed),
        )
