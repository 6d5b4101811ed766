"""Classes found on the question sets of the seventeenth round (dev97–dev102).

Each case is one of a class: the phrasings are written for the test, not copied
from the question sets the engine was tuned on.
"""

from __future__ import annotations

import pytest

from kb.engine import answer


def _answered_starting(question: str, starts: str) -> None:
    """Answered, with the verdict asked for first."""
    got = answer(question)
    assert got.answered and got.answer.startswith(starts), got.answer


def _answered_saying(question: str, *says: str) -> None:
    """Answered, with each figure or term the question is after."""
    got = answer(question)
    assert got.answered and all(s in got.answer for s in says), got.answer


@pytest.mark.parametrize(("question", "says", "gap"), [
    ("quel est le type de la valeur NLBSFlags (REG_DWORD ?) et le chemin complet ?", "PolicyAgent", "ne précise pas"),
    ("Donne-moi la sous-clé de Registre, le type de NLBSFlags et sa valeur par défaut.", "PolicyAgent",
     "ne précise pas"),
    ("what's the registry type of NLBSFlags and the full path?", "PolicyAgent", "does not state"),
])
def test_a_declined_thing_joined_to_an_answered_one_is_answered_part_by_part(question: str, says: str,
                                                                            gap: str) -> None:
    # the whole message was declined: the type (a gap) took the path with it
    _answered_saying(question, says, gap)


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("Sans aucune modification du Registre, au bout de combien de minutes IPSec revient-il après un plantage ?",
     "6 minutes", "2 minutes"),
    ("Avant même d'avoir touché au Registre, quelle durée totale côté IPSec si un nœud dorsal plante ?",
     "6 minutes", "2 minutes avec"),
    ("if we DID apply the reg fix, how long does IPSec need after a BE node hangs?", "2 minutes", "6 minutes"),
    ("once we apply the registry tweak, how long is the IPSec outage when a node dies?", "2 minutes", "6 minutes"),
])
def test_the_registry_change_named_by_other_words_sets_the_case(question: str, says: str, not_says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and not_says not in got.answer, got.answer


def test_how_long_before_is_a_wait_not_the_state_before_the_change() -> None:
    got = answer("si le nœud principal tombe, combien de temps avant que le frontal se reconnecte, la clé mise ?")
    assert got.answered and "2 minutes" in got.answer and "6 minutes" not in got.answer, got.answer


@pytest.mark.parametrize(("question", "starts", "says"), [
    ("per the disclaimer, who carries the risk of using this document?", "", "user assumes the risk"),
    ("l'information de l'article est-elle fournie sans garantie ?", "Oui", "sans garantie"),
    ("can I resell this KB for profit?", "No", "resold"),
    ("is there any warranty on what this article says?", "No", "without warranty"),
])
def test_the_closing_disclaimer_is_the_articles_own(question: str, starts: str, says: str) -> None:
    got = answer(question)
    assert got.answered and "article.disclaimer" in got.facts and got.answer.startswith(starts), got.answer
    assert says in got.answer, got.answer


@pytest.mark.parametrize(("question", "starts"), [
    ("does Microsoft guarantee it can fix problems if I use Registry Editor wrong?", "No"),
    ("Microsoft garantit-il de résoudre les problèmes dus à un Éditeur du Registre mal utilisé ?", "Non"),
])
def test_a_guarantee_about_registry_mistakes_is_the_warnings_no(question: str, starts: str) -> None:
    got = answer(question)
    assert got.answered and "registry.edit_warning" in got.facts and got.answer.startswith(starts), got.answer


def test_who_carries_the_risk_of_a_registry_mistake_is_the_registry_warning() -> None:
    got = answer("If I wreck the registry following this, who carries the risk according to the article?")
    assert got.answered and "registry.edit_warning" in got.facts, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("What does the registry notice at the top tell me to do before I edit anything?", "back up"),
    ("Avant de toucher au registre, l'article me dit de faire quoi côté sauvegarde ?", "sauvegarder"),
])
def test_the_banner_asks_for_a_backup(question: str, says: str) -> None:
    _answered_saying(question, says)
