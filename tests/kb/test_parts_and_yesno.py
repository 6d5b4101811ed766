"""Splitting messages into questions, and telling yes/no questions apart."""

from __future__ import annotations

import time

import pytest

from kb.parts import MAX_PARTS, split
from kb.text import tokenize
from kb.yesno import is_yes_no


@pytest.mark.parametrize(("text", "parts"), [
    ("Where do I set NLBSFlags and what value should it have?", 2),
    ("How long does a planned move take? And an unplanned failover with NLBSFlags?", 2),
    ("failover with and without NLBSFlags", 1),
    ("Où définir NLBSFlags et faut-il redémarrer ?", 2),
    ("elle va ou la cle, et on met quoi dedans ?", 2),
    ("is kerberos in the 'encrypt everything incl. DCs' policy?", 1),
    ("a? b? c? d? e? f? g?", MAX_PARTS),
    ("quelle est la durée minimale, et IPSec y est-il supporté en cluster ?", 2),
    ("sans la clé, combien au total, et avec la clé ?", 2),
    ("without NLBSFlags, the total, and with it?", 2),
    ("temps de bascule sans et avec la clé ?", 1),
    ("What does IKE stand for, what does it do after a crash, and what port does it use?", 3),
    ("Quelle valeur mettre pour NLBSFlags, et c'est un REG_DWORD ?", 2),
    ("Where, exactly, do I set it?", 1),
    ("When an admin moves the group with Cluster Administrator, how long does IPSec take?", 1),
    ("Le déplacement prend combien, et le service Exchange met combien à revenir ?", 2),
    ("hello! two qs: 1) where does NLBSFlags go? 2) what value? 3) and the planned move time?", 3),
    ("A planned move takes how long, and the Exchange services themselves need how long to restart?", 2),
])
def test_split(text: str, parts: int) -> None:
    assert len(split(text)) == parts


def test_split_is_linear_on_long_text() -> None:
    for text in ("and what " * 5000, "?" * 40_000, "x " * 20_000):
        start = time.perf_counter()
        assert 1 <= len(split(text)) <= MAX_PARTS
        assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Is IPSec supported on a Windows 2000 cluster?", "en", True),
    ("Should NLBSFlags be set on the back-end?", "en", True),
    ("NLBSFlags goes on the back-end nodes, right?", "en", True),
    ("with NLBSFlags=1, is the total 2 minutes?", "en", True),
    ("What value should NLBSFlags have?", "en", False),
    ("Should NLBSFlags be set on the front-end or the back-end?", "en", False),
    ("IPSec est-il pris en charge sur un cluster Windows 2000 ?", "fr", True),
    ("Est-ce que NLBSFlags se définit sur le serveur principal ?", "fr", True),
    ("le nlbsflags c'est bien sur les noeuds back-end qu'on le met ?", "fr", True),
    ("Quelle valeur donner à NLBSFlags ?", "fr", False),
    ("sans nlbsflags ca dure combien ?", "fr", False),
    ("exchange 45 s de recup, bascule planifiee : total mini et maxi ?", "fr", False),
])
def test_yes_no(text: str, lang: str, expected: bool) -> None:
    assert is_yes_no(text, tokenize(text), lang) is expected  # type: ignore[arg-type]
