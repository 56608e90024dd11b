"""Hypothesis settings for the fuzz targets in this folder.

Each target names the number of examples it runs under the ``default`` profile, chosen so that
all of them together take well under a minute in ``make test``. Any profile that sets its own
``max_examples`` (tests/conftest.py: ``nightly``, 10,000; ``make fuzz-nightly``) gives every
target that many instead.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

#: Hypothesis' own max_examples, which the default profile keeps.
HYPOTHESIS_DEFAULT = 100


def examples(default: int) -> int:
    """The example count of a target: ``default`` under the default profile, else the
    profile's own count."""
    profile = settings.default.max_examples
    return default if profile == HYPOTHESIS_DEFAULT else profile


def fuzz(default: int) -> settings:
    """The settings of a fuzz target that runs ``default`` examples in ``make test``."""
    return settings(
        max_examples=examples(default),
        deadline=None,
        database=None,  # write nothing into the working tree
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,
            HealthCheck.filter_too_much,
        ],
    )
