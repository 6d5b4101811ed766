"""The chat grammar: commands, natural forms, questions, and hostile text."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
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
    ("reconcile 7", g.Reconcile(7)),
    ("reconcile change #7", g.Reconcile(7)),
    ("history", g.History()),
    ("history fe01 since 7d", g.History("fe01", None, "7d")),
    ("history by <@U42|bob> change 3", g.History(None, "U42", None, 3)),
    ("history host=fe02 --since 2026-11-01", g.History("fe02", None, "2026-11-01")),
    ("help", g.Help()),
    ("", g.Help()),
    ("whoami", g.WhoAmI()),
    ("How long does failover take?", g.Ask("How long does failover take?")),
    ("Quel port pour POP3 ?", g.Ask("Quel port pour POP3 ?")),
    # a command word opening a question asks (the newcomer got "back-end? is not a host or group name")
    ("check whether NLBSFlags goes on the back-end?", g.Ask("check whether NLBSFlags goes on the back-end?")),
    ("vérifier si NLBSFlags va sur le frontal ?", g.Ask("vérifier si NLBSFlags va sur le frontal ?")),
    ("set NLBSFlags where? on FE or BE?", g.Ask("set NLBSFlags where? on FE or BE?")),
    ("history of NLBSFlags in the article?", g.Ask("history of NLBSFlags in the article?")),
    ("check fe01?", g.Check(("fe01",))),
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
    "reconcile seven",
    "reconcile 7 now",
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


# --- Linear time (issue 9 item 1) -------------------------------------------------------------------------------

_WORDS = ["set", "nlbsflags", "NLBSFlags=1", "=", "to", "1", "0x1", "on", "from", "sur", "fe01", "fe02,", "all",
          "because", "reason:", "since", "parce", "que", "pour", "car", "enable", "disable", "turn", "the", "fast",
          "failover", "delete", "revert", "roll", "back", "change", "approve", "ack", "deny", "cancel", "show", "#7",
          "12", "history", "by", "check", "and", ";", "|", "<@U1>", "<@U2|bob>", "help", "x"]
_SEPARATORS = [" ", "  ", "\t", "\n", ", ", ""]


@st.composite
def _commandish(draw: st.DrawFn, max_words: int = 12) -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), max_size=max_words))
    seps = draw(st.lists(st.sampled_from(_SEPARATORS), min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps, strict=True))


def _same(a: object, b: object) -> bool:
    """Same command type and fields; an Invalid's wording may differ; `reconcile N` is new."""
    if isinstance(a, g.Reconcile) or (isinstance(a, g.Invalid) and "`reconcile`" in a.message):
        return type(b).__name__ == "Ask"
    if type(a).__name__ != type(b).__name__:
        return False
    return type(a).__name__ == "Invalid" or tuple(a) == tuple(b)  # type: ignore[arg-type]


@settings(max_examples=400)
@given(_commandish())
def test_same_commands_as_the_former_grammar_on_command_shaped_text(text: str) -> None:
    from tests.handlers import grammar_reference as ref

    assert _same(g.parse(text), ref.parse(text)), text


@settings(max_examples=200)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_same_commands_as_the_former_grammar_on_ascii_text(text: str) -> None:
    from tests.handlers import grammar_reference as ref

    assert _same(g.parse(text), ref.parse(text)), text


