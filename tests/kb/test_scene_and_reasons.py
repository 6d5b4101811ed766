"""Scenes that name what is absent, and why POP3/IMAP4 need IPSec (classes found on fresh question sets)."""

from __future__ import annotations

import pytest

from kb.engine import answer


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("We have no POP3 or IMAP4 users, only OWA. Are HTTP passwords exposed between FE and BE?", "Kerberos", "Basic"),
    ("On n'a aucun client POP3 ni IMAP4, seulement OWA. Les mots de passe HTTP sont-ils exposés ?", "Kerberos",
     "de base"),
    ("Pas de POP ni d'IMAP chez nous, que de l'OWA. les mdp passent en clair entre FE et BE ?", "NTLM", "de base"),
    ("Our users are all on POP3. Are their passwords exposed between FE and BE?", "Basic", "Kerberos"),
])
def test_a_protocol_the_scene_says_is_absent_is_not_what_is_asked(question: str, says: str, not_says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and not_says not in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("primary reason POP3 users would need IPSec between FE and BE?", "Basic"),
    ("pourquoi POP3 a besoin d'IPSec entre frontal et back-end ?", "de base"),
    ("why are POP3 and IMAP4 a problem between FE and BE?", "Basic"),
    ("la principale raison pour laquelle IMAP4 pose problème entre FE et BE ?", "de base"),
    ("Without IPSec, can someone capturing POP3 traffic between FE and BE get the passwords?", "Basic"),
    ("Sans IPSec, un attaquant qui capture le trafic IMAP4 peut-il récupérer les mots de passe ?", "de base"),
])
def test_why_mail_protocols_need_ipsec_is_their_basic_authentication(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("why is port 110 in policy 1?", "port 110"),
    ("why IPSec at all between FE and BE?", "Reason 3"),
])
def test_policies_and_the_general_reasons_keep_their_own_answers(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer
