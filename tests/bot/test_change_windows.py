"""OAKLEY_CHANGE_WINDOWS: parsing, and when a window is open, across midnight and day boundaries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.change_windows import ChangeWindows, parse_windows
from bot.settings import SettingsError, load_settings

FRI = datetime(2026, 11, 27, tzinfo=UTC)  # a Friday


def at(day_offset: int, hh: int, mm: int = 0) -> datetime:
    return FRI + timedelta(days=day_offset, hours=hh, minutes=mm)


def test_unset_means_always_open() -> None:
    for setting in (None, "", "   "):
        windows = parse_windows(setting)
        assert windows.always and windows.open_at(at(0, 3)) and windows.next_open(at(0, 3)) == at(0, 3)
        assert windows.describe() == "always"


def test_a_window_crossing_midnight_belongs_to_the_day_it_starts() -> None:
    w = parse_windows("sun 23:00-01:00")
    sun, mon = 2, 3  # offsets from Friday
    assert not w.open_at(at(sun, 22, 59))
    assert w.open_at(at(sun, 23, 0)) and w.open_at(at(mon, 0, 30))
    assert not w.open_at(at(mon, 1, 0))  # the end is exclusive
    assert not w.open_at(at(0, 0, 30))  # Friday 00:30: Thursday has no window
    assert w.next_open(at(0, 12)) == at(sun, 23)
    assert w.next_open(at(mon, 1, 0)) == at(sun + 7, 23)  # just missed: next week


def test_saturday_night_into_sunday_and_week_wrap() -> None:
    w = parse_windows("sat 22:00-02:00")
    assert w.open_at(at(2, 1, 59)) and not w.open_at(at(2, 2, 0))  # Sunday 01:59 yes, 02:00 no
    assert w.next_open(at(2, 2, 0)) == at(8, 22)  # the next Saturday


def test_daily_and_several_windows() -> None:
    w = parse_windows(" Daily 03:00-04:00 ,  fri 12:00-12:30")
    assert w.open_at(at(0, 3, 15)) and w.open_at(at(1, 3, 15)) and w.open_at(at(0, 12, 10))
    assert not w.open_at(at(1, 12, 10))  # Saturday noon
    assert w.next_open(at(0, 4, 0)) == at(0, 12)
    assert w.next_open(at(0, 12, 30)) == at(1, 3)
    assert w.describe() == "daily 03:00-04:00, fri 12:00-12:30"


def test_whole_day_and_24_00_end() -> None:
    w = parse_windows("daily 00:00-24:00")
    assert all(w.open_at(at(0, h, m)) for h in range(24) for m in (0, 59))
    assert parse_windows("tue 22:00-24:00").open_at(at(4, 23, 59))


@pytest.mark.parametrize(("setting", "says"), [
    ("fri 25:00-01:00", "25:00 is not a time of day"),
    ("fri 10:60-11:00", "10:60 is not a time of day"),
    ("fri 24:00-01:00", "24:00 is not a time of day"),
    ("funday 10:00-11:00", "'funday' is not mon"),
    ("fri 10:00", "is not a window like"),
    ("fri 10:00-10:00", "starts and ends at the same time"),
    ("fri 10:00-11:00,", "an empty window"),
    ("fri 1000-1100", "is not a window like"),
    ("x" * 5000, "longer than 2000 characters"),
])
def test_malformed_settings_name_the_part(setting: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_windows(setting)


def test_a_malformed_setting_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OAKLEY_CHANGE_WINDOWS", "sat 22:00-2:00pm")
    with pytest.raises(SettingsError) as err:
        load_settings()
    assert str(err.value).startswith("OAKLEY_CHANGE_WINDOWS: 'sat 22:00-2:00pm' is not a window like")


windows_text = st.lists(
    st.tuples(st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun", "daily"]),
              st.integers(0, 1439), st.integers(1, 1440)),
    min_size=1, max_size=4,
).map(lambda ws: ", ".join(
    f"{d} {s // 60:02d}:{s % 60:02d}-{((s + n) % 1440) // 60:02d}:{(s + n) % 60:02d}"
    if (s + n) % 1440 != s else f"{d} {s // 60:02d}:{s % 60:02d}-{(s + 1) // 60 % 24:02d}:{(s + 1) % 60:02d}"
    for d, s, n in ws))
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC))


@given(windows_text, moments)
def test_next_open_is_open_and_nothing_opens_before_it(setting: str, now: datetime) -> None:
    w = parse_windows(setting)
    start = w.next_open(now)
    assert now <= start <= now + timedelta(days=7)
    assert w.open_at(start)
    if start > now:  # closed from now until then: sample the gap minute by minute near both ends
        for probe in (now, now + (start - now) / 2, start - timedelta(microseconds=1)):
            assert not w.open_at(probe)


@given(st.text(max_size=200))
def test_any_text_parses_or_says_why(setting: str) -> None:
    try:
        w = parse_windows(setting)
    except ValueError as exc:
        assert str(exc)
    else:
        assert isinstance(w, ChangeWindows)
