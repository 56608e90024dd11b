"""Hypothesis profiles for the whole suite.

``default``: Hypothesis' own settings; each property test keeps the example count it sets, and
the fuzz targets in tests/fuzz run their own modest counts (tests/fuzz/fuzzing.py), so that
``make test`` stays short. ``nightly``: 10,000 examples for every fuzz target, no deadline
(``make fuzz-nightly``). The profile is chosen by ``HYPOTHESIS_PROFILE=NAME``, or
``GATEKEEPER_NIGHTLY=1`` for ``nightly``; pytest's ``--hypothesis-profile NAME`` wins over both.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

NIGHTLY_EXAMPLES = 10_000

settings.register_profile("default", settings.get_profile("default"))
settings.register_profile(
    "nightly",
    max_examples=NIGHTLY_EXAMPLES,
    deadline=None,
    database=None,  # nothing written into the working tree; print_blob reproduces a failure
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_profile = os.environ.get("HYPOTHESIS_PROFILE", "").strip()
if not _profile and os.environ.get("GATEKEEPER_NIGHTLY") == "1":
    _profile = "nightly"
if _profile:
    settings.load_profile(_profile)
