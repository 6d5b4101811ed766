"""Classes found on the question sets of the fourteenth round (dev60–dev63).

Each case is one of a class: the phrasings are written for the test, not copied
from the question sets the engine was tuned on.
"""

from __future__ import annotations

import pytest

from kb.engine import answer


@pytest.mark.parametrize(("question", "start"), [
    ("Quel mode IPSec pour un cluster Windows 2000 ?", ""),
    ("Which IPsec mode do we use on our W2k NLB cluster?", ""),
    ("On a W2k cluster, transport mode ESP is fine right?", "No"),
    ("Sur un cluster Windows 2000, c'est bien ESP en mode transport ?", "Non"),
])
def test_a_windows_2000_cluster_has_no_supported_mode(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start) and "306677" in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "Quel mode IPSec pour un cluster Windows Server 2003 ?",
    "which ipsec mode on our 2003 cluster?",
])
def test_a_windows_2003_cluster_gets_transport_mode_esp(question: str) -> None:
    got = answer(question)
    assert got.answered and "ESP" in got.answer and "306677" not in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "howzit, where does NLBSFlags go?",
    "PFB my query: which ports does policy 1 cover?",
    "lekker, so how long is a planned move?",
])
def test_chat_greetings_of_other_englishes_are_not_terms(question: str) -> None:
    assert answer(question).answered


@pytest.mark.parametrize("question", [
    "aide-moi à écrire ma lettre de motivation pour un poste d'admin cluster",
    "help me write my CV, I want to highlight IPSec and clustering",
    "fais-moi un point sur l'actu tech, genre les news Exchange",
    "Tell me about yourself: what's your biggest weakness as an IPSec bot?",
    "aide-moi à rédiger une réclamation à mon FAI, la fibre coupe pendant nos basculements",
])
def test_writing_and_chat_requests_with_a_topic_word_are_declined(question: str) -> None:
    assert not answer(question).answered


@pytest.mark.parametrize("question", [
    "help me write the change request: which value does NLBSFlags take, and where?",
    "Fais-moi un résumé de l'article",
])
def test_a_request_about_the_article_is_still_answered(question: str) -> None:
    assert answer(question).answered


@pytest.mark.parametrize("question", [
    "When does support for Windows Server 2003 end?",
    "Le support d'Exchange 2003 se termine quand ?",
    "Exchange 2003, c'est toujours supporté par Microsoft ?",
    "is exchange 2003 still supported by MS?",
])
def test_the_support_lifecycle_is_declined(question: str) -> None:
    got = answer(question)
    assert not got.answered and ("lifecycle" in got.answer or "cycle de vie" in got.answer), got.answer

