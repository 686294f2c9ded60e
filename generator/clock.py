"""The only place time is read.

"now" for figures (days open so far) is `SOURCE_DATE_EPOCH` when set, else the newest
date in the content, so output never depends on the wall clock. Deciding which stories
are still in the future needs today's date: that is `SOURCE_DATE_EPOCH` when set, else
the real date (a scheduled story appears on the first build on or after its date).
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone


def source_date() -> date | None:
    """SOURCE_DATE_EPOCH as a UTC date, or None when unset or not a number."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw.lstrip("-").isdigit():
        return None
    return datetime.fromtimestamp(int(raw), tz=timezone.utc).date()


def today() -> date:
    """The date that decides which stories are published (future ones wait)."""
    return source_date() or datetime.now(tz=timezone.utc).date()


def content_now(dates: list[date]) -> date:
    """The build's "now": SOURCE_DATE_EPOCH, else the newest content date."""
    fixed = source_date()
    if fixed is not None:
        return fixed
    return max(dates) if dates else date(1970, 1, 1)
