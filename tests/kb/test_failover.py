"""The calculator: every combination the article gives, and refusals for the rest."""

from __future__ import annotations

import pytest

from kb.failover import NotCovered, estimate, estimates, nlbsflags_state
from kb.store import default_kb

KB = default_kb()


@pytest.mark.parametrize(
    ("os", "nlbs", "total", "idle", "ike", "fact"),
    [
        ("windows-2003", "1", 120, 60, 60, "unplanned.total_nlbsflags"),
        ("windows-2003", "absent", 360, 300, 60, "unplanned.total_default"),
        ("windows-2000", "absent", 360, 300, 60, "unplanned.total_default"),
        ("windows-2000", "1", 360, 300, 60, "unplanned.total_default"),
    ],
)
def test_unplanned(os: str, nlbs: str, total: int, idle: int, ike: int, fact: str) -> None:
    e = estimate(KB, os=os, nlbsflags=nlbs)
    assert (e.min_seconds, e.max_seconds, e.idle_seconds, e.ike_seconds) == (total, total, idle, ike)
    assert e.facts[0] == fact
    assert "unplanned.ike_main_mode" in e.facts and "summary.failover_time" in e.facts


def test_windows_2000_flag_is_flagged_as_not_helping() -> None:
    assert estimate(KB, os="windows-2000", nlbsflags="1").nlbsflags_irrelevant
    assert not estimate(KB, os="windows-2003", nlbsflags="1").nlbsflags_irrelevant
    assert "unplanned.idle_windows2000" in estimate(KB, os="windows-2000", nlbsflags="1").facts
    assert "unplanned.idle_windows2003" in estimate(KB, os="windows-2003", nlbsflags="1").facts


@pytest.mark.parametrize("os", ["windows-2000", "windows-2003"])
@pytest.mark.parametrize("nlbs", ["1", "absent"])
def test_planned_is_three_to_six_seconds_whatever_the_flag(os: str, nlbs: str) -> None:
    e = estimate(KB, os=os, nlbsflags=nlbs, planned=True)
    assert (e.min_seconds, e.max_seconds) == (3, 6)
    assert e.facts == ("planned.timing", "summary.failover_time")


def test_open_questions_get_every_answer() -> None:
    both = estimates(KB, os="windows-2003", nlbsflags=None, planned=False)
    assert sorted(e.min_seconds for e in both) == [120, 360]
    flag_only = estimates(KB, os=None, nlbsflags="1", planned=False)
    assert [(e.os, e.min_seconds) for e in flag_only] == [("windows-2003", 120)]


@pytest.mark.parametrize("os", ["windows-2008", "windows-2012", "linux", ""])
def test_refuses_an_os_the_article_does_not_cover(os: str) -> None:
    with pytest.raises(NotCovered) as err:
        estimate(KB, os=os, nlbsflags="1")
    assert err.value.reason == "detail_product"


@pytest.mark.parametrize("value", ["0", "2", "4294967295"])
def test_refuses_flag_values_the_article_does_not_describe(value: str) -> None:
    with pytest.raises(NotCovered) as err:
        estimate(KB, os="windows-2003", nlbsflags=value)
    assert err.value.reason == "detail_nlbs_value" and err.value.what == value


def test_windows_2000_ignores_the_flag_value() -> None:
    assert estimate(KB, os="windows-2000", nlbsflags="7").min_seconds == 360


def test_state_from_a_registry_read() -> None:
    assert nlbsflags_state(False, None) == "absent"
    assert nlbsflags_state(True, 1) == "1"
    assert nlbsflags_state(True, 0) == "0"
