"""The entry log as the officer console reads it: a filtered, sorted view of up to millions of
screening events, counted exactly and read a block of rows at any position, without ever
loading the whole log. Qt-free: ui/console/log_model.py puts a table model on it.

How a position is found (figures: benchmarks/review.py, 1,000,000 events):

- A :class:`LogQuery` is a snapshot: it reads events up to the newest one at the moment it is
  made, so positions stay put while events arrive; a new query (``refresh``) shows them.
- Filters on time, gate, decision and direction are answered by one index each
  (storage/repositories.py, "log review"), which also carries the other filter columns: the
  count, and the walk in time order, read that index alone, never the table. A block at
  position p is found by skipping index rows (``OFFSET``: 20-90 ns a row) from the nearer end
  or from the nearest *anchor*, a position whose time is known, so that a query can start
  there with a time bound. Anchors are laid every :data:`HOP` rows on the way to a deep
  position and taken from every block read: reading on costs one block, and a jump skips at
  most half a hop once it has been there.
- A filter on people (a person, a staff number, a department) counts through the person index
  and is walked through a time-ordered index that looks each row's person up. Near its ends
  that is cheap; at the first read deeper than :data:`MATERIALISE_DEPTH`, its keys are fetched
  at once, in the walk's own order (8 bytes each), and blocks are read by key. Sorted by
  another column, such a result (up to :data:`MATERIALISE_MAX`) is ordered in memory.
- Sorting by gate, decision or direction concatenates one time-ordered walk per value;
  sorting by name, staff number or department concatenates one short list per person
  (counted by one GROUP BY over the person index, fetched when shown). Within a group the
  newest event comes first. Temperature, which no index orders, sorts a result of up to
  :data:`TEMPERATURE_SORT_MAX` events, in memory.

Amendments (services/amend.py): rows show the *effective* values (direction, decision,
temperature, person) and say which were amended; filters and sorts use the effective values
too. Queries run on the values as recorded, and the few events whose amendments take them out
of a result or bring them in are merged by key (:class:`_MergedRun`): no query pays for them.
"""

from __future__ import annotations

import bisect
import threading
import uuid
from array import array
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Protocol, cast
from zoneinfo import ZoneInfo

from gatekeeper.domain.enums import Decision, Direction
from gatekeeper.errors import UserError
from gatekeeper.services.setup import Installation
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.repositories import EventKey, LogPredicate, TimeBound

#: A filter on people matching up to this many events is sorted in memory by a column other
#: than time (keys fetched once, ordered by the database, ~1 us an event).
MATERIALISE_MAX = 50_000
#: In time order, such a filter is walked through the index near its ends (each row's person
#: looked up), and its keys are fetched, in the same order, at the first read further than
#: MATERIALISE_DEPTH rows from both ends: up to this many events; beyond, it is only walked.
MATERIALISE_LAZY_MAX = 200_000
MATERIALISE_DEPTH = 1000
#: Sorting by temperature orders the result in memory: up to this many events.
TEMPERATURE_SORT_MAX = 100_000
#: A seek deeper than this many rows from every known position lays anchors this far apart:
#: skipping rows of an index costs some 20-90 ns a row, so a few hops reach any position, and
#: a seek near an anchor skips at most half a hop.
HOP = 32768
#: The same for a walk that looks each row up in the table (~1 us a row).
LOOKUP_HOP = 1024
#: Anchors kept per walk; beyond, every other one is forgotten.
MAX_ANCHORS = 4096
#: Person groups whose keys are kept (name, staff number and department sorts).
MAX_CACHED_GROUPS = 4096
#: Order of the values when sorting by decision or direction (ascending).
DECISION_ORDER = (Decision.PASS, Decision.RECHECK, Decision.DENY)
DIRECTION_ORDER = (Direction.IN, Direction.OUT)
#: The fields an amendment may change that the log shows (services/amend.py FIELDS).
AMENDABLE = ("direction", "decision", "temperature_c", "person_id")
# Enum lookups by value through dicts: Decision(text) costs some 10 us, a dict a tenth.
_DECISIONS = {str(d): d for d in Decision}
_DIRECTIONS = {str(d): d for d in Direction}


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
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:  # bytes that are not UTF-8, on a command line
                    raise UserError(f"The {name.replace('_', ' ')} filter is not text.") from None
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
    """A position whose time is known: the rows before ``pos`` are exactly those of a time
    before ``cut`` in the walk's order, and the row at ``pos`` has the time ``cut``."""

    pos: int
    cut: datetime = field(compare=False)


