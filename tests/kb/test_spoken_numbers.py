"""Numbers said in words: joined into one figure, and nothing else touched."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.slots import spoken_numbers
from kb.text import tokenize


@pytest.mark.parametrize(("text", "want"), [
    ("quarante-cinq secondes", ["45", "secondes"]),
    ("vingt et une minutes", ["21", "minutes"]),
    ("soixante-quinze secondes", ["75", "secondes"]),
    ("quatre-vingt-dix secondes", ["90", "secondes"]),
    ("windows server two thousand eight", ["windows", "server", "2008"]),
    ("two thousand and three", ["2003"]),
    ("deux mille trois", ["2003"]),
    ("kb three oh six six seven seven", ["kb", "306677"]),
    ("thirty seconds", ["30", "seconds"]),
])
def test_compounds_become_figures(text: str, want: list[str]) -> None:
    assert spoken_numbers(tokenize(text)) == want


@pytest.mark.parametrize("text", [
    "un cluster à trois nœuds",  # single number words: kb.slots reads them
    "five minutes then one more",
    "one two three",  # a count, not digits said one by one
])
def test_single_number_words_are_left_alone(text: str) -> None:
    assert spoken_numbers(tokenize(text)) == tokenize(text)


_WORDS = st.sampled_from(["one", "two", "oh", "zero", "thousand", "mille", "vingt", "et", "un", "quatre", "dix",
                          "twenty", "and", "six", "seize", "soixante", "minutes", "nlbsflags", "cinq"])


@given(st.lists(_WORDS, max_size=40))
def test_never_longer_and_only_figures_added(tokens: list[str]) -> None:
    out = spoken_numbers(tokens)
    assert len(out) <= len(tokens)
    assert all(t in tokens or t.isdigit() for t in out)


def test_a_long_row_is_read_in_one_pass() -> None:
    tokens = ["twenty", "thousand", "oh"] * 20_000
    assert len(spoken_numbers(tokens)) < len(tokens)