def _pad(n: int) -> list[str]:
    """Messages of about n characters shaped to make a backtracking parser work hardest."""
    spaces, digits = " " * n, "1" * n
    return [
        "set nlbsflags 1 on " + spaces + "fe01 because x",
        "set nlbsflags 1 on fe01" + spaces + "because",
        "set nlbsflags" + spaces + "=" + spaces + "x",
        "set nlbsflags 1 on " + "fe01 " * (n // 5) + ";",
        "set nlbsflags 1 on " + "because " * (n // 8),
        "enable fast failover on " + "a, " * (n // 3) + "because",
        "delete nlbsflags on " + "\t\n" * (n // 2) + "x;",
        "revert 12" + spaces + "x",
        "deny 7" + spaces,
        "approve 7" + spaces + "ack" + spaces + "x",
        "<@U1|" + "x" * n,
        "<@U1>" * (n // 5),
        "<@U1|" * (n // 5),
        "history " + "by " * (n // 3),
        "history by <@U1|" + "a" * n,
        "check " + "a" * n,
        "set nlbsflags " + digits + " on fe01",
        "set nlbsflags 0x" + "f" * n + " on fe01",
        "parce " * (n // 6) + "que",
        "x" * n,
        spaces,
    ]


@pytest.mark.parametrize("shape", range(len(_pad(10))))
def test_a_slack_sized_message_of_any_shape_parses_well_under_50_ms(shape: int) -> None:
    text = _pad(g.MAX_TEXT - 100)[shape][: g.MAX_TEXT]
    g.parse(text)  # warm caches
    started = time.perf_counter()
    g.parse(text)
    assert time.perf_counter() - started < 0.05


@settings(max_examples=30, deadline=None)
@given(_commandish(max_words=6), st.integers(min_value=1, max_value=8), st.sampled_from(_SEPARATORS[:4]))
def test_long_random_shaped_messages_parse_in_bounded_time(seed: str, repeat_log: int, sep: str) -> None:
    text = ((seed + sep) * (g.MAX_TEXT // max(1, len(seed) + len(sep))))[: g.MAX_TEXT]
    started = time.perf_counter()
    g.parse(text)
    assert time.perf_counter() - started < 0.25  # generous: the limit in production is 50 ms, shared machines vary


def test_over_long_messages_get_a_clear_reply() -> None:
    cmd = g.parse("x" * (g.MAX_TEXT + 1))
    assert isinstance(cmd, g.Invalid) and "40,000 characters" in cmd.message
    assert isinstance(g.parse("set nlbsflags 1 on fe01 because " + "x" * (g.MAX_TEXT - 40)), g.SetValue)


def test_an_over_long_user_id_is_refused_before_anything_else() -> None:
    from handlers.context import ChatContext
    from handlers.router import MAX_USER_ID, handle_text

    reply = handle_text("set nlbsflags 1 on fe01 because x",
                        ChatContext(user="U" * (MAX_USER_ID + 1), services=None))  # type: ignore[arg-type]
    assert "cannot act for you" in reply.text


def test_quoted_words_are_clipped() -> None:
    cmd = g.parse("check " + "x;" * 10_000)
    assert isinstance(cmd, g.Invalid) and len(cmd.message) < 100


@pytest.mark.parametrize("text", [
    "définir nlbsflags" + " " * 39_000 + "x y",
    "définir nlbsflags 1" + " " * 39_000 + "x",
    "supprimer nlbsflags" + " " * 39_000 + "x",
    "qui " + " " * 39_000 + "suis",
])
def test_french_command_words_are_mapped_in_linear_time(text: str) -> None:
    from handlers import french

    started = time.perf_counter()
    g.parse(french.to_grammar(text))
    french.is_french_command(text)
    assert time.perf_counter() - started < 0.05 * 4  # generous; quadratic took seconds
    assert french.to_grammar("définir nlbsflags 1 sur fe01 car CHG-1 plus rapide").startswith("set nlbsflags 1 on fe01")


def test_a_reason_word_with_nothing_after_it_asks_for_the_reason() -> None:
    for text in ("set nlbsflags 1 on fe02 because", "enable fast failover on fe01 because  ",
                 "set nlbsflags 1 on fe02 car"):
        got = g.parse(text)
        assert isinstance(got, g.Invalid) and "reason is required" in got.message, text


def test_a_command_without_a_target_says_a_target_is_missing() -> None:
    # the newcomer: `check` alone got "that is not a host or group name"
    cmd = g.parse("check")
    assert isinstance(cmd, g.Invalid) and "name a host or group" in cmd.message, cmd
