"""The bundle's entry point: the `gatekeeper` command, as the console script runs it."""

import os
import sys

# Windows' windowed executable (gatekeeperw.exe) has no standard streams: give it empty ones,
# so that a print or a log line does not end the program.
for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115

from gatekeeper.cli import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
