"""Change ids from buttons and forms: plain ASCII digits in range, anything else ignored and logged."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.slack.listeners.actions import MAX_ID, change_id_of


@given(st.one_of(st.text(max_size=30), st.integers(), st.none(), st.booleans(), st.lists(st.integers())))
def test_any_value_is_an_id_in_range_or_none(value: object) -> None:
    got = change_id_of(value)
    assert got is None or (isinstance(got, int) and 0 < got <= MAX_ID and str(got) == str(value).lstrip("0"))


@pytest.mark.parametrize("value", ["１", "²", "١٢", "0", "-1", "1e3", str(MAX_ID + 1), " 1", "", True, None, 1.5])
def test_odd_values_are_ignored_with_a_log_line(value: object, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, "oakley.slack"):
        assert change_id_of(value) is None
    assert "ignored a button or form" in caplog.text


def test_plain_ids() -> None:
    assert change_id_of("12") == 12 and change_id_of(7) == 7 and change_id_of(str(MAX_ID)) == MAX_ID
