"""Classes found on the question sets of the eighteenth round (dev103–dev106) and the newcomer's list.

Each case is one of a class: the phrasings are written for the test, not copied
from the question sets the engine was tuned on.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.cues import corrected
from kb.engine import answer
from kb.text import Speller
from tests.kb.asking import answered_saying, answered_saying_not, answered_starting, declined


@pytest.mark.parametrize(("question", "starts"), [
    ("Our front-end runs Windows 2000. Does setting NLBSFlags help?", "No."),
    ("ça aide vraiment de définir NLBSFlags sur un frontal Windows 2000 ?", "Non."),
])
def test_whether_the_flag_helps_on_windows_2000_is_that_windows_times(question: str, starts: str) -> None:
    # "help" read as "what can you do", then the registry steps
    answered_starting(question, starts)
    assert "5 minutes" in answer(question).answer


def test_what_setting_the_flag_does_on_windows_2000_is_its_five_minutes() -> None:
    got = answer("Sur un frontal Windows 2000, que se passe-t-il si je définis NLBSFlags ?")
    assert got.answered and "6 minutes" in got.answer and "2 minutes" not in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Which cipher... no wait, which authentication does POP3 use to the back-end?", "Basic"),
    ("Tu peux me dire ce qu'il ne faut pas faire... je veux dire, quel avertissement donne l'article sur le Registre ?",
     "256986"),
])
def test_a_correction_after_trailing_off_is_what_is_asked(question: str, says: str) -> None:
    answered_saying(question, says)


def test_a_dash_narrowing_the_question_keeps_what_came_before() -> None:
    answered_saying("which key do I edit — I mean the registry key, not an IKE key", "PolicyAgent")


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("With NLBSFlags set, how long is the IPSec failover for port 143 traffic when a back-end node hangs?",
     "2 minutes", "6 minutes"),
    ("during a planned move, how many seconds before our traffic ports over to the other node?", "3", "minutes"),
])
def test_a_port_named_in_a_timing_question_is_not_what_is_asked(question: str, says: str, not_says: str) -> None:
    answered_saying_not(question, says, not_says)


def test_the_idle_share_of_the_failover_without_the_change_is_five_of_six_minutes() -> None:
    answered_saying("Before the registry change, what share of the crash failover is the idle timer?", "83 %")


@pytest.mark.parametrize(("question", "starts"), [
    ("Is the IPSec idle time on Windows 2000 at least 5 minutes?", "Yes"),
    ("Sous Windows 2000, l'inactivité dure au moins 5 minutes ?", "Oui"),
    ("Does a crash failover without NLBSFlags take at least 10 minutes?", "No"),
])
def test_at_least_a_figure_is_met_by_that_figure(question: str, starts: str) -> None:
    # "at least 5 minutes" was read as "over 5 minutes": No for a minimum of exactly 5
    answered_starting(question, starts)


@pytest.mark.parametrize("question", [
    "La valeur NLBSFlags se définit-elle sur le serveur principal ?",
    "Is the NLBSFlags value configured on the back-end node?",
])
def test_where_the_named_value_goes_is_the_front_end_verdict(question: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(("No", "Non")) and "PolicyAgent" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("What port do I set NLBSFlags to?", "1 (one)"),
    ("What's the timeout port of the idle timer once NLBSFlags is set?", "1 minute"),
    ("Which firewall port should we encrypt for HTTP to the back-ends?", "80"),
    ("The 'single port' the article mentions: in what scenario?", "firewall"),
    ("Le port unique dont parle l'article, c'est dans quel cas ?", "pare-feu"),
])
def test_a_port_word_that_is_not_what_is_asked(question: str, says: str) -> None:
    answered_saying(question, says)


def test_the_single_ports_number_is_still_not_the_articles() -> None:
    declined("which single port does the firewall allow?")


@pytest.mark.parametrize(("question", "says"), [
    ("Just need the KB's last-updated date for a ticket.", "2007"),
    ("Si on vous demandait par clavardage à quels produits s'applique l'article ?", "Exchange Server 2003"),
])
def test_ordinary_words_of_the_job_are_not_terms(question: str, says: str) -> None:
    answered_saying(question, says)


def test_ikes_minute_after_the_idle_sas_are_dropped() -> None:
    got = answer("how long does IKE take after the idle SAs are dropped?")
    assert got.answered and got.intent == "ike_main_mode" and "1 minute" in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "Which port does NLBSFlags go on?",
    "Quel port faut-il mettre dans NLBSFlags ?",
    "Which port is the NLBSFlags registry value on?",
])
def test_nlbsflags_has_no_port_its_value_is_answered(question: str) -> None:
    answered_saying(question, "PolicyAgent")
    assert any(v in answer(question).answer for v in ("1 (one)", "1 (un)"))


@pytest.mark.parametrize(("question", "says"), [
    ("During a planned move, how long is the port down until IPSec has new SAs?", "3 to 6 seconds"),
    ("What registry value do I change to speed up IPSec renegotiation after an unexpected failover?", "PolicyAgent"),
])
def test_words_around_the_question_do_not_turn_it_away(question: str, says: str) -> None:
    answered_saying(question, says)


def test_ikes_port_with_a_time_is_still_declined() -> None:
    declined("what UDP port does IKE use during failover, and for how long?")


@pytest.mark.parametrize(("question", "starts"), [
    ("Is Windows Server 2003 support limited to non-clustered setups, as on Windows 2000?", "No"),
    ("Sous Windows Server 2003, c'est pris en charge uniquement sur un cluster ?", "Non"),
    ("Is Windows 2000 supported only without clustering?", "Yes"),
    ("Is NLB supported too, not only server clusters?", "Yes"),
])
def test_support_said_to_be_limited_to_one_case(question: str, starts: str) -> None:
    answered_starting(question, starts)


@pytest.mark.parametrize(("question", "starts"), [
    ("Je dois donc créer NLBSFlags sur les nœuds back-end, c'est ça ?", "Non"),
    ("So I create NLBSFlags on the back-end nodes, right?", "No"),
])
def test_creating_the_value_on_the_back_end_is_where_it_goes(question: str, starts: str) -> None:
    answered_starting(question, starts)
    assert "front-end" in answer(question).answer or "frontal" in answer(question).answer


@pytest.mark.parametrize(("question", "says"), [
    ("Écart entre le port IMAP4 et le port POP3 ?", "33"),
    ("Which program do they tell you to run for the registry change?", "regedit"),
])
def test_port_gaps_and_the_program_to_run(question: str, says: str) -> None:
    answered_saying(question, says)


def test_pre_shared_keys_are_not_the_articles() -> None:
    declined("how do I configure pre-shared keys for IKE between FE and BE?")


@pytest.mark.parametrize(("question", "says"), [
    ("SSL aside, how does the front-end authenticate HTTP to the back-end?", "Kerberos"),
    ("Avec SSL hors jeu, le HTTP entre frontal et back-end s'authentifie comment ?", "Kerberos"),
    ("Global Catalog aside, which ports does the password policy cover?", "110"),
    ("Rather than the registry bit, how long does IKE take after the idle SAs go?", "1 minute"),
])
def test_a_subject_set_aside_is_not_what_is_asked(question: str, says: str) -> None:
    answered_saying(question, says)


@pytest.mark.parametrize("question", [
    "How do I set up SSL between the OWA clients and the front-end?",
    "Comment configurer le SSL entre les navigateurs des clients et le frontal ?",
])
def test_ssl_on_the_clients_side_is_not_the_articles(question: str) -> None:
    declined(question)


def test_a_deliverable_is_an_ordinary_word() -> None:
    answered_saying("Pour un livrable client, quel est le chemin exact de la sous-clé de Registre ?", "PolicyAgent")


@pytest.mark.parametrize(("question", "starts", "says"), [
    ("According to the article, is encrypting only ports 110 and 143 enough for the message flow itself?", "No", "80"),
    ("chiffrer 80, 110 et 143 suffit pour le flux de messages ?", "Oui", "80"),
    ("Is the FE to BE encryption done with L2TP, as in KB 248346?", "No", "transport"),
])
def test_a_claimed_policy_or_mode_that_falls_short(question: str, starts: str, says: str) -> None:
    answered_starting(question, starts)
    assert says in answer(question).answer


@pytest.mark.parametrize(("question", "says"), [
    ("la valeur de NLBSFlags, pourquoi c'est... enfin non, c'est quoi le chiffre à mettre ?", "1 (un)"),
    ("Our boss says a BE crash leaves us hanging. Anything in this doc I could tweak?", "NLBSFlags"),
    ("On lance quoi depuis Exécuter pour modifier le Registre ?", "regedit"),
])
def test_corrections_tweaks_and_the_run_box(question: str, says: str) -> None:
    answered_saying(question, says)


@given(st.text(alphabet=".… ,aeinmostw?Iq", max_size=300))
def test_a_correction_is_read_from_any_text_without_failing(text: str) -> None:
    got = corrected(text)
    assert len(got) <= len(text) + 1  # the correction, or the text as it was


def test_a_long_trailing_off_message_is_read_in_linear_time() -> None:
    text = "... " * 20_000 + "I mean, where does NLBSFlags go?"
    assert corrected(text).endswith("where does NLBSFlags go?")


@pytest.mark.parametrize(("token", "known", "expected"), [
    ("reciting", "editing", "reciting"),  # two slips, other ends: another word, not a typo
    ("migrating", "migraine", "migrating"),
    ("encapsulation", "encapsulating", "encapsulating"),  # the same first six letters: a slip
    ("failvoer", "failover", "failover"),  # one transposition
    ("renegociatoin", "renegociation", "renegociation"),
])
def test_two_slips_are_forgiven_only_when_the_word_keeps_its_ends(token: str, known: str, expected: str) -> None:
    assert Speller([known]).correct(token) == expected


@pytest.mark.parametrize("question", [
    "Which key am I changing here, some encryption key?",
    "La clé de chiffrement NLBSFlags, on la met où exactement ?",
    "is the 'key' for NLBSFlags an encryption key? where is it?",
])
def test_an_encryption_key_said_of_the_setting_is_its_registry_key(question: str) -> None:
    answered_saying(question, "PolicyAgent")


@pytest.mark.parametrize("question", [
    "which encryption key does IPSec use between FE and BE?",
    "Quelle durée de vie de clé pour le mode principal IKE faut-il configurer ?",
    "How do I set up pre-shared key authentication for IPSec between FE and BE?",
    "Explain quantum key exchange to my nan.",
])
def test_key_settings_the_article_never_gives_are_declined(question: str) -> None:
    declined(question)


def test_internet_key_exchange_in_french_is_ike() -> None:
    got = answer("L'échange de clés Internet, il prend combien de temps après la suppression des SA inactives ?")
    assert got.answered and "1 minute" in got.answer, got.answer


@pytest.mark.parametrize(("question", "gap", "says"), [
    ("Cet article vaut-il pour Exchange 2007 ? Et quelles éditions d'Exchange 2003 figurent dans la liste ?",
     "Exchange 2007", "Enterprise"),
    ("Does it cover Exchange 2010? And which Exchange 2003 editions are in its product list?", "Exchange 2010",
     "Standard"),
    ("What SMTP port should we encrypt? And which Exchange editions does this KB apply to?", "SMTP", "Enterprise"),
])
def test_the_articles_own_question_after_one_about_another_product(question: str, gap: str, says: str) -> None:
    # the second part was read as more words about the first, declined one
    answered_saying(question, gap, says)


@pytest.mark.parametrize(("question", "says"), [
    ("Quels articles sont cités pour IPSec en cluster Windows 2000, et lequel pour le Registre ?", "256986"),
    ("Windows 2000 en cluster, c'est pas supporté : quels articles la KB cite pour ce cas-là ?", "306677"),
    ("Which articles does it cite for Windows 2000 clusters?", "248346"),
])
def test_the_articles_it_cites_for_a_case(question: str, says: str) -> None:
    answered_saying(question, says)


def test_how_many_with_it_after_a_count_of_minutes_is_the_other_states_count() -> None:
    got = answer("We have about ten crash failovers a year. How many minutes in total without the flag, "
                 "and how many with it?")
    assert got.answered and "60 minutes" in got.answer and "20 minutes" in got.answer, got.answer


@pytest.mark.parametrize(("question", "starts"), [
    ("failover is 2 min with the flag and 6 min without, right?", "Yes"),
    ("with the flag 2 min, without 6 min, correct?", "Yes"),
    ("avec la clé c'est 2 min et sans 6 min, c'est bien ça ?", "Oui"),
    ("with the flag 6 min, without 2 min, correct?", "No"),
    ("2 min without the flag and 6 min with, right?", "No"),
])
def test_each_figure_is_checked_against_its_own_case(question: str, starts: str) -> None:
    # the newcomer: correct statements of both cases got "No"
    answered_starting(question, starts)


@pytest.mark.parametrize(("question", "starts"), [
    ("is it ok to set NLBSFlags on the back-end?", "No"),
    ("is it supported to set NLBSFlags on the back-end?", "No"),
    ("is it ok to put NLBSFlags under HKCU?", "No"),
    ("is it ok to set NLBSFlags on the front-end?", "Yes"),
    ("does the back-end need nlbsflags as well as the front-end?", "No"),
    ("faut-il NLBSFlags sur le frontal et aussi sur le back-end ?", "Non"),
    ("NLBSFlags goes on the front-end with value 2, right?", "No"),
    ("NLBSFlags goes on the front-end with value 1, right?", "Yes"),
])
def test_where_and_what_it_is_set_to_when_the_question_says_ok_or_also(question: str, starts: str) -> None:
    # "ok"/"supported" got the supported-configurations Yes; value 2 on the front-end got "Yes … 1"
    answered_starting(question, starts)


@pytest.mark.parametrize(("question", "says"), [
    ("does NLBSFlags apply to planned failover too?", "3 to 6 seconds"),
    ("we set NLBSFlags=1 on the BE and failover still takes 6 min, why?", "front-end server (not on the back-end)"),
])
def test_applying_to_a_case_and_a_flag_set_on_the_wrong_role(question: str, says: str) -> None:
    answered_saying(question, says)


def test_each_part_the_article_lacks_is_named() -> None:
    got = answer("is ESP tunnel mode supported? and what about AH?")
    assert not got.answered and "tunnel mode" in got.answer and "AH" in got.answer, got.answer


@pytest.mark.parametrize(("question", "starts"), [
    ("can I put nlbsflags in HKLM\\SYSTEM\\CurrentControlSet\\Services\\IPSec instead?", "No"),
    ("je peux mettre NLBSFlags dans HKLM\\SYSTEM\\CurrentControlSet\\Services\\IPSec à la place ?", "Non"),
])
def test_another_key_proposed_instead_is_a_no(question: str, starts: str) -> None:
    answered_starting(question, starts)


def test_group_policy_is_named_as_itself() -> None:
    got = answer("how do i configure nlbsflags with group policy?")
    assert not got.answered and "Group Policy" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Which users' passwords are not protected between the front-end and the back-end?", "Basic"),
    ("Qu'est-ce qui n'est pas protégé quand un client IMAP4 passe par le frontal ?", "mots de passe"),
])
def test_what_is_not_protected_is_the_pop3_imap4_passwords(question: str, says: str) -> None:
    answered_saying(question, says)


def test_support_on_windows_2000_without_a_case_named_gets_no_bare_yes() -> None:
    # only without a cluster: a bare "Yes" misled a reader whose back-end is a cluster
    got = answer("does this work on windows 2000 front ends?")
    assert got.answered and not got.answer.startswith(("Yes", "No")) and "non-clustered" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("ça marche en x64 ?", "32 bits x86"),
    ("does NLBSFlags work on an x64 front-end?", "32-bit x86"),
])
def test_whether_it_works_on_x64_names_the_32_bit_editions(question: str, says: str) -> None:
    got = answer(question)
    assert not got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("We run Enterprise Edition, what's the full registry path for NLBSFlags?", "PolicyAgent"),
    ("Le document met-il en garde contre une mauvaise utilisation de l'Éditeur du Registre ?", "réinstaller"),
])
def test_an_edition_said_in_passing_and_a_warning_asked_with_an_inversion(question: str, says: str) -> None:
    answered_saying(question, says)


@pytest.mark.parametrize("question", [
    "After a back-end failover, will my OWA users have to log in again, or will their sessions survive?",
    "Après une bascule, les utilisateurs OWA doivent-ils ressaisir leur mot de passe ?",
])
def test_whether_users_must_log_in_again_is_not_the_articles(question: str) -> None:
    got = answer(question)
    assert not got.answered and ("client reconnection" in got.answer or "reconnexion des clients" in got.answer), (
        got.answer)
