"""The record kinds a sync file carries and how each travels: one JSON array per line, its
columns named in the manifest. Values are JSON-native except UUIDs (32 hex digits), datetimes
(UTC, "YYYY-MM-DD HH:MM:SS.ffffff") and bytes (base64, or hex for keys)."""

from __future__ import annotations

import base64
import binascii
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from gatekeeper.storage.models import (
    Amendment,
    Badge,
    Base,
    Gate,
    HealthDeclaration,
    Person,
    Reading,
    ScreeningEvent,
    SigningKey,
    User,
    Visit,
)


class RecordError(Exception):
    """A record that does not have the shape its kind requires."""


# Column types: what the database gives, and what the JSON carries.
UUID = "uuid"
INT = "int"
STR = "str"
BOOL = "bool"
FLOAT = "float"
DATETIME = "datetime"
JSONLIST = "list"
JSONDICT = "dict"
B64 = "base64"
HEX = "hex"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool = False


def _c(spec: str) -> Column:
    """``"name:type"``, with ``?`` after the type for a nullable column."""
    name, kind = spec.split(":")
    return Column(name, kind.rstrip("?"), kind.endswith("?"))


#: Datetimes travel as UTC in this form: what SQLite itself stores, so that a raw value from
#: SQLite needs no conversion at all.
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def _dt_out(value: datetime | str) -> str:
    if type(value) is str:  # a raw SQLite value: naive UTC, "YYYY-MM-DD HH:MM:SS.ffffff"
        return value
    assert isinstance(value, datetime)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime(DATETIME_FORMAT)


def _uuid_out(value: uuid.UUID | str) -> str:
    if type(value) is str:  # a raw SQLite value: 32 hex digits
        return value
    assert isinstance(value, uuid.UUID)
    return value.hex


