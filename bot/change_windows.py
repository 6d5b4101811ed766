"""OAKLEY_CHANGE_WINDOWS: when approved changes may run (DESIGN.md §3).

`sat 22:00-02:00, daily 03:00-04:00` — UTC, DAY one of mon…sun or daily; a window whose end is not
after its start crosses midnight and belongs to the day it starts on (`sun 23:00-01:00` runs into
Monday). No windows means always open. Parsed by hand, one token at a time, so a malformed setting
names the part that is wrong.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from typing import NamedTuple

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL = {name: i for i, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                           "sunday"))}
_WINDOW = re.compile(r"([a-z]{3,9})\s+([0-9]{1,2}):([0-9]{2})\s*-\s*([0-9]{1,2}):([0-9]{2})")
_DAY = timedelta(days=1)
MAX_SETTING = 2000


class Window(NamedTuple):
    day: int | None  # 0 = Monday; None = daily
    start: int  # minutes after midnight
    length: int  # minutes, 1…1440

    def describe(self) -> str:
        end = (self.start + self.length) % 1440
        day = "daily" if self.day is None else DAYS[self.day]
        return f"{day} {self.start // 60:02d}:{self.start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


class ChangeWindows(NamedTuple):
    windows: tuple[Window, ...] = ()

    @property
    def always(self) -> bool:
        return not self.windows

    def _occurrences(self, first: datetime, days: int) -> list[tuple[datetime, datetime]]:
        """Every window's (start, end) on the `days` days from `first`'s date, in order."""
        base = datetime.combine(first.astimezone(UTC).date(), time(), UTC)
        found: list[tuple[datetime, datetime]] = []
        for offset in range(days):
            day = base + offset * _DAY
            for w in self.windows:
                if w.day is None or w.day == day.weekday():
                    start = day + timedelta(minutes=w.start)
                    found.append((start, start + timedelta(minutes=w.length)))
        return sorted(found)

    def open_at(self, now: datetime) -> bool:
        if self.always:
            return True
        return any(start <= now < end for start, end in self._occurrences(now - _DAY, 2))

    def next_open(self, now: datetime) -> datetime:
        """`now` when a window is open, else the start of the next one (there is one within a week)."""
        if self.open_at(now):
            return now
        return min(start for start, _ in self._occurrences(now, 8) if start > now)

    def describe(self) -> str:
        return ", ".join(w.describe() for w in self.windows) if self.windows else "always"


def _clock(hours: str, minutes: str, text: str, *, end: bool) -> int:
    h, m = int(hours), int(minutes)
    if m > 59 or h > 24 or (h == 24 and (m or not end)):
        raise ValueError(f"{text!r}: {hours}:{minutes} is not a time of day (00:00 to 23:59; 24:00 as an end)")
    return h * 60 + m


def parse_windows(setting: str | None) -> ChangeWindows:
    """The windows in OAKLEY_CHANGE_WINDOWS; ValueError naming the part that is wrong."""
    if setting is None or not setting.strip():
        return ChangeWindows()
    if len(setting) > MAX_SETTING:
        raise ValueError(f"longer than {MAX_SETTING} characters")
    windows: list[Window] = []
    for part in setting.split(","):
        text = " ".join(part.split()).lower()
        if not text:
            raise ValueError("an empty window between two commas")
        match = _WINDOW.fullmatch(text)
        if match is None:
            raise ValueError(f"{text[:40]!r} is not a window like 'sat 22:00-02:00' or 'daily 01:00-03:00' (UTC)")
        name = match.group(1)
        if name == "daily":
            day: int | None = None
        elif name in DAYS:
            day = DAYS.index(name)
        elif name in _FULL:
            day = _FULL[name]
        else:
            raise ValueError(f"{text[:40]!r}: {name!r} is not mon, tue, wed, thu, fri, sat, sun or daily")
        start = _clock(match.group(2), match.group(3), text, end=False)
        end = _clock(match.group(4), match.group(5), text, end=True)
        if start == end % 1440 and end != 1440:
            raise ValueError(f"{text[:40]!r} starts and ends at the same time; say 'daily 00:00-24:00' for a "
                             "whole day")
        windows.append(Window(day, start, (end - start) % 1440 or 1440))
    return ChangeWindows(tuple(windows))
