"""Classes found on the question sets of the fifteenth round (dev74–dev78).

Each case is one of a class: the phrasings are written for the test, not copied
from the question sets the engine was tuned on.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.engine import answer
from kb.parts import formats_only


@pytest.mark.parametrize(("question", "says"), [
    ("unplanned failover w/o NLBSFlags, how long? answer in seconds please", "360 seconds"),
    ("Combien de temps dure un basculement non planifié sans NLBSFlags ? Réponds en secondes stp.", "360 secondes"),
    ("In seconds please: how long is a crash failover without NLBSFlags?", "360 seconds"),
    ("How much faster is an unplanned failover with NLBSFlags, in percent? round to one decimal pls", "66.7 %"),
    ("Avec NLBSFlags, on gagne combien en pourcentage sur une panne ?\nArrondis à une décimale stp", "66,7 %"),
])
def test_an_instruction_on_the_figures_form_applies_to_the_question_it_follows(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer.replace("\u202f", " "), got.answer
    assert got.answer.count("After an unplanned") + got.answer.count("Après un basculement") <= 1, got.answer


def test_a_minute_asked_in_seconds_says_its_seconds() -> None:
    got = answer("with NLBSFlags=1, how many seconds does the idle time drop to after a crash?")
    assert "60 seconds" in got.answer, got.answer


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ?,.", max_size=200))
def test_only_words_of_units_and_instructions_make_a_formatting_part(text: str) -> None:
    if formats_only(text):
        assert any(u in text for u in ("sec", "ms", "min", "decimal", "percent", "pourc")), text


@pytest.mark.parametrize(("question", "says"), [
    ("total downtime for 1 crash every 3 days over a 30-day month without NLBSFlags?", "60 minutes"),
    ("un déplacement planifié tous les 2 jours, ça fait combien par mois ?", "45 à 90 secondes"),
    ("a crash every 2 weeks: IPSec downtime per year w/o NLBSFlags?", "156 minutes"),
])
def test_one_failover_every_few_periods_is_counted_over_the_horizon(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer.replace("\u202f", " "), got.answer


def test_every_few_periods_that_do_not_divide_the_horizon_are_not_guessed() -> None:
    got = answer("a crash every 7 days, downtime per month without NLBSFlags?")
    assert got.answered and "6 minutes" in got.answer and "in all" not in got.answer, got.answer


@pytest.mark.parametrize(("question", "start"), [
    ("Est-il vrai que NLBSFlags ne se configure pas sur le serveur principal ?", "Oui"),
    ("Is it true that NLBSFlags does not go on the front-end server?", "No"),
    ("c'est vrai que l'article donne pas de marche à suivre pour créer les stratégies IPSec ?", "Oui"),
    ("Is it true that the article never gives the steps to build the IPSec policies?", "Yes"),
    ("Is it true that NLBSFlags goes on the front-end, not on the back-end?", "Yes"),
    ("Is it true that the article gives step-by-step instructions for the IPSec policies?", "No"),
])
def test_a_denied_claim_asked_as_true_or_not_gets_the_claims_verdict(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start), got.answer


@pytest.mark.parametrize(("question", "start"), [
    ("Does the KB give any NLBSFlags value other than 1?", "No"),
    ("Does the KB give the value 1 for NLBSFlags?", "Yes"),
])
def test_a_value_other_than_the_articles_is_not_the_articles(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start), got.answer


@pytest.mark.parametrize(("question", "start"), [
    ("Le basculement, ça compte la reprise d'Exchange aussi, pas seulement IPSec ?", "Oui"),
    ("Is failover time not only IPSec's renegotiation but Exchange recovery as well?", "Yes"),
    ("Is the failover time only the IPSec part?", "No"),
])
def test_not_only_adds_what_follows(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start), got.answer
