"""Durations and points in time as people type them: `30m`, `7d`, ISO 8601."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$", re.IGNORECASE)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_duration(text: str) -> timedelta:
    match = _DURATION.match(text)
    if not match or int(match.group(1)) == 0:
        raise ValueError(f"{text!r} is not a duration like 90s, 30m, 12h, 7d or 2w")
    return timedelta(**{_UNITS[match.group(2).lower()]: int(match.group(1))})


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """`7d` (that long ago) or an ISO date/time (UTC when no zone is given)."""
    now = now or datetime.now(UTC)
    try:
        return now - parse_duration(text)
    except ValueError:
        pass
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is neither a duration like 7d nor an ISO date like 2026-11-01") from None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when
