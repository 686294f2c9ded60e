"""The only place time is read.

A build's "now" is a date, never a time of day: the day of `SOURCE_DATE_EPOCH` when set,
else today's date (UTC). Day counts of open cases, escalation deadlines and stale-case
warnings count to it, and it decides which stories are still in the future (a scheduled
story appears on the first build on or after its date). The same input on the same day
gives the same bytes; a new day may change them (fast/keys.py keys pages on the day).
"""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime

from generator.diagnostics import BuildError, Diagnostic

_MAX_EPOCH = 253_402_300_799  # 9999-12-31 23:59:59 UTC, the last second a date can hold


def source_date() -> date | None:
    """SOURCE_DATE_EPOCH as a UTC date, or None when unset or empty; BuildError when it is
    set to anything but a whole number of seconds from 1970 up to the end of year 9999
    (a build that quietly used the real date instead would not be reproducible)."""
    text = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) <= 12 and int(text) <= _MAX_EPOCH):
        shown = text if len(text) <= 40 else f"{text[:30]}... ({len(text):,} characters)"
        raise BuildError([Diagnostic(
            "SOURCE_DATE_EPOCH", None,
            f"expected a whole number of seconds since 1970-01-01 UTC (0 to {_MAX_EPOCH}), got {shown!r}")])
    return datetime.fromtimestamp(int(text), tz=UTC).date()


def file_clock_ns() -> int:
    """The wall clock as file times are written (st_ctime_ns): only for telling a file
    changed in the instant it was read (fast/memory.py, fast/cards.py); it never reaches the output."""
    return time.time_ns()


def today() -> date:
    """The build's "now": the day of SOURCE_DATE_EPOCH, else today's date in UTC. It
    decides which stories are published (future ones wait) and what open cases count to."""
    return source_date() or datetime.now(tz=UTC).date()
