"""Error kinds.

A :class:`UserError` is caused by input or environment that a person can fix (a bad file, a
camera that is missing, a disk that is full); its message is shown to them as is, without a
traceback. Anything else that escapes is a bug: logged with its traceback.
"""


class UserError(Exception):
    """An error caused by input or environment that a person can fix; its message is shown as is."""
