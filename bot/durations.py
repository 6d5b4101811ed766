"""Durations and points in time as people type them: `30m`, `7d`, ISO 8601."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

_DURATION = re.compile(r"\s*+([0-9]{1,12}+)\s*+([smhdw])\s*+", re.IGNORECASE)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


_LONGEST = timedelta(days=36_500)  # a century: beyond any history or TTL, and far from datetime's limits


def _quote(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:40] + "…")


def parse_duration(text: str) -> timedelta:
    match = _DURATION.fullmatch(text)
    if not match or int(match.group(1)) == 0:
        raise ValueError(f"{_quote(text)} is not a duration like 90s, 30m, 12h, 7d or 2w")
    amount, unit = int(match.group(1)), _UNITS[match.group(2).lower()]
    if amount > _LONGEST / timedelta(**{unit: 1}):
        raise ValueError(f"{_quote(text)} is longer than {_LONGEST.days:,} days")
    return timedelta(**{unit: amount})


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """`7d` (that long ago) or an ISO date/time (UTC when no zone is given)."""
    now = now or datetime.now(UTC)
    if _DURATION.fullmatch(text):
        return now - parse_duration(text)  # its own clear error when the duration is too long
    try:
        when = datetime.fromisoformat(text.strip()) if len(text) <= 64 else None
    except ValueError:
        when = None
    if when is None:
        raise ValueError(f"{_quote(text)} is neither a duration like 7d nor an ISO date like 2026-11-01")
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when
