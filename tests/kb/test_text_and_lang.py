"""Normalisation, typo correction and language detection."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kb.engine import answer
from kb.lang import detect
from kb.store import default_kb
from kb.text import Speller, distance, normalize, tokenize

MARKERS = default_kb().questions.markers


def test_normalize_folds_accents_and_the_articles_lost_character() -> None:
    assert normalize("Nœud ÉTÉ n?ud") == "noeud ete noeud"
    assert tokenize("front-end; NLBSFlags=1") == ["front", "end", "nlbsflags", "1"]


def test_distance_examples() -> None:
    assert distance("failover", "failvoer") == 1  # transposition
    assert distance("registry", "registy") == 1
    assert distance("kitten", "sitting") == 3


@given(st.text(alphabet="abcde", max_size=8), st.text(alphabet="abcde", max_size=8))
def test_distance_is_a_symmetric_bounded_measure(a: str, b: str) -> None:
    d = distance(a, b)
    assert d == distance(b, a)
    assert (d == 0) == (a == b)
    assert d <= max(len(a), len(b))


def test_speller_corrects_within_bounds_only() -> None:
    s = Speller(["failover", "registry", "idle", "nlbsflags"])
    assert s.correct("failvoer") == "failover"
    assert s.correct("nlbsflgas") == "nlbsflags"
    assert s.correct("rgestiry") == "rgestiry"  # too far
    assert s.correct("fe01") == "fe01"  # names with digits are never touched
    assert s.correct("idl") == "idl"  # too short to guess


@given(st.text(min_size=1, max_size=12))
def test_speller_never_invents_words(token: str) -> None:
    s = Speller(["failover", "registry", "idle"])
    assert s.correct(token) in {token, "failover", "registry", "idle"}


def test_detects_french_and_english() -> None:
    for q in ["Combien de temps dure le basculement ?", "ou definir la cle nlbsflags",
              "Quelle valeur pour NLBSFlags ?", "le basculement planifie dure combien de temps"]:
        assert detect(q, tokenize(q), MARKERS) == "fr", q
    for q in ["How long does failover take?", "nlbsflags value?", "Where do I set NLBSFlags",
              "failover time 2003 nlbsflags=1"]:
        assert detect(q, tokenize(q), MARKERS) == "en", q


@given(st.text(max_size=200))
def test_any_text_gets_an_answer_or_a_refusal(text: str) -> None:
    got = answer(text)
    assert got.lang in ("en", "fr")
    assert got.answer
    assert got.answered == bool(got.facts)
