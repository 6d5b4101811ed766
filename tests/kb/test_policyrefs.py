"""Which suggested policies a question names, without their numbers."""

from __future__ import annotations

import pytest

from kb.engine import answer, default_engine
from kb.policyrefs import referred


@pytest.mark.parametrize(("question", "policies"), [
    ("what does the third policy add to the second one?", (2, 3)),
    ("les deux premières stratégies", (1, 2)),
    ("the port 80/110/143 policy versus the encrypt-everything one", (2, 3)),
    ("la stratégie qui chiffre tout", (3,)),
    ("la deuxième stratégie porte uniquement sur les ports 110 et 143 ?", (2,)),
    ("policy 1 and policy 3", (1, 3)),
    ("how long does a failover take?", ()),
])
def test_referred(question: str, policies: tuple[int, ...]) -> None:
    r = default_engine()._read(question)
    assert referred(r.tokens, r.slots.ports, r.concepts) == policies


@pytest.mark.parametrize(("question", "says", "never"), [
    ("Which traffic is NOT covered by the port 80/110/143 policy but is covered by the encrypt-everything one?",
     "Kerberos", "port 80 (HTTP)"),
    ("Quels trafics ne sont pas couverts par la deuxième stratégie mais sont inclus dans la troisième ?",
     "catalogue global", "port 80"),
    ("what does policy 2 add over policy 1?", "port 80 (HTTP)", "Kerberos"),
    ("Combien de ports différents au total dans les deux premières stratégies ?", "3 ports", "333"),
    ("Somme des numéros de ports de la 2e stratégie ? (c'est pour un quiz)", "333", "Kerberos"),
    ("sum of the ports in the 'message flow' policy", "80 + 110 + 143", "LDAP"),
])
def test_between_policies(question: str, says: str, never: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and never not in got.answer.split(". ")[-1], got.answer


def test_a_claim_about_one_policy_is_not_a_difference() -> None:
    got = answer("N'est-il pas exact que la deuxième stratégie porte uniquement sur les ports 110 et 143 ?")
    assert got.answer.startswith("Non"), got.answer


def test_policies_named_by_ordinal_are_the_ones_answered() -> None:
    got = answer("Please confirm the ports named in the first suggested policy and in the second.")
    assert "Suggested policy 1" in got.answer and "Suggested policy 2" in got.answer, got.answer
    assert "Suggested policy 3" not in got.answer, got.answer