class _IndexRun:
    """The events of one predicate in time order, walked through its index."""

    def __init__(
        self, db: Database, where: LogPredicate, descending: bool, count: int
    ) -> None:
        self.db = db
        self.where = where
        self.descending = descending
        self.count = count
        self._hop = HOP if repo.log_scan_covers(where) else LOOKUP_HOP
        self._anchors: list[_Anchor] = []
        self._positions: list[int] = []

    # The rows from an anchor on, and the rows before it.
    def _after(self, anchor: _Anchor | None) -> LogPredicate:
        if anchor is None:
            return self.where
        bound = TimeBound(anchor.cut, True)
        if self.descending:
            return replace(self.where, hi=_lower_hi(self.where.hi, bound))
        return replace(self.where, lo=_higher_lo(self.where.lo, bound))

    def _before(self, anchor: _Anchor | None) -> LogPredicate:
        if anchor is None:
            return self.where
        bound = TimeBound(anchor.cut, False)
        if self.descending:
            return replace(self.where, lo=_higher_lo(self.where.lo, bound))
        return replace(self.where, hi=_lower_hi(self.where.hi, bound))

    def _read(
        self, where: LogPredicate, descending: bool, offset: int, limit: int
    ) -> list[tuple[Any, ...]]:
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

    def _learn(self, first: int, rows: Sequence[tuple[Any, ...]]) -> None:
        """Anchors from rows read at positions ``first``...: the first and last change of time
        between neighbours."""
        changes = [i for i in range(1, len(rows)) if rows[i][0] != rows[i - 1][0]]
        for i in {changes[0], changes[-1]} if changes else ():
            self._remember(_Anchor(first + i, rows[i][0]))

    def _nearest(self, offset: int, end: int) -> tuple[_Anchor | None, _Anchor | None]:
        """The last anchor at or before ``offset`` and the first at or after ``end``."""
        before = bisect.bisect_right(self._positions, offset) - 1
        after = bisect.bisect_left(self._positions, end)
        return (
            self._anchors[before] if before >= 0 else None,
            self._anchors[after] if after < len(self._anchors) else None,
        )

    def _hop_forward(self, start: _Anchor | None, target: int) -> _Anchor | None:
        """Lay anchors every hop from ``start`` towards ``target``."""
        while target - (start.pos if start else 0) > self._hop:
            base = start.pos if start else 0
            rows = self._read(self._after(start), self.descending, self._hop - 1, 2)
            if len(rows) < 2 or rows[0][0] == rows[1][0]:
                break  # the end, or a tie of times here: seek from the last anchor
            start = _Anchor(base + self._hop, rows[1][0])
            self._remember(start)
        return start

    def _hop_backward(self, start: _Anchor | None, target: int) -> _Anchor | None:
        while (start.pos if start else self.count) - target > self._hop:
            base = start.pos if start else self.count
            rows = self._read(self._before(start), not self.descending, self._hop - 1, 2)
            if len(rows) < 2 or rows[0][0] == rows[1][0]:
                break
            # rows[0] is at base - self._hop, rows[1] just before it: a change of time between them.
            start = _Anchor(base - self._hop, rows[0][0])
            self._remember(start)
        return start

    def keys(self, offset: int, limit: int) -> list[EventKey]:
        return [row[-1] for row in self.rows(offset, limit)]

    def rows(self, offset: int, limit: int) -> list[tuple[Any, ...]]:
        """The rows from ``offset`` as log_keys gives them: the values they are ordered by,
        the key last."""
        offset = max(offset, 0)
        end = min(offset + max(limit, 0), self.count)
        if offset >= end:
            return []
        before, after = self._nearest(offset, end)
        forward = offset - (before.pos if before else 0)
        backward = (after.pos if after else self.count) - end
        if forward <= backward:
            if forward > self._hop:
                before = self._hop_forward(before, offset)
            base = before.pos if before else 0
            rows = self._read(self._after(before), self.descending, offset - base, end - offset)
            self._learn(offset, rows)
        else:
            if backward > self._hop:
                after = self._hop_backward(after, end)
            top = after.pos if after else self.count
            rows = self._read(self._before(after), not self.descending, top - end, end - offset)
            rows.reverse()
            self._learn(end - len(rows), rows)
        return rows


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


class _Reversed:
    """A value that sorts the other way round (for walks newest first)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Reversed) -> bool:
        return bool(other.value < self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and bool(self.value == other.value)

    __hash__ = None  # type: ignore[assignment]


class _MergedRun:
    """A walk through the index on the values as recorded (``base``), with the few amended
    events that the amendments take out of it (``drops``, with the values the walk orders them
    by) or bring into it (``adds``, with their time). An event brought in comes after the
    base's events of the same time.

    Nothing is counted in advance: a block reads the base from ``limit`` plus as many rows
    before and after as there are such events, and places each row by how many of them come
    before it (bisecting their sorted lists)."""

    def __init__(
        self, db: Database, base: LogPredicate, descending: bool, count: int,
        adds: Sequence[tuple[EventKey, datetime]], drops: Mapping[EventKey, tuple[Any, ...]],
    ) -> None:
        self.base = _IndexRun(db, base, descending, count)
        self._wrap: Callable[[Any], Any] = _Reversed if descending else (lambda v: v)
        wrap = self._wrap
        self._drops = sorted(wrap(order) for order in drops.values())
        self._drop_times = sorted(wrap(order[0]) for order in drops.values())
        self._drop_keys = set(drops)
        ordered = sorted(adds, key=lambda a: (wrap(a[1]), wrap(_key_order(a[0]))))
        self._adds = [key for key, _ in ordered]
        self._add_times = [wrap(at) for _, at in ordered]
        self.count = count - len(drops) + len(adds)

    def keys(self, offset: int, limit: int) -> list[EventKey]:
        offset = max(offset, 0)
        end = min(offset + max(limit, 0), self.count)
        if offset >= end:
            return []
        wrap = self._wrap
        lo = max(0, offset - len(self._adds))
        hi = min(self.base.count, end + len(self._drops))
        rows = self.base.rows(lo, hi - lo) if hi > lo else []
        placed: list[tuple[int, EventKey]] = []
        for i, row in enumerate(rows):
            if row[-1] in self._drop_keys:
                continue
            at = (lo + i - bisect.bisect_left(self._drops, wrap(row))
                  + bisect.bisect_left(self._add_times, wrap(row[0])))
            if offset <= at < end:
                placed.append((at, row[-1]))
        times = [wrap(row[0]) for row in rows]
        reaches_end = lo + len(rows) >= self.base.count
        for n, (key, when) in enumerate(zip(self._adds, self._add_times, strict=True)):
            after = bisect.bisect_right(times, when)  # the first row of a later time
            if after == 0 and lo > 0:
                continue  # before this window, so before ``offset``
            if after == len(rows) and not reaches_end:
                continue  # after this window, so at or after ``end``
            at = lo + after - bisect.bisect_right(self._drop_times, when) + n
            if offset <= at < end:
                placed.append((at, key))
        placed.sort(key=lambda item: item[0])
        return [key for _, key in placed]


def _key_order(key: EventKey) -> Any:
    return key if isinstance(key, int) else key.bytes


def _time_order(value: Any) -> Any:
    """A time from the database (SQLite's fixed-width text, or a datetime) in a form that
    sorts with the others."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


class _Materialising:
    """A walk that serves reads near its ends, and hands over to the whole list of keys (in
    the same order) at the first read deeper than ``depth`` rows from both ends."""

    def __init__(
        self, walk: _Sequence, materialise: Callable[[], _Sequence], depth: int
    ) -> None:
        self._walk = walk
        self._materialise = materialise
        self._depth = depth
        self._whole: _Sequence | None = None
        self.count = walk.count

    def keys(self, offset: int, limit: int) -> list[EventKey]:
        if self._whole is None:
            end = min(offset + max(limit, 0), self.count)
            if offset <= self._depth or self.count - end <= self._depth:
                return self._walk.keys(offset, limit)
            self._whole = self._materialise()
        return self._whole.keys(offset, limit)


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


@dataclass(frozen=True)
class _Specials:
    """What amendments change in a predicate's result: the predicate on the recorded values
    (``plain``), the events it holds that the amended values leave out (``drops``), and those
    it misses that the amended values bring in (``adds``), with their ``fields``."""

    plain: LogPredicate
    adds: dict[EventKey, tuple[Any, ...]]
    drops: dict[EventKey, tuple[Any, ...]]


class LogQuery:
    """One filter and order over a snapshot of the log: its exact ``count`` and its rows at
    any position. Calls are serialised: a GUI thread and a reader thread may share it."""

    def __init__(self, service: ReviewService, where: LogFilter, sort: LogSort) -> None:
        self.service = service
        self.where = where
        self.sort = sort
        self._lock = threading.Lock()
        with service.db.session() as session:
            self.latest = repo.log_latest_time(session)
        self.overlay = service.overlay()
        self._specials_of: dict[tuple[LogPredicate, tuple[str, ...]], _Specials] = {}
        self._counts: dict[LogPredicate, int] = {}
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
        column = self.sort.column
        if column is SortColumn.TEMPERATURE:
            specials = self._specials(where, ("temperature_c",))
            count = self._count(specials)
            if count > TEMPERATURE_SORT_MAX:
                raise SortTooBroad(count, TEMPERATURE_SORT_MAX)
            return self._in_memory(specials)
        if where.has_people:
            specials = self._specials(where, self._memory_fields())
            count = self._count(specials)
            if column is SortColumn.TIME and count <= MATERIALISE_LAZY_MAX:
                return _Materialising(
                    self._run(where, self.sort.descending),
                    lambda: self._in_memory(specials), MATERIALISE_DEPTH,
                )
            if count <= MATERIALISE_MAX:
                return self._in_memory(specials)
        if column is SortColumn.TIME:
            return self._run(where, self.sort.descending)
        if column in (SortColumn.GATE, SortColumn.DECISION, SortColumn.DIRECTION):
            runs = [self._run(g, True) for g in self._groups(where) if g is not None]
            if self.sort.descending:
                runs.reverse()
            return _Concat(runs)
        return self._by_person(where)

    def _memory_fields(self) -> tuple[str, ...]:
        return {
            SortColumn.TIME: (),
            SortColumn.GATE: ("gate_id",),
            SortColumn.DECISION: ("decision",),
            SortColumn.DIRECTION: ("direction",),
            SortColumn.TEMPERATURE: ("temperature_c",),
        }.get(self.sort.column, ("person_id",))

    def _specials(self, where: LogPredicate, fields: Sequence[str] = ()) -> _Specials:
        """What amendments change in ``where`` (the rows with ``fields``); made once."""
        found = self._specials_of.get((where, tuple(fields)))
        if found is not None:
            return found
        plain = where.plain()
        candidates = where.amended_keys()
        if not candidates:
            found = _Specials(plain, {}, {})
        else:
            keys = tuple(sorted(candidates, key=_key_order))
            with self.service.db.session() as session:
                recorded = {r[0]: r for r in repo.log_key_rows(
                    session, replace(plain, keys=keys), fields)}
                amended = {r[0]: r for r in repo.log_key_rows(
                    session, replace(where, keys=keys), fields)}
            found = _Specials(
                plain,
                adds={k: r for k, r in amended.items() if k not in recorded},
                drops={k: r for k, r in recorded.items() if k not in amended},
            )
        self._specials_of[(where, tuple(fields))] = found
        return found

    def _plain_count(self, plain: LogPredicate) -> int:
        """How many events ``plain`` holds; counted once. Everything up to the newest event is
        counted without reading an index row, in the same statement that checks that no event
        came since."""
        found = self._counts.get(plain)
        if found is None:
            with self.service.db.session() as session:
                found = None
                if self.latest is not None and plain == LogPredicate(
                    hi=TimeBound(self.latest, True)
                ):
                    total, latest = repo.log_count_all(session)
                    found = total if latest == self.latest else None
                if found is None:
                    found = repo.log_count(session, plain)
            self._counts[plain] = found
        return found

    def _count(self, specials: _Specials) -> int:
        return self._plain_count(specials.plain) + len(specials.adds) - len(specials.drops)

    def _run(self, where: LogPredicate, descending: bool) -> _Sequence:
        """The events of ``where`` in time order, walked through the index."""
        specials = next(
            (s for (w, _), s in self._specials_of.items() if w == where), None
        ) or self._specials(where)
        count = self._plain_count(specials.plain)
        if not specials.adds and not specials.drops:
            return _IndexRun(self.service.db, specials.plain, descending, count)
        with self.service.db.session() as session:
            drops = repo.log_order_of(session, specials.plain, list(specials.drops))
        adds = [(key, row[1]) for key, row in specials.adds.items()]
        return _MergedRun(self.service.db, specials.plain, descending, count, adds, drops)

    def _predicate(self) -> LogPredicate | None:
        """The filter as a predicate on this snapshot, with the keys of the amended events it
        concerns; None when nothing can match."""
        f = self.where
        if self.latest is None:
            return None
        hi = TimeBound(self.latest, True)
        if f.until is not None and f.until <= self.latest:
            hi = TimeBound(f.until, False)
        lo = TimeBound(f.since, True) if f.since is not None else None
        service = self.service
        gate_id = f.gate_id
        if gate_id is not None and [g.id for g in service.gates()] == [gate_id]:
            gate_id = None  # the only gate (a gate's own database): every event is of it
        where = LogPredicate(lo=lo, hi=hi, gate_id=gate_id)
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
        involved = {p for pair in overlay.values() for p in pair if p is not None}
        departments = self.service.departments_of(involved) if where.department else {}

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

    # -- by person -------------------------------------------------------------------------

    def _by_person(self, where: LogPredicate) -> _Sequence:
        """Groups of one person each, ordered by the person; counted as recorded, then the
        amended events moved: out of the group they were recorded in, into the group of the
        person they name now."""
        specials = self._specials(where, ("person_id",))
        plain = specials.plain
        overlay = self.overlay
        movers: dict[EventKey, tuple[Any, ...]] = {}
        if overlay.person:
            keys = tuple(sorted(overlay.person, key=_key_order))
            with self.service.db.session() as session:
                movers = {r[0]: r for r in repo.log_key_rows(
                    session, replace(plain, keys=keys), ("person_id",)) if r[0] not in
                    specials.drops}
        # Recorded person of what leaves its group; time and person of what enters one.
        leaving = {k: r[2] for k, r in (*specials.drops.items(), *movers.items())}
        entering = [
            (k, r[1], overlay.effective("person", k, r[2]))
            for k, r in (*specials.adds.items(), *movers.items())
        ]
        with self.service.db.session() as session:
            counted = Counter(dict(repo.log_person_counts(session, plain)))
        counted.subtract(leaving.values())
        counted.update(person for _, _, person in entering)
        keys_of = self.service.people_keys(self.sort.column,
                                           [p for p in counted if p is not None])
        named: list[uuid.UUID] = [p for p, n in counted.items() if p is not None and n > 0]
        order: list[uuid.UUID | None] = [*sorted(named, key=lambda p: keys_of[p])]
        if counted.get(None, 0) > 0:
            order.append(None)
        if self.sort.descending:
            order.reverse()
        db = self.service.db

        def fetch(persons: Sequence[uuid.UUID | None]) -> dict[uuid.UUID | None,
                                                               list[EventKey]]:
            wanted = set(persons)
            named = tuple(p for p in persons if p is not None)
            rows: list[tuple[EventKey, Any, uuid.UUID | None]] = []
            with db.session() as session:
                for start in range(0, len(named), 500):
                    chunk = replace(plain, person_ids=named[start : start + 500],
                                    nobody=False)
                    rows.extend((r[0], r[1], r[2]) for r in repo.log_key_rows(
                        session, chunk, ("person_id",), raw_time=True))
                if None in wanted:
                    chunk = replace(plain, person_ids=None, department=None, nobody=True)
                    rows.extend((r[0], r[1], None) for r in repo.log_key_rows(
                        session, chunk, raw_time=True))
            groups: dict[uuid.UUID | None, list[tuple[Any, EventKey]]] = {}
            for key, at, person in rows:
                if key not in leaving:
                    groups.setdefault(person, []).append((_time_order(at), _key_order(key)))
            for key, at, person in entering:
                if person in wanted:
                    groups.setdefault(person, []).append((_time_order(at), _key_order(key)))
            return {
                person: [_key_back(k) for _, k in sorted(items, reverse=True)]
                for person, items in groups.items()
            }

        return _PersonGroups(fetch, [(p, counted[p]) for p in order])

    # -- in memory -------------------------------------------------------------------------

    def _in_memory(self, specials: _Specials) -> _Sequence:
        """The whole result ordered in memory (a small one). The database orders it by time
        (then key), newest first unless the time sort is ascending; amended events are taken
        out or put in; then, for another column, a stable sort by the column's rank keeps the
        newest first within each group."""
        column = self.sort.column
        newest_first = column is not SortColumn.TIME or self.sort.descending
        with self.service.db.session() as session:
            rows = repo.log_key_rows(
                session, specials.plain, self._memory_fields(), raw_time=True,
                newest_first=newest_first, leave_out=sorted(specials.drops, key=_key_order),
            )
        adds = sorted(specials.adds.values(),
                      key=lambda r: (_time_order(r[1]), _key_order(r[0])), reverse=newest_first)
        for row in adds:
            _insert_in_time_order(rows, row, newest_first)
        if column is SortColumn.TIME:
            return _KeyList([r[0] for r in rows])
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
            amended = self.service.rows_by_key(
                [r[0] for r in rows if r[0] in overlay.amended], overlay)
            temperatures = {k: row.temperature_c for k, row in amended.items()}
            return lambda r: temperatures.get(r[0], r[2])
        persons = {overlay.effective("person", r[0], r[2]) for r in rows}
        people = self.service.people_keys(column, [p for p in persons if p is not None])
        last = (1,)
        return lambda r: (
            (0, people[p]) if (p := overlay.effective("person", r[0], r[2])) is not None
            else last
        )


def _insert_in_time_order(
    rows: list[tuple[Any, ...]], row: tuple[Any, ...], newest_first: bool
) -> None:
    """Put ``row`` into ``rows`` (in walk order) after every row of its time or before, as
    _MergedRun places an event amended into a result."""
    wanted = _time_order(row[1])
    lo, hi = 0, len(rows)
    while lo < hi:
        middle = (lo + hi) // 2
        here = _time_order(rows[middle][1])
        if (here >= wanted) if newest_first else (here <= wanted):
            lo = middle + 1
        else:
            hi = middle
    rows.insert(lo, row)


def _key_back(key: Any) -> EventKey:
    return key if isinstance(key, int) else uuid.UUID(bytes=key)


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
        self._people: tuple[tuple[int, Any], dict[uuid.UUID, tuple[str, str, str]]] | None = None
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

    def people(self) -> dict[uuid.UUID, tuple[str, str, str]]:
        """(staff number, name, department) of everybody of the site, reloaded when the
        registry changed."""
        with self.db.session() as session:
            state = repo.log_people_state(session, self.site_id)
            cached = self._people
            if cached is not None and cached[0] == state:
                return cached[1]
            people = {i: (s, n, d) for i, s, n, d in repo.log_people(session, self.site_id)}
        self._people = (state, people)
        return people

    def departments_of(self, people: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
        wanted = list(people)
        if not wanted:
            return {}
        with self.db.session() as session:
            found = repo.log_people_by_ids(session, wanted)
        return {p: fields[2] for p, fields in found.items()}

    def people_keys(
        self, column: SortColumn, people: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, PersonKey]:
        """The sort key of each person for a name, staff number or department sort."""
        found = self.people()
        missing = [p for p in people if p not in found]
        if missing:  # of another site (a central database)
            with self.db.session() as session:
                found = {**found, **repo.log_people_by_ids(session, missing)}
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
            found = {row[0]: tuple(row) for row in repo.log_event_rows(session, keys)}
            ids = [row[1] for row in found.values()]
            readings = repo.log_readings(session, ids)
            amended_ids = ids if overlay is None else [
                row[1] for key, row in found.items() if key in overlay.amended
            ]
            amendments = repo.log_amendments_of(session, amended_ids)
            people_ids = {
                uuid.UUID(str(change["to"]))
                for changes in amendments.values() for c in changes
                if isinstance(change := c.get("person_id"), Mapping) and change.get("to")
            }
            people = repo.log_people_by_ids(session, list(people_ids)) if people_ids else {}
        return {
            key: self._row(row, readings.get(row[1], []), amendments.get(row[1], []), people)
            for key, row in found.items()
        }

    def _row(
        self, row: Sequence[Any], readings: list[float], amendments: list[dict[str, Any]],
        people: Mapping[uuid.UUID, tuple[str, str, str]],
    ) -> LogRow:
        (_, event_id, seq, gate_id, gate, person_id, occurred_at, zone, direction, decision,
         reason, method, guard_id, recheck_of, purged_at, staff_no, name, department) = row
        temperature = readings[-1] if readings else None
        person = person_id
        changed: list[str] = []
        for changes in amendments:
            for field_name, change in changes.items():
                if field_name not in AMENDABLE or not isinstance(change, Mapping):
                    continue
                new = None if change.get("purged") else change.get("to")
                if field_name == "direction":
                    direction = new
                elif field_name == "decision":
                    decision = new
                elif field_name == "temperature_c":
                    temperature = new
                else:
                    person = uuid.UUID(str(new)) if new else None
                if field_name not in changed:
                    changed.append(field_name)
        purged = purged_at is not None
        if purged:
            temperature = None
        if person != person_id:
            shown = people.get(person) if person is not None else None
            staff_no, name, department = shown if shown is not None else (None, None, None)
        return LogRow(
            event_id=event_id,
            seq=seq,
            gate_id=gate_id,
            gate=gate,
            occurred_at=occurred_at,
            timezone=zone,
            local_time=occurred_at.astimezone(self._zone(zone)),
            person_id=person,
            staff_no=staff_no,
            name=name,
            department=department,
            direction=_DIRECTIONS[direction],
            decision=_DECISIONS[decision],
            reason=reason,
            method=method,
            temperature_c=float(temperature) if temperature is not None else None,
            readings_c=tuple(readings),
            readings_purged=purged,
            guard_id=guard_id,
            recheck_of=recheck_of,
            amended_fields=tuple(changed),
        )
