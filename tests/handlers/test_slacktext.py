"""Slack text in (mentions, links, entities) and out (escaping, date tokens)."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.slacktext import date, escape, normalize, unescape


def test_mention_anywhere_is_removed() -> None:
    assert normalize("hey <@UBOT> check fe01", "UBOT") == "check fe01"
    assert normalize("<@UBOT> check fe01", "UBOT") == "check fe01"
    assert normalize("<@UBOT|oakley>  check fe01", None) == "check fe01"
    assert normalize("check fe01 <@UBOT>", "UBOT") == "check fe01"
    assert normalize("hi, <@UBOT>: help", "UBOT") == "help"


def test_other_peoples_mentions_are_kept() -> None:
    assert normalize("<@UBOT> history by <@U123>", "UBOT") == "history by <@U123>"


def test_links_are_unwrapped() -> None:
    assert normalize("check <http://fe01.corp.example|fe01.corp.example>") == "check fe01.corp.example"
    assert normalize("check <http://fe01.corp.example>") == "check fe01.corp.example"
    assert normalize("see <#C123|ops>") == "see #ops"
    assert normalize("<!channel> hello") == "@channel hello"
    assert normalize("ping <!subteam^S1|@oncall> at <!date^1700000000^{time}|10:00>") == "ping @oncall at 10:00"
    # A label that hides the link's target shows the target too.
    assert normalize("because <https://evil.example|the CAB ticket>") == \
        "because the CAB ticket (https://evil.example)"


def test_entities_are_decoded_once() -> None:
    assert normalize("because a &lt;b&gt; &amp;amp; c") == "because a <b> &amp; c"


def test_escape_round_trip() -> None:
    assert escape("<!channel> & <https://x|y>") == "&lt;!channel&gt; &amp; &lt;https://x|y&gt;"
    assert unescape(escape("a<b>&c")) == "a<b>&c"


def test_date_token_has_a_fallback() -> None:
    when = datetime(2026, 11, 27, 16, 5, tzinfo=UTC)
    assert date(when) == f"<!date^{int(when.timestamp())}^{{date_short_pretty}} {{time}}|2026-11-27 16:05 UTC>"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="<>|@!#&;: aUBOTx\n", max_size=400))
def test_normalize_never_fails_and_escape_makes_text_inert(text: str) -> None:
    out = normalize(text, "UBOT")
    assert "\x00" not in out
    safe = escape(out)
    assert "<" not in safe and ">" not in safe


def test_long_hostile_input_is_fast() -> None:
    for text in ("<" * 100_000, "<@U" * 30_000, "<http://" + "a|" * 40_000, "&lt;" * 30_000):
        start = time.perf_counter()
        normalize(text, "UBOT")
        assert time.perf_counter() - start < 2.0  # generous: linear-time work on a bounded input
