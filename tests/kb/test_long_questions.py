"""Questions of any shape up to Slack's 40,000 characters are answered in bounded time (issue 9 item 1).

Each shape below made a step super-linear before: the speller's deletion index (a 40,000-letter word),
the look-back over filler words, the `port` list scan, `int()` of a 40,000-digit number.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.engine import answer
from kb.text import Speller

LIMIT = 40_000
SHAPES = {
    "one long word": "a" * LIMIT,
    "a long near-word": "failoverx" * (LIMIT // 9),
    "filler words": "exchange " + "server " * (LIMIT // 7 - 2) + "2003",
    "ports": "port 1 " * (LIMIT // 7),
    "a long port number": "port " + "1" * (LIMIT - 5),
    "a long tcp number": "1" * (LIMIT - 4) + " tcp",
    "a long NLBSFlags value": "nlbsflags " + "9" * (LIMIT - 10),
    "typos": "failovr nlbsflgs " * (LIMIT // 17),
    "accents": "é" * LIMIT,
    "short words": "x " * (LIMIT // 2),
    "characters NFKD expands 18-fold": "\ufdfa" * LIMIT,
    "the article's mangled n?ud": "n?ud " * (LIMIT // 5),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_a_slack_sized_question_is_answered_in_bounded_time(shape: str) -> None:
    text = SHAPES[shape][:LIMIT]
    started = time.perf_counter()
    reply = answer(text)
    assert time.perf_counter() - started < 2.0  # generous; bench/parse_bench.py measures ~0.01-0.1 s
    assert len(reply.answer) < 2_000  # nothing of the question is echoed at length


def test_an_absurd_nlbsflags_value_is_quoted_short() -> None:
    reply = answer("what does nlbsflags " + "9" * 1900 + " do?")  # the KB reads questions of up to 2,000 characters
    assert not reply.answered and "9999999999…" in reply.answer
    reply = answer("is nlbsflags " + "9" * 1900 + " right?")  # proposed: No, and the article's value
    assert reply.answer.startswith("No") and "9" * 11 not in reply.answer, reply.answer


def test_the_speller_leaves_words_longer_than_any_known_word_alone() -> None:
    speller = Speller(["failover", "cluster"])
    assert speller.correct("failovr") == "failover"
    assert speller.correct("failoverfailoverfailover") == "failoverfailoverfailover"


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["port", "1", "and", "server", "2003", "nlbsflags", "failovr", "tcp", "x", "é"]),
                min_size=1, max_size=8))
def test_long_random_shaped_questions_are_answered_in_bounded_time(words: list[str]) -> None:
    seed = " ".join(words) + " "
    text = (seed * (LIMIT // len(seed) + 1))[:LIMIT]
    started = time.perf_counter()
    answer(text)
    assert time.perf_counter() - started < 2.0


def test_a_product_named_hundreds_of_times_is_named_back_once() -> None:
    # each naming was spelt back by scanning the whole question: quadratic (100 ms at 544 characters)
    reply = answer("F5? " * 400)
    assert not reply.answered and reply.answer.count("F5") == 1, reply.answer