def as_uuid(value: uuid.UUID | str) -> uuid.UUID:
    """A UUID from a converted or raw database value."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


_OUT: dict[str, Callable[[Any], Any]] = {
    UUID: _uuid_out,
    DATETIME: _dt_out,
    B64: lambda v: base64.b64encode(v).decode("ascii"),
    HEX: lambda v: bytes(v).hex(),
}


def _uuid_in(value: Any) -> uuid.UUID:
    if not isinstance(value, str) or len(value) not in (32, 36):
        raise RecordError("not a UUID")
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        raise RecordError("not a UUID") from exc


def _dt_in(value: Any) -> datetime:
    """UTC, as DATETIME_FORMAT writes it (an ISO 8601 text with an offset is read too)."""
    if not isinstance(value, str) or len(value) > 40:
        raise RecordError("not a date and time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise RecordError("not a date and time") from exc
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError as exc:  # the first or last day of the calendar, moved past it
        raise RecordError("not a date and time") from exc


def _int_in(value: Any) -> int:
    # Every integer column is a 32-bit INTEGER (PostgreSQL refuses more).
    if type(value) is not int or not -(2**31) <= value < 2**31:
        raise RecordError("not an integer in range")
    return value


def _str_in(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 100_000 or not _unicode(value):
        raise RecordError("not a text")
    return value


def _unicode(value: str) -> bool:
    """Whether ``value`` is text that can be stored: JSON's \\ud800 escape reads as a lone
    surrogate, which no database (nor UTF-8) can hold."""
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _bool_in(value: Any) -> bool:
    if type(value) is not bool:
        raise RecordError("not true or false")
    return value


def _float_in(value: Any) -> float:
    if type(value) not in (int, float):
        raise RecordError("not a number")
    try:
        return float(value)
    except OverflowError as exc:  # an integer beyond any float
        raise RecordError("not a number") from exc


def _list_in(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise RecordError("not a list")
    return value


def _dict_in(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RecordError("not an object")
    return value


def _b64_in(value: Any) -> bytes:
    if not isinstance(value, str):
        raise RecordError("not base64")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise RecordError("not base64") from exc


def _hex_in(value: Any) -> bytes:
    if not isinstance(value, str):
        raise RecordError("not hex")
    try:
        return bytes.fromhex(value)
    except ValueError as exc:
        raise RecordError("not hex") from exc


def _uuid_column(
    values: Sequence[Any], repeated: bool, seen: dict[str, uuid.UUID]
) -> list[uuid.UUID]:
    """A column of UUIDs, each value as _uuid_in reads it. ``seen``: the UUID of each id
    text converted so far (of this part or an earlier one: a reading names its event), which
    a ``repeated`` column (few distinct ids many times: a gate, a person, an event) looks up;
    a column of ids (each once) only adds to it."""
    if not _all_of(values, str) or not set(map(len, values)) <= {32, 36}:
        raise RecordError("not a UUID")
    make = uuid.UUID
    try:
        if not repeated:
            made = list(map(make, values))
            seen.update(zip(values, made, strict=True))
            return made
        out: list[uuid.UUID] = []
        for value in values:
            found = seen.get(value)
            if found is None:
                found = seen[value] = make(value)
            out.append(found)
        return out
    except ValueError as exc:
        raise RecordError("not a UUID") from exc


class FileTime(datetime):
    """A datetime read from a sync file in exactly the form this format writes
    (DATETIME_FORMAT, UTC), which keeps that text as ``utc_text``: the text SQLite stores for
    it (storage/types.py's UTCDateTime) and that its isoformat() is made of, so that a bulk
    import need not format it again. Otherwise an ordinary aware UTC datetime."""

    __slots__ = ("utc_text",)
    utc_text: str


_WRITTEN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}")


def _datetime_column(values: Sequence[Any]) -> list[datetime]:
    """A column of datetimes, each value as _dt_in reads it: a text in the form this format
    writes as a FileTime, any other by _dt_in."""
    written = _WRITTEN.fullmatch
    parse = FileTime.fromisoformat
    out: list[datetime] = []
    append = out.append
    for value in values:
        if type(value) is str and written(value):
            try:
                moment = parse(value + "+00:00")
            except ValueError:  # that form, but no such date (2026-02-30)
                raise RecordError("not a date and time") from None
            moment.utc_text = value
            append(moment)
        else:
            append(_dt_in(value))
    return out


def _all_of(values: Sequence[Any], *types: type) -> bool:
    """Whether every value is of exactly one of ``types`` (not a subclass: a bool is no int
    here), looked at by C loops rather than a Python one."""
    return set(map(type, values)) <= set(types)


def _int_column(values: Sequence[Any]) -> Sequence[Any]:
    if not _all_of(values, int) or min(values) < -(2**31) or max(values) >= 2**31:
        raise RecordError("not an integer in range")
    return values


def _str_column(values: Sequence[Any]) -> Sequence[Any]:
    if not _all_of(values, str) or max(map(len, values)) > 100_000:
        raise RecordError("not a text")
    if not all(map(str.isascii, values)) and not all(map(_unicode, values)):
        raise RecordError("not a text")
    return values


def _float_column(values: Sequence[Any]) -> Sequence[Any]:
    if _all_of(values, float):
        return values
    if not _all_of(values, float, int):
        raise RecordError("not a number")
    return [v if type(v) is float else _float_in(v) for v in values]


_IN: dict[str, Callable[[Any], Any]] = {
    UUID: _uuid_in,
    INT: _int_in,
    STR: _str_in,
    BOOL: _bool_in,
    FLOAT: _float_in,
    DATETIME: _dt_in,
    JSONLIST: _list_in,
    JSONDICT: _dict_in,
    B64: _b64_in,
    HEX: _hex_in,
}


@dataclass(frozen=True)
class Kind:
    """One record kind: its part name, its table, and the columns that travel."""

    name: str
    model: type[Base]
    columns: tuple[Column, ...]
    #: Columns that travel but are not columns of ``model`` (kept elsewhere).
    extra: tuple[str, ...] = ()
    _encode: Callable[[Sequence[Any]], list[Any]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        converters = [
            (i, _OUT[c.type]) for i, c in enumerate(self.columns) if c.type in _OUT
        ]

        def encode(row: Sequence[Any]) -> list[Any]:
            out = list(row)
            for i, convert in converters:
                value = out[i]
                if value is not None:
                    out[i] = convert(value)
            return out

        object.__setattr__(self, "_encode", encode)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def sql_json_safe(self) -> bool:
        """Whether SQLite's json_array writes this kind's stored values exactly as the
        encoder would (integers and texts only: no floats, booleans, JSON or bytes)."""
        return all(c.type in (UUID, INT, STR, DATETIME) for c in self.columns)

    @property
    def raw_names(self) -> list[str]:
        """The columns that may be read raw (not converted by their column type): the
        encoder turns a raw UUID or datetime into the same text as a converted one."""
        return [c.name for c in self.columns if c.type in (UUID, DATETIME)]

    @property
    def table_names(self) -> list[str]:
        return [c.name for c in self.columns if c.name not in self.extra]

    @property
    def part_name(self) -> str:
        return f"{self.name}.jsonl.gz"

    def encode(self, row: Sequence[Any]) -> list[Any]:
        """A row (values in column order) as its JSON array."""
        return self._encode(row)

    def encode_record(self, record: Mapping[str, Any]) -> list[Any]:
        """A record (by column name) as its JSON array: to compare two versions of it."""
        return self._encode([record.get(name) for name in self.names])

    def decoder(self, columns: Sequence[str]) -> Callable[[Any], dict[str, Any]]:
        """A function from a JSON array (in the order ``columns``, as the file declares) to
        the record by column name, raising RecordError for a value of the wrong shape.
        ``columns`` must name exactly this kind's columns."""
        if sorted(columns) != sorted(self.names):
            raise RecordError(f"{self.name}: the file's columns are not this version's")
        by_name = {c.name: c for c in self.columns}
        plan = [(name, by_name[name].nullable, _IN[by_name[name].type]) for name in columns]
        width = len(plan)

        def decode(values: Any) -> dict[str, Any]:
            if not isinstance(values, list) or len(values) != width:
                raise RecordError(f"expected {width} values")
            record: dict[str, Any] = {}
            for (name, nullable, convert), value in zip(plan, values, strict=True):
                if value is None:
                    if not nullable:
                        raise RecordError(f"{name}: missing")
                    record[name] = None
                    continue
                try:
                    record[name] = convert(value)
                except RecordError as exc:
                    raise RecordError(f"{name}: {exc}") from None
            return record

        return decode

    def decode_all(
        self, columns: Sequence[str], rows: Sequence[Any],
        ids: dict[str, uuid.UUID] | None = None,
    ) -> list[dict[str, Any]]:
        """Every row of a part at once, a column at a time: the same records as
        :meth:`decoder` gives one by one, several times faster. Raises RecordError when a
        row is not valid, without saying which: decode row by row to find it. ``ids``: the
        UUID of each id text read so far, shared by the parts of a file (so that the
        readings name their events by the events' own UUID objects), added to here."""
        if sorted(columns) != sorted(self.names):
            raise RecordError(f"{self.name}: the file's columns are not this version's")
        if not rows:
            return []
        width = len(columns)
        if not _all_of(rows, list) or set(map(len, rows)) != {width}:
            raise RecordError(f"expected {width} values")
        by_name = {c.name: c for c in self.columns}
        seen = {} if ids is None else ids
        converted = [
            _column_of(by_name[name], values, seen)
            for name, values in zip(columns, zip(*rows, strict=True), strict=True)
        ]
        names = list(columns)
        return [
            dict(zip(names, values, strict=False))
            for values in zip(*converted, strict=False)
        ]


def _column_of(
    column: Column, values: Sequence[Any], seen: dict[str, uuid.UUID]
) -> Sequence[Any]:
    """One column of a part, every value read as its type's reader reads it alone; raises
    RecordError when one value is not of the column's type (the caller finds which).
    ``seen``: see _uuid_column."""
    if column.nullable:
        present = [v for v in values if v is not None]
        if len(present) < len(values):
            if not present:
                return values
            converted = iter(_column_of(Column(column.name, column.type), present, seen))
            return [None if v is None else next(converted) for v in values]
    elif None in values:
        raise RecordError(f"{column.name}: missing")
    if column.type == UUID:
        return _uuid_column(values, column.name != "id", seen)
    if column.type == DATETIME:
        return _datetime_column(values)
    if column.type == INT:
        return _int_column(values)
    if column.type == STR:
        return _str_column(values)
    if column.type == FLOAT:
        return _float_column(values)
    return [_IN[column.type](v) for v in values]


def _kind(name: str, model: type[Base], *specs: str, extra: tuple[str, ...] = ()) -> Kind:
    return Kind(name, model, tuple(_c(s) for s in specs), extra)


EVENTS = _kind(
    "events", ScreeningEvent,
    "id:uuid", "gate_id:uuid", "seq:int", "person_id:uuid?", "occurred_at:datetime",
    "timezone:str", "direction:str", "decision:str", "reason:str", "method:str",
    "badge_version:int?", "guard_id:uuid?", "recheck_of:uuid?", "readings_hash:str",
    "content_hash:str", "chain_hash:str", "readings_purged_at:datetime?",
)
READINGS = _kind(
    "readings", Reading,
    "id:uuid", "event_id:uuid", "ordinal:int", "value_c:float", "value_entered:float",
    "unit_entered:str", "source_device:str", "taken_at:datetime",
)
DECLARATIONS = _kind(
    "declarations", HealthDeclaration,
    "id:uuid", "person_id:uuid", "gate_id:uuid", "seq:int", "declared_at:datetime",
    "for_date:str", "symptoms:list", "places_visited:list", "contact_with_confirmed:bool",
    "source:str", "details:dict",
)
VISITS = _kind(
    "visits", Visit,
    "id:uuid", "person_id:uuid", "gate_id:uuid", "seq:int", "visit_date:str", "company:str",
    "host:str", "purpose:str", "declaration_id:uuid?", "created_at:datetime", "source:str",
)
AMENDMENTS = _kind(
    "amendments", Amendment,
    "id:uuid", "event_id:uuid", "gate_id:uuid", "seq:int", "amended_at:datetime", "actor:str",
    "reason:str", "changes:dict",
)
PEOPLE = _kind(
    "people", Person,
    "id:uuid", "site_id:uuid", "staff_no:str", "name:str", "kind:str", "department:str",
    "employer:str", "phone:str", "active:bool", "photo:base64?", "declaration_required:bool",
    "badge_version:int", "created_at:datetime", "updated_at:datetime",
)
BADGES = _kind(
    "badges", Badge,
    "id:uuid", "person_id:uuid", "version:int", "issued_at:datetime", "revoked_at:datetime?",
    "expires_at:datetime?",
)
USERS = _kind(
    "users", User,
    "id:uuid", "site_id:uuid", "username:str", "display_name:str", "role:str", "active:bool",
    "created_at:datetime",
)
GATES = _kind(
    "gates", Gate,
    "id:uuid", "site_id:uuid", "name:str", "timezone:str", "default_direction:str",
    "created_at:datetime",
)
KEYS = _kind(
    "keys", SigningKey,
    "id:uuid", "site_id:uuid", "key_id:hex", "public_key:hex", "purpose:str",
    "created_at:datetime", "retired_at:datetime?", "gate_id:uuid?",
    extra=("gate_id",),
)

#: What a gate sends upstream, in the order of the parts in its file. The seq-numbered kinds
#: come first; people, badges and users are the ones the records refer to.
RECORD_KINDS = (EVENTS, READINGS, DECLARATIONS, VISITS, AMENDMENTS, PEOPLE, BADGES, USERS)
#: What the site sends down to its gates.
REGISTRY_KINDS = (GATES, KEYS, PEOPLE, BADGES)
KINDS = {k.name: k for k in (*RECORD_KINDS, GATES, KEYS)}
#: The kinds numbered by the gate's sequence (their ``seq`` lies in the file's range).
SEQUENCED = (EVENTS, DECLARATIONS, VISITS, AMENDMENTS)
