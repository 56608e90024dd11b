"""Error kinds.

A :class:`UserError` is caused by input or environment that a person can fix (a bad file, a
camera that is missing, a disk that is full); its message is shown to them as is, without a
traceback. Anything else that escapes is a bug: logged with its traceback.

Failures of the machine itself are worded here, once, for every front end: an ``OSError``
that a person can mend (:func:`user_error_from_os`: a full disk, a file size limit, a folder
that may not be written) and the database's own (``gatekeeper/storage/database.py`` turns
SQLite's "database or disk is full", "database is locked", "attempt to write a readonly
database" into the classes below).
"""

from __future__ import annotations

import errno
import getpass

#: errno values that mean "no room left": the disk, the user's quota, or the size limit of a
#: file (RLIMIT_FSIZE, a FAT32 stick) is full.
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})
#: errno values that mean "this user may not write there".
NOT_WRITABLE_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})

NOTHING_LOST = "Nothing of this action was stored; what was stored before is safe."


class UserError(Exception):
    """An error caused by input or environment that a person can fix; its message is shown as is."""


class DiskFull(UserError):
    """The disk (or a file size limit) is full: nothing was written."""


class NotWritable(UserError):
    """A folder or file that gatekeeper must write may not be written (permissions, a
    read-only disk)."""


class DatabaseBusy(UserError):
    """Another program holds the database's write lock for longer than the busy timeout."""


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "this user"


def disk_full_message(what: str, reason: str | None = None) -> str:
    """The words for a full disk: ``what`` could not be written (``reason``: the system's)."""
    why = f" ({reason})" if reason else ""
    return (
        f"The disk is full{why}: {what} could not be written. {NOTHING_LOST} Free some space "
        "on the disk (or move the data folder to a larger one) and try again."
    )


def user_error_from_os(exc: OSError, what: str | None = None) -> UserError | None:
    """The UserError for an OSError that a person can mend (a full disk, a file too large for
    its file system or limit, a folder or file that may not be written), or None for any
    other (a bug, or a problem to report as is). ``what``: the thing being written, for the
    message (default: the file the error names)."""
    target = what or (f"{exc.filename}" if exc.filename else "a file")
    if exc.errno in DISK_FULL_ERRNOS:
        return DiskFull(disk_full_message(target, exc.strerror))
    if exc.errno == errno.EROFS:
        return NotWritable(
            f"{target} is on a read-only disk and cannot be written. {NOTHING_LOST}"
        )
    if exc.errno in NOT_WRITABLE_ERRNOS:
        return NotWritable(
            f"gatekeeper may not use {target} (permission denied). Check that "
            f"{current_user()} may read and write there, or choose another place."
        )
    return None
