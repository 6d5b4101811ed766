"""Classes found on the question sets of the sixteenth round (dev87–dev92).

Each case is one of a class: the phrasings are written for the test, not copied
from the question sets the engine was tuned on.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.engine import answer

_PERIODS = ["day", "week", "month", "quarter", "year", "jour", "semaine", "mois", "trimestre", "an"]


def _answered_starting(question: str, starts: str) -> None:
    """Answered, with the verdict asked for first."""
    got = answer(question)
    assert got.answered and got.answer.startswith(starts), got.answer


def _answered_saying(question: str, says: str) -> None:
    """Answered, with the figure or term the question is after."""
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 12), st.sampled_from(_PERIODS), st.sampled_from(_PERIODS),
       st.sampled_from(["in a", "per", "a", "over a", "par", "sur un", "dans la"]))
def test_any_count_per_period_over_any_horizon_is_answered_or_declined(n: int, per: str, over: str, link: str) -> None:
    # "three times in a day … all told?" crashed: a rate over its own period had no wording
    got = answer(f"if the node hangs {n} times {link} {per} without NLBSFlags, total IPSec minutes per {over}?")
    assert got.answer


def test_a_count_within_its_own_period_is_the_count() -> None:
    got = answer("If the back-end node hangs three times in a day and there's no NLBSFlags, how many minutes all told?")
    assert got.answered and "18 minutes" in got.answer, got.answer


@pytest.mark.parametrize(("question", "starts"), [
    ("C'est bien le mode transport ESP qui est pris en charge, pas le mode tunnel ?", "Oui"),
    ("So it's ESP in transport mode, not tunnel mode, right?", "Yes"),
    ("so the FE doesn't notice right away that the node hung, right?", "Yes"),
    ("a planned move doesn't wait for the idle timer, correct?", "Yes"),
    ("il faut pas mettre 0 mais bien 1 dans NLBSFlags, c'est ça ?", "Oui"),
])
def test_a_claim_that_rules_something_out_gets_the_claims_verdict(question: str, starts: str) -> None:
    _answered_starting(question, starts)


@pytest.mark.parametrize("question", [
    "Could you please let me know the revision number of the article?",
    "could you kindly tell me the date on which the article was last updated?",
])
def test_a_polite_request_is_answered_without_a_verdict(question: str) -> None:
    got = answer(question)
    assert got.answered and "1.4" in got.answer and not got.answer.startswith(("Yes", "No")), got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("What's the difference between the IMAP4 port number and the POP3 one?", "33"),
    ("écart entre les numéros de port de POP3 et d'IMAP4 ?", "33"),
    ("In policy 2, the highest port number minus the lowest?", "63"),
    ("additionne les numéros de port de la stratégie du flux de messages", "333"),
    ("sum of the port numbers for POP3 and IMAP4?", "253"),
])
def test_arithmetic_on_the_articles_port_numbers_shows_its_terms(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and f" {says}" in got.answer and ("+" in got.answer or "minus" in got.answer
                                                          or "moins" in got.answer), got.answer


def test_a_port_named_by_the_asker_is_not_summed_as_the_articles() -> None:
    got = answer("sum of port numbers 995 and 993?")
    assert "1988" not in got.answer, got.answer


@pytest.mark.parametrize(("question", "lang"), [
    ("Which protocol does NOT expose passwords between front-end and back-end?", "en"),
    ("quel protocole n'est pas limité à l'authentification de base ?", "fr"),
    ("which FE to BE protocol isn't stuck with basic auth?", "en"),
])
def test_the_protocol_without_the_weakness_is_http(question: str, lang: str) -> None:
    got = answer(question)
    assert got.answered and got.lang == lang and "HTTP" in got.answer and "Kerberos" in got.answer, got.answer


def test_the_protocol_with_the_weakness_is_still_pop3_and_imap4() -> None:
    got = answer("which protocols are limited to basic authentication to the back-end?")
    assert "POP3" in got.answer and "Basic" in got.answer, got.answer


@pytest.mark.parametrize(("question", "starts"), [
    ("Le frontal peut chiffrer vers le back-end en SSL ou en TLS ?", "Non"),
    ("can the front-end use SSL or TLS to the back-end?", "No"),
])
def test_the_articles_own_pair_is_not_a_choice(question: str, starts: str) -> None:
    got = answer(question)
    assert got.answer.startswith(starts), got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Oakley, c'est quoi dans l'article ?", "sous-clé de Registre"),
    ("what's 'Oakley' in this KB?", "registry subkey"),
])
def test_oakley_is_named_as_the_registry_subkey(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and "PolicyAgent\\Oakley" in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "Le flag NLBSFlags se règle dans l'Administrateur de cluster ?",
    "do I set NLBSFlags in Cluster Administrator?",
])
def test_cluster_administrator_named_as_a_place_to_set_the_flag_gets_the_registry(question: str) -> None:
    got = answer(question)
    assert got.answered and "PolicyAgent" in got.answer and "3" not in got.answer.split("PolicyAgent")[0], got.answer


def test_a_move_in_cluster_administrator_is_still_a_planned_move() -> None:
    got = answer("if I move the group in Cluster Administrator with NLBSFlags set, how long does IPSec take?")
    assert "3 to 6 seconds" in got.answer, got.answer


@pytest.mark.parametrize("question", ["Est-ce que le processeur joue sur le temps de bascule ?",
                                      "does the CPU matter for the failover time?"])
def test_the_processor_is_what_a_planned_move_depends_on(question: str) -> None:
    got = answer(question)
    assert got.answered and ("processeur" in got.answer or "processor" in got.answer), got.answer


@pytest.mark.parametrize(("question", "starts"), [
    ("Security question: is Kerberos part of what policy 3 encrypts?", "Yes"),
    ("Quick q: is NLBSFlags set on the front-end?", "Yes"),
    ("Does the article tell me to set NLBSFlags on the back-end nodes?", "No"),
    ("L'article dit-il de mettre NLBSFlags sur les nœuds du back-end ?", "Non"),
])
def test_a_labelled_or_article_framed_yes_no_gets_its_verdict(question: str, starts: str) -> None:
    got = answer(question)
    assert got.answer.startswith(starts), got.answer


def test_a_label_before_a_wh_question_adds_no_verdict() -> None:
    got = answer("Question: where is NLBSFlags set?")
    assert got.answered and not got.answer.startswith(("Yes", "No")), got.answer


@pytest.mark.parametrize("question", ["without IPSec, what protects POP3 passwords between FE and BE?",
                                      "Sans IPSec, qu'est-ce qui protège les mots de passe IMAP4 ?"])
def test_what_protects_passwords_without_ipsec_is_nothing(question: str) -> None:
    got = answer(question)
    assert got.answered and ("Basic" in got.answer or "de base" in got.answer), got.answer


@pytest.mark.parametrize("question", [
    "What's the default value of NLBSFlags? 0? missing?",
    "NLBSFlags c'est un REG_DWORD ou un REG_SZ ? la KB dit quoi exactement ?",
    "how long does Exchange 2003 itself take to recover? the article give any figure?",
])
def test_a_short_follow_up_of_a_gap_is_declined_with_it(question: str) -> None:
    got = answer(question)
    assert not got.answered, got.answer


def test_a_new_question_after_a_gap_is_still_answered() -> None:
    got = answer("What's the default value of NLBSFlags? And where does it go?")
    assert got.answered and "PolicyAgent" in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "Does NLBSFlags also shorten the 3-6 second planned move?",
    "est-ce que NLBSFlags accélère aussi un déplacement planifié ?",
    "will setting NLBSFlags speed up a planned cluadmin move too?",
])
def test_whether_the_flag_shortens_a_planned_move_is_not_said(question: str) -> None:
    got = answer(question)
    assert not got.answered and "NLBSFlags" in got.answer, got.answer


@pytest.mark.parametrize(("question", "starts"), [
    ("Le réglage NLBSFlags sert-il à accélérer le déplacement planifié ?", "Non"),
    ("is NLBSFlags meant to speed up planned moves?", "No"),
])
def test_the_flags_purpose_is_the_unexpected_failover(question: str, starts: str) -> None:
    _answered_starting(question, starts)


@pytest.mark.parametrize("question", [
    "Is it tunnel or transport mode that Microsoft supports here?",
    "which IPSec flavour is supported — transport or tunnel, AH or ESP?",
    "mode transport ou mode tunnel, lequel est pris en charge ?",
])
def test_a_choice_of_ipsec_modes_gets_the_articles_mode_without_a_verdict(question: str) -> None:
    got = answer(question)
    assert got.answered and ("transport mode ESP" in got.answer or "mode transport ESP" in got.answer), got.answer
    assert not got.answer.startswith(("Yes", "No", "Oui", "Non")), got.answer


@pytest.mark.parametrize("question", ["is tunnel mode supported?",
                                      "AH ou ESP en mode tunnel, lequel bascule le plus vite ?"])
def test_a_mode_named_outside_a_choice_is_still_not_the_articles(question: str) -> None:
    assert not answer(question).answered


@pytest.mark.parametrize(("question", "says"), [
    ("Donnez-moi les raisons de l'article pour mettre IPSec entre frontal et back-end, vite svp", "pare-feu"),
    ("the reasons the article gives for IPSec between FE and BE, quickly please", "firewall"),
    ("kindly share the full registry path where NLBSFlags lives", "PolicyAgent"),
    ("whit's the name o' the registry value I set on the front-end?", "NLBSFlags"),
    ("SITREP request: what data value goes into NLBSFlags? Over.", "1"),
])
def test_chat_words_around_a_plain_question_do_not_decline_it(question: str, says: str) -> None:
    _answered_saying(question, says)


def test_quickly_inside_the_question_still_asks_about_time() -> None:
    got = answer("how quickly does IPSec recover after a crash without NLBSFlags?")
    assert got.answered and "6 minutes" in got.answer, got.answer


def test_a_share_of_the_time_is_still_a_share() -> None:
    got = answer("what share of the 6 minutes is the idle timer?")
    assert got.answered and "83" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("what does step 5 say?", "Steps 5 and 6 of the article's registry procedure: 5) type 1", "Start"),
    ("Étape 4, étape 5 pis étape 6, on fait quoi dans chacune ?", "4) cliquez avec le bouton droit", "Démarrer"),
    ("the second step, what is it?", "2) type regedit", "Start"),
    ("step 1 says Run — run what exactly?", "2) type regedit", "Modify"),
    ("and the sixth step?", "Step 6 of the article's registry procedure: quit Registry Editor", "Modify"),
])
def test_a_registry_step_asked_by_its_number_is_that_step(question: str, says: str, not_says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and not_says not in got.answer, got.answer


def test_the_note_after_step_5_is_the_two_minutes() -> None:
    got = answer("what does the note right after step 5 say? kindly explain")
    assert got.answered and "2 minutes" in got.answer and "does not cover" not in got.answer, got.answer


@pytest.mark.parametrize("question", ["how do I build an NLB cluster on Windows Server 2003, step by step?",
                                      "Comment on monte un cluster NLB sous Windows Server 2003, étape par étape ?"])
def test_steps_of_something_else_are_not_the_registry_procedure(question: str) -> None:
    assert not answer(question).answered


def test_a_planned_moves_step_is_the_planned_move() -> None:
    got = answer("what happens in step 2 of a planned move?")
    assert got.answered and "virtual IP" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("For our HIPAA risk assessment: which ports protect the actual message flow to the back-end?", "80, 110"),
    ("Pour l'audit PCI-DSS : quels ports chiffrer pour le flux de messages ?", "80, 110"),
    ("For your perusal po: what are the reasons the article lists for IPSec between FE and BE?", "firewall"),
    ("insofar as the article addresses it, how does the front-end authenticate to the back-end over HTTP?", "Kerberos"),
])
def test_a_frame_or_formal_words_around_a_question_do_not_decline_it(question: str, says: str) -> None:
    _answered_saying(question, says)


@pytest.mark.parametrize("question", ["For our SOX audit, does IPSec satisfy HIPAA?",
                                      "pour le flux SMTP entre les serveurs Exchange, on force TLS comment ?"])
def test_a_subject_asked_after_a_frame_is_still_declined(question: str) -> None:
    assert not answer(question).answered


@pytest.mark.parametrize("question", [
    "Quand le nœud se bloque pas et qu'on déplace juste le groupe, c'est combien de temps ?",
    "without any crash, just a planned move of the group: how long?",
    "the node did not hang, we moved the group in Cluster Administrator: how long for IPSec?",
])
def test_a_denied_crash_beside_a_planned_move_is_the_planned_move(question: str) -> None:
    got = answer(question)
    assert got.answered and "3" in got.answer and "6 minutes" not in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("best case planned move vs the no-NLBSFlags crash case, how many times faster is the planned move?", "120"),
    ("Cas non planifié (pas un déplacement via l'Administrateur de cluster) : avec NLBSFlags à 1, combien ?", "2 min"),
])
def test_a_denial_of_something_else_keeps_the_crash(question: str, says: str) -> None:
    _answered_saying(question, says)


@pytest.mark.parametrize(("question", "says"), [
    ("Oakley c'est ton nom à toi, mais dans l'article Oakley c'est quoi ?", "PolicyAgent\\Oakley"),
    ("Oakley, is that you? What is the Oakley subkey used for in the article?", "NLBSFlags"),
    ("What's the number of the English original of this article?", "821839"),
    ("C'est une trad humaine ou automatique, cette KB ?", "traduction automatique"),
    ("Is there anything Microsoft says it can't guarantee in this article?", "cannot guarantee"),
    ("Who's on the hook if I wreck the server while editing the registry?", "own risk"),
    ("À quoi sert le bandeau « IMPORTANT » en tête de l'article ?", "sauvegarder"),
])
def test_what_the_article_says_about_itself_is_answered(question: str, says: str) -> None:
    _answered_saying(question, says)


@pytest.mark.parametrize("question", ["Oakley c'est toi ?", "Lunettes Oakley prix ?",
                                      "As an auditor: is the planned-move figure a guarantee, per the article?"])
def test_the_bots_name_and_other_guarantees_are_not_the_registry_warning(question: str) -> None:
    got = answer(question)
    assert "cannot guarantee" not in got.answer and "PolicyAgent" not in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("We have 3 front-end servers and a 2-node back-end cluster. How many servers need the NLBSFlags regedit?",
     "With 3 front-end servers, that is 3 servers"),
    ("J'ai 4 frontaux et un cluster back-end de 2 nœuds : sur combien de serveurs je dois créer NLBSFlags ?",
     "Avec 4 serveurs frontaux, cela fait 4 serveurs"),
    ("how many servers need NLBSFlags?", "one change per Exchange 2003 front-end"),
])
def test_the_servers_to_change_are_the_front_ends(question: str, says: str) -> None:
    _answered_saying(question, says)


def test_a_single_front_end_named_in_passing_counts_nothing() -> None:
    got = answer("does NLBSFlags go on a front-end or on the back-end?")
    assert "servers to change" not in got.answer, got.answer


@pytest.mark.parametrize(("question", "starts"), [
    ("Is the IPSec failover with NLBSFlags = 1 shorter than without it?", "Yes"),
    ("is the failover without NLBSFlags faster than with it?", "No"),
    ("le basculement sans NLBSFlags est-il plus long qu'avec ?", "Oui"),
    ("Confirm: NLBSFlags gets set on the back-end node, affirmative?", "No"),
    ("le FE utilise l'auth de base pour HTTP vers le BE ?", "Non"),
    ("Après un déplacement planifié, le nouveau nœud établit-il de nouvelles SA avec le frontal ?", "Oui"),
    ("After a crash, does IKE start renegotiating before the idle SAs are removed?", "No"),
])
def test_yes_no_questions_of_this_round_get_their_verdict(question: str, starts: str) -> None:
    _answered_starting(question, starts)


def test_a_stated_ratio_between_the_states_is_still_checked_as_a_ratio() -> None:
    got = answer("Est-il exact que le basculement sans NLBSFlags est six fois plus long qu'avec la valeur définie ?")
    assert got.answer.startswith("Non"), got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("By what percentage does NLBSFlags shorten the idle timer, from 5 minutes down to 1 minute?", "80 %"),
    ("What percentage reduction on the idle time alone, from the Windows 2000 minimum to the NLBSFlags value?", "80 %"),
    ("if a back-end node hangs twice a month with NLBSFlags set, how many minutes is that per month?", "4 minutes"),
    ("a node hangs 3 times a month without NLBSFlags: minutes per month?", "18 minutes"),
])
def test_counts_and_idle_percentages_of_this_round(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer.replace("\u202f", " "), got.answer


@pytest.mark.parametrize("question", [
    "Which key do I edit — an Internet Key Exchange key or a registry key?",
    "which key do I need to change — is it an IKE key thing or what?",
])
def test_the_key_edited_is_the_registry_key(question: str) -> None:
    got = answer(question)
    assert got.answered and "PolicyAgent\\Oakley" in got.answer, got.answer


def test_a_key_exchanged_is_still_ikes() -> None:
    got = answer("which key does IKE exchange?")
    assert "PolicyAgent" not in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "In the French text, what does 'serveur principal' refer to — the primary cluster node?",
    "what does 'serveur principal' mean in the article?",
])
def test_the_term_serveur_principal_is_the_back_end(question: str) -> None:
    got = answer(question)
    assert got.answered and "back-end server" in got.answer, got.answer


@pytest.mark.parametrize(("question", "starts"), [
    ("Is the automatic 1-minute idle reduction a Windows 2000 behaviour?", "No"),
    ("Sous Windows 2000, on peut descendre la durée d'inactivité à 1 minute avec NLBSFlags ?", "Non"),
])
def test_the_one_minute_asked_of_windows_2000_says_whose_it_is(question: str, starts: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(starts) and "Server 2003" in got.answer, got.answer


def test_windows_2000_without_the_flag_is_its_minimum_alone() -> None:
    got = answer("Sous Windows 2000, même sans NLBSFlags possible, l'inactivité ne descend pas en dessous de combien ?")
    assert "5 minutes" in got.answer and "1 minute" not in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Before the registry change, how much of that failover is just the idle timeout?", "5 minutes of idle time"),
    ("Sans IPSec, le trafic HTTP entre le frontal et le principal est-il chiffré ?", "non chiffrés"),
    ("Exchange met du temps à repartir : le temps de basculement total c'est quoi exactement ?", "renégocier"),
])
def test_parts_and_totals_of_this_round(question: str, says: str) -> None:
    _answered_saying(question, says)


@pytest.mark.parametrize(("question", "starts"), [
    ("When the cluster service hangs, does IPSec delete the SA cleanly like it does on a manual move?", "No"),
    ("on a planned move, are the SAs deleted cleanly, unlike a crash?", "Yes"),
    ("Si je mets PAS la clé sur le serveur principal mais juste sur le frontal, c'est correct ?", "Oui"),
])
def test_the_case_or_role_proposed_is_the_one_asked(question: str, starts: str) -> None:
    _answered_starting(question, starts)


@pytest.mark.parametrize("question", ["how long\x1b]0;pwned\x07 with NLBSFlags=1?", "how long\x00 with NLBSFlags=1?",
                                      "how long\x1b[2J with NLBSFlags=1?"])
def test_terminal_escapes_and_control_characters_are_not_words(question: str) -> None:
    got = answer(question)
    assert got.answered and "2 minutes" in got.answer, got.answer
    assert all(ch.isprintable() or ch in "\n\t" for ch in got.question), repr(got.question)


@pytest.mark.parametrize(("question", "starts"), [
    ("Le basculement prend-il moins de 5 minutes sans NLBSFlags ?", "Non"),
    ("Does failover take less than 5 minutes without NLBSFlags?", "No"),
    ("Does the article recommend Kerberos for POP3?", "No"),
])
def test_newcomer_found_verdicts(question: str, starts: str) -> None:
    _answered_starting(question, starts)


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("What is the total of the three ports' numbers?", "333", "Suggested policy 1"),
    ("Is it OK to set NLBSFlags on a Windows 2000 front-end?", "5 minutes", "Yes."),
    ("Le basculement prend-il moins de 3 minutes avec NLBSFlags ?", "2 minutes", "Non."),
])
def test_newcomer_found_answers(question: str, says: str, not_says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and not got.answer.startswith(not_says), got.answer


@pytest.mark.parametrize(("question", "starts", "says"), [
    ("C'est le quick mode (mode rapide) qui prend 1 minute après le crash ?", "Non", "mode principal"),
    ("how long does the quick mode renegotiation take after the idle timeout?", "Once", "main mode"),
    ("Does HTTP between the FE and BE use secure authentication where possible?", "Yes", "Kerberos"),
    ("once NLBSFlags is set, the idle time drops to 30 s, right?", "No", "1 minute"),
])
def test_claims_and_wordings_of_this_round(question: str, starts: str, says: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(starts) and says in got.answer, got.answer


@pytest.mark.parametrize("question", ["Combien de temps dure le mode rapide IKE ?",
                                      "can I set NLBSFlags so the idle time is 30 seconds?"])
def test_what_the_article_does_not_give_is_still_declined(question: str) -> None:
    assert not answer(question).answered


def test_a_follow_up_for_another_case_gets_no_stray_verdict() -> None:
    got = answer("We haven't set NLBSFlags yet; how long after a crash? And with Exchange taking 2 minutes?")
    assert got.answered and "No." not in got.answer and "8 minutes" in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "which Kerberos port (88 TCP/UDP?) do I put in the IPSec filter for the DC traffic?",
    "What encryption algorithms (3DES? SHA1?) does the article recommend for ESP?",
])
def test_a_question_mark_inside_brackets_does_not_cut_the_question(question: str) -> None:
    assert not answer(question).answered


@pytest.mark.parametrize("question", [
    "Comparons HTTP et POP3 : comment chacun s'authentifie-t-il auprès du serveur principal ?",
    "compare HTTP and POP3: how does each authenticate to the back-end?",
    "what auth do POP3 and IMAP4 use to get to the back-end, and what does HTTP use instead?",
])
def test_two_protocols_asked_together_each_get_their_authentication(question: str) -> None:
    got = answer(question)
    assert got.answered and "Kerberos" in got.answer and ("Basic" in got.answer or "de base" in got.answer), got.answer


@pytest.mark.parametrize(("question", "starts"), [
    ("Does a planned move with Cluster Administrator take minutes like a crash does?", "No"),
    ("un déplacement planifié prend-il des minutes comme un plantage ?", "Non"),
])
def test_a_planned_move_compared_to_a_crash_takes_seconds(question: str, starts: str) -> None:
    _answered_starting(question, starts)


@pytest.mark.parametrize("question", ["Does NLBSFlags work on Windows Server 2003 x64?",
                                      "does NLBSFlags work on 64-bit Windows?"])
def test_the_flag_on_x64_is_never_a_yes(question: str) -> None:
    got = answer(question)
    assert not got.answer.startswith("Yes") and "32-bit" in got.answer, got.answer


def test_a_follow_up_naming_its_own_subject_does_not_inherit_the_earlier_one() -> None:
    got = answer("Where does NLBSFlags go? and what's the IKE port?")
    assert got.answered and "PolicyAgent" in got.answer and "no port number for IKE" in got.answer, got.answer


@pytest.mark.parametrize(("question", "starts"), [
    ("Is IPSec mandatory between FE and BE?", "No"),
    ("Est-ce que IPSec est obligatoire entre frontal et back-end ?", "Non"),
])
def test_ipsec_is_something_you_may_want_not_a_requirement(question: str, starts: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(starts), got.answer
    assert "firewall" in got.answer or "pare-feu" in got.answer, got.answer
