"""The chat grammar: commands, natural forms, questions, and hostile text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers import grammar as g


@pytest.mark.parametrize(("text", "expected"), [
    ("check fe01 fe02", g.Check(("fe01", "fe02"))),
    ("<@U0123ABC> check all", g.Check(("all",))),
    ("/oakley check frontends", g.Check(("frontends",))),
    ("set nlbsflags 1 on fe01 because faster failover", g.SetValue(1, ("fe01",), "faster failover")),
    ("set NLBSFlags=1 on fe01, fe02", g.SetValue(1, ("fe01", "fe02"), "")),
    ("set nlbsflags to 0x1 on frontends reason: CHG-42", g.SetValue(1, ("frontends",), "CHG-42")),
    ("enable fast failover on fe01", g.SetValue(1, ("fe01",), "")),
    ("disable fast failover on fe02 because rollback", g.SetValue(None, ("fe02",), "rollback")),
    ("delete nlbsflags on fe02", g.SetValue(None, ("fe02",), "")),
    ("revert 12", g.Revert(12, "")),
    ("revert change #12 because wrong host", g.Revert(12, "wrong host")),
    ("approve 7", g.Approve(7, False)),
    ("approve #7 acknowledge", g.Approve(7, True)),
    ("deny 7 not now, freeze week", g.Deny(7, "not now, freeze week")),
    ("cancel 7", g.Cancel(7)),
    ("change 7", g.ShowChange(7)),
    ("history", g.History()),
    ("history fe01 since 7d", g.History("fe01", None, "7d")),
    ("history by <@U42|bob> change 3", g.History(None, "U42", None, 3)),
    ("history host=fe02 --since 2026-11-01", g.History("fe02", None, "2026-11-01")),
    ("help", g.Help()),
    ("", g.Help()),
    ("whoami", g.WhoAmI()),
    ("How long does failover take?", g.Ask("How long does failover take?")),
    ("Quel port pour POP3 ?", g.Ask("Quel port pour POP3 ?")),
])
def test_parses(text: str, expected: g.Command) -> None:
    assert g.parse(text) == expected


@pytest.mark.parametrize("text", [
    "set nlbsflags 1 on fe01; reg delete HKLM\\SYSTEM /f",
    "set nlbsflags 1 on fe01 && shutdown -s",
    'set nlbsflags 1 on "fe01"',
    "check fe01|whoami",
    "check $(rm -rf /)",
    "set nlbsflags one on fe01",
    "approve seven",
    "history since",
])
def test_hostile_or_malformed_commands_are_refused(text: str) -> None:
    assert isinstance(g.parse(text), g.Invalid)


@given(st.text(max_size=200))
def test_targets_are_always_plain_names(text: str) -> None:
    cmd = g.parse(text)
    if isinstance(cmd, g.Check | g.SetValue):
        assert all(t and all(ch.isalnum() or ch in "_.-" for ch in t) for t in cmd.targets)
    if isinstance(cmd, g.SetValue) and cmd.value is not None:
        assert 0 <= cmd.value <= 9_999_999_999
