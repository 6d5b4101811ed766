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
from kb.text import tokenize


def _answers_with(question: str, says: str, not_says: str) -> None:
    """Answered, with the figure of the case asked and without the other case's."""
    got = answer(question)
    assert got.answered and says in got.answer and not_says not in got.answer, got.answer


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
    if formats_only(text):  # a unit or a precision, or the form of a verdict ("y/n", "yes or no")
        verdict = " ".join(tokenize(text)) in {"y n", "yes no", "oui non", "o n", "yes or no", "oui ou non"}
        elaborate = any(w in text for w in ("expl", "elabor", "clarif", "detail", "expand", "develop", "precis"))
        assert verdict or elaborate or any(u in text for u in ("sec", "ms", "min", "decimal", "percent", "pourc")), text


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


@pytest.mark.parametrize(("question", "says"), [
    ("FE: WEB07 (192.168.4.7). BE cluster nodes EXN1/EXN2, VIP 192.168.5.5. We haven't set NLBSFlags yet.\n"
     "If EXN1's cluster service hangs, how long until WEB07 has new SAs with the VIP?", "6 minutes"),
    ("Contexte : frontal 'MAILFR' 10.0.0.4, cluster BE 'CLX' (noeuds CLX-A/CLX-B).\n"
     "Si CLX-A plante, combien de temps pour IPSec avec NLBSFlags à 1 ?", "2 minutes"),
    ("BE cluster 'PRD-EXC' (PRDN7/PRDN8). Does Microsoft support IPSec transport mode ESP for this cluster?", "ESP"),
    ("Group 'EXVS2' moved by hand to node BE4 to patch BE3. How long does IPSec to the VIP take then?", "3 to 6"),
])
def test_the_askers_own_server_names_and_addresses_are_read_as_their_roles(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "NLBSFlags, ça change quoi pour les sessions VPN L2TP sur mon serveur RRAS ?",
    "our FE 'OWA9' 10.2.2.9 uses SHA1/MD5 for ESP: which does the article recommend?",
])
def test_a_product_or_term_after_a_role_word_is_still_named_back(question: str) -> None:
    assert not answer(question).answered


def test_an_address_counts_nothing() -> None:
    got = answer("FE 10.1.2.3 → BE VIP 10.1.2.50: how long is a planned move?")
    assert got.answered and "3 to 6 seconds" in got.answer and "For " not in got.answer, got.answer


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("Other than a planned move, i.e. a real node crash, what's the IPSec time with NLBSFlags = 1?", "2 minutes",
     "3 to 6"),
    ("Contrairement à une panne, un déplacement via l'Administrateur de cluster prend combien côté IPSec ?",
     "3 à 6 secondes", "6 minutes"),
    ("Unlike a crash, how long does a manual move take for IPSec?", "3 to 6 seconds", "6 minutes"),
    ("If it's a planned move rather than a crash, how long until the SAs are back up?", "3 to 6 seconds",
     "6 minutes"),
])
def test_a_case_set_aside_by_other_than_or_unlike_is_not_answered(question: str, says: str, not_says: str) -> None:
    _answers_with(question, says, not_says)


@given(st.text(alphabet="FEBnodes '/-(),.0123456789ABXaz\n", max_size=400))
def test_reading_server_names_never_fails_and_never_grows_the_text_much(text: str) -> None:
    from kb.engine import default_engine
    from kb.hosts import with_roles

    out = with_roles(text, default_engine()._everyday)
    assert len(out) <= len(text) * 2 + 10


def test_a_long_message_of_names_and_addresses_is_read() -> None:
    text = "FE 'A1' 10.0.0.1, nodes N1/N2, " * 55 + "how long is a planned move?"
    got = answer(text)
    assert got.answered and "3 to 6 seconds" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("Now that NLBSFlags is no longer missing (it's 1), what's the crash failover total?", "2 minutes", "6 minutes"),
    ("Maintenant que NLBSFlags n'est plus absente, un plantage coûte combien à IPSec ?", "2 minutes", "6 minutes"),
    ("flag in place, not the default anymore: unplanned failover total?", "2 minutes", "6 minutes"),
])
def test_an_absence_no_longer_true_is_the_flag_set(question: str, says: str, not_says: str) -> None:
    _answers_with(question, says, not_says)


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("Hors panne, quand on déplace nous-mêmes le groupe, IPSec met combien de temps ?", "3 à 6 secondes", "6 minutes"),
    ("Apart from a crash, i.e. when we move the group ourselves, how long for IPSec?", "3 to 6 seconds", "6 minutes"),
])
def test_the_crash_set_aside_leaves_the_planned_move(question: str, says: str, not_says: str) -> None:
    _answers_with(question, says, not_says)


@pytest.mark.parametrize("question", [
    "Does NLBSFlags also shorten the 3-6 second planned move?",
    "Le flag NLBSFlags réduit-il aussi les 3 à 6 secondes du déplacement planifié ?",
])
def test_the_flags_effect_on_a_planned_move_gets_no_verdict(question: str) -> None:
    got = answer(question)
    assert not got.answer.startswith(("Yes", "No", "Oui", "Non")), got.answer


@pytest.mark.parametrize("question", [
    "What's the warning in the article about?",
    "L'avertissement de l'article, il dit quoi ?",
    "what does the warning say?",
])
def test_the_articles_one_warning_is_the_registrys(question: str) -> None:
    got = answer(question)
    assert got.answered and "registry.edit_warning" in got.facts, got.answer


@pytest.mark.parametrize("question", [
    "Tu peux m'écrire un mail d'excuse pour les utilisateurs après la coupure ?",
    "Write an exploit to bypass the authentication on the back-end cluster",
    "Propose-nous des idées de team building pour l'équipe cluster",
])
def test_writing_requests_with_a_topic_word_are_declined(question: str) -> None:
    assert not answer(question).answered


def test_a_change_request_for_setting_the_flag_gets_the_articles_facts() -> None:
    got = answer("Write me a short change request for setting NLBSFlags on our FE servers.")
    assert got.answered and "Oakley" in got.answer, got.answer


@pytest.mark.parametrize(("question", "lang"), [
    ("Traduis-moi « Der Server ist schon wieder kaputt » en anglais", "fr"),
    ("What does « durée d'inactivité » mean in the article?", "en"),
])
def test_a_quotes_language_is_not_the_askers(question: str, lang: str) -> None:
    assert answer(question).lang == lang


@pytest.mark.parametrize(("question", "start"), [
    ("L'article cite-t-il le KB 832017 ?", "Non"),
    ("Does the article cite KB 999999 about service ports?", ""),
    ("Does the article mention KB 306677?", "Yes"),
    ("l'article mentionne L2TP ?", "Oui"),
])
def test_an_article_number_the_kb_does_not_cite_gets_no_yes(question: str, start: str) -> None:
    got = answer(question)
    assert not got.answer.startswith(("Yes", "Oui")) or start in ("Yes", "Oui"), got.answer
    assert got.answer.startswith(start), got.answer


def test_a_short_follow_up_of_a_part_the_article_lacks_is_declined_with_it() -> None:
    got = answer("Default SA lifetime? how many min?")
    assert not got.answered and "1 minute" not in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("3 crash failovers/month, flag set, total IPSec min per year?", "72 minutes"),
    ("2 pannes/mois sans NLBSFlags, ça fait combien par an ?", "144 minutes"),
])
def test_a_rate_written_with_a_slash_is_per_period(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_a_reg_type_is_the_values_type_the_article_does_not_give() -> None:
    assert not answer("NLBSFlags reg type? DWORD or string?").answered


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("before I run `reg add HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent\\Oakley /v NLBSFlags /d 1`, "
     "what's the crash failover time?", "6 minutes", "about 2 minutes for"),
    ("we ran reg add HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent\\Oakley /v NLBSFlags /d 1 on the FE. "
     "crash failover time now?", "2 minutes", "6 minutes"),
    ("Je dois faire le reg add dans HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent\\Oakley sur le "
     "serveur principal, c'est bien ça ?", "frontal", "6 minutes"),
])
def test_reg_add_under_the_articles_key_is_the_articles_change(question: str, says: str, not_says: str) -> None:
    _answers_with(question, says, not_says)


@pytest.mark.parametrize("question", [
    "how do I script it with reg add?",
    "si je mets /d 2 : reg add HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent\\Oakley /v NLBSFlags /d 2, "
    "ça fait quoi ?",
])
def test_reg_add_asked_about_or_with_other_data_is_declined(question: str) -> None:
    assert not answer(question).answered


@pytest.mark.parametrize(("question", "says"), [
    ("We nuh touch di registry yet pon di front-end. If di back-end node hang, how long?", "6 minutes"),
    ("Whit's the worst case fur IPSec failover when a node hangs an' naebody's touched the registry?", "6 minutes"),
])
def test_scots_and_caribbean_english_words_are_read(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "start"), [
    ("Are POP3 passwords protected from sniffing between FE and BE without IPSec?", "No"),
    ("Les mots de passe IMAP4 sont-ils protégés contre l'écoute sans IPSec ?", "Non"),
    ("Is it true that POP3 passwords are not protected from sniffing without IPSec?", "Yes"),
])
def test_protected_from_an_exposure_proposes_protection(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start), got.answer


@pytest.mark.parametrize("question", [
    "Avant de toucher au registre, un crash du nœud back-end, ça fait combien de minutes d'IPSec ?",
    "before touching the registry, a back-end node crash costs IPSec how many minutes?",
])
def test_a_time_before_the_change_is_not_a_backup_even_with_back_end(question: str) -> None:
    got = answer(question)
    assert got.answered and "6 minutes" in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "Pourriez-vous m'expliquer les exigences de fonds propres de Bâle III au titre du risque opérationnel ?",
    "What's the warning level for hurricanes this week?",
])
def test_a_risk_or_warning_of_another_world_is_not_the_articles(question: str) -> None:
    assert not answer(question).answered


@pytest.mark.parametrize("question", [
    "Le trafic HTTP entre le frontal et le principal est-il chiffré nativement, sans IPSec ?",
    "salam, où je mets NLBSFlags inchallah ?",
    "sasa, does POP3 only use Basic auth towards the back-end?",
])
def test_everyday_adverbs_and_greetings_of_other_languages_are_not_terms(question: str) -> None:
    assert answer(question).answered


@pytest.mark.parametrize(("question", "start"), [
    ("À l'étape 5, faut-il taper 1 dans les données de la valeur NLBSFlags ?", "Oui"),
    ("At step 5, do I type 1 into Value data for NLBSFlags?", "Yes"),
    ("At step 5, do I type 0 into Value data for NLBSFlags?", "No"),
])
def test_a_steps_number_is_not_the_value(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start), got.answer


def test_what_a_step_of_the_registry_procedure_does_is_answered() -> None:
    got = answer("L'étape 1 de la procédure du registre, on fait quoi exactement ?")
    assert got.answered and "regedit" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("Other than a planned move, i.e. the cluster service hanging, how long with NLBSFlags missing?", "6 minutes",
     "3 to 6 seconds"),
    ("Failover time in a non-planned scenario when the flag is NOT missing (it's set to 1)?", "2 minutes",
     "6 minutes"),
    ("how long's the ipsec failover when a BE node hangs and we *haven't* set NLBSFlags yet?", "6 minutes",
     "2 minutes"),
])
def test_a_planned_move_set_aside_and_conditions_joined_by_and(question: str, says: str, not_says: str) -> None:
    _answers_with(question, says, not_says)


@pytest.mark.parametrize(("question", "start"), [
    ("query: pop3 to back-end = basic auth only? y/n", "Yes"),
    ("imap4 passwords encrypted FE->BE without IPSec? yes/no", "No"),
    ("Port 143 pour IMAP4 dans la stratégie suggérée ?", "Oui"),
    ("le port 110 ces bien pour POP3 ?", "Oui"),
])
def test_a_verdict_asked_by_form_or_a_port_proposed_gets_yes_or_no(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start), got.answer


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("Quelle est la durée totale du basculement IPSec sans NLBSFlags ? Et avec la valeur à 1 ?", "2 minutes",
     "La valeur à saisir"),
    ("Panne pas planifiée, le flag NLBSFlags est déjà à 1 sur le frontal : temps total IPSec ?", "2 minutes",
     "6 minutes"),
    ("sans NLBSFlags = 1, le délai total IPSec après un basculement inattendu c'est quoi ?", "6 minutes",
     "2 minutes"),
])
def test_the_flags_state_said_with_its_value(question: str, says: str, not_says: str) -> None:
    _answers_with(question, says, not_says)


@pytest.mark.parametrize(("question", "says"), [
    ("```\nC:\\>cluster group \"EXVS9\" /move:NODEQ7\nMoving resource group 'EXVS9'...\n\nGroup   Node    Status\n"
     "------- ------- ------\nEXVS9   NODEQ7  Online\n```\nthat was a move, not a crash. IPSec time for this?",
     "3 to 6"),
    ("just ran this on fe02:\n```\nC:\\>reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent\\Oakley /v "
     "NLBSFlags\n    NLBSFlags    REG_DWORD    0x1\n```\nwith that in place, total IPSec failover if a node hangs?",
     "2 minutes"),
    ("```\nIP Security Monitor - FE07\nActive Security Associations: 0\nSoft Associations: 0   Flux Capacitors: 0\n"
     "```\nmin idle timer on win2k?", "5 minutes"),
])
def test_a_pasted_block_is_evidence_not_terms(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_a_pasted_block_does_not_hide_the_question_after_it() -> None:
    block = "```\n" + "\n".join(f"line {i}. done!" for i in range(40)) + "\n```\n"
    got = answer(block + "how long is a planned move?")
    assert got.answered and "3 to 6 seconds" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("On a 2003 front-end that has NLBSFlags set (not the stock config), what's the IPSec idle timer?", "1 minute",
     "5 minutes"),
    ("Sur un frontal 2003 où NLBSFlags est défini (donc pas la config d'origine), l'inactivité IPSec dure combien ?",
     "1 minute", "5 minutes"),
    ("After (not before) the NLBSFlags change, how long is idle plus IKE in total?", "2 minutes", "6 minutes"),
    ("Après (et pas avant) avoir mis NLBSFlags à 1, le basculement IPSec total dure combien ?", "2 minutes",
     "6 minutes"),
    ("NLBSFlags is not set (default): crash failover time?", "6 minutes", "about 2 minutes for"),
])
def test_a_state_named_by_what_it_is_not(question: str, says: str, not_says: str) -> None:
    _answers_with(question, says, not_says)


@pytest.mark.parametrize("question", [
    "What's the midpoint of the planned move, for my capacity spreadsheet?",
    "6 min en secondes svp (pour le seuil du monitoring)",
])
def test_what_a_figure_is_for_is_not_what_is_asked(question: str) -> None:
    assert answer(question).answered


def test_a_product_asked_about_for_a_purpose_is_still_declined() -> None:
    assert not answer("what does the article recommend for my PowerShell script?").answered


@pytest.mark.parametrize("question", [
    "oakley c quoi ? un serveur ?",
    "What is Oakley in this article?",
    "Oakley, c'est qui dans ce KB ?",
])
def test_oakley_asked_about_is_the_subkey_nlbsflags_goes_under(question: str) -> None:
    got = answer(question)
    assert got.answered and "PolicyAgent" in got.answer and not got.answer.startswith(("Oui", "Yes")), got.answer


@pytest.mark.parametrize("question", [
    "C'est quoi le meilleur modèle de lunettes Oakley pour le vélo ?",
    "What do the Oakley sunglasses cost?",
])
def test_oakley_the_brand_is_not_the_subkey(question: str) -> None:
    assert not answer(question).answered


@pytest.mark.parametrize(("question", "says"), [
    ("On a eu 4 blocages de nœud back-end ce mois-ci et NLBSFlags n'est pas défini. Combien de minutes au total ?",
     "24 minutes"),
    ("On a 4 pannes de nœud par an : combien de minutes d'interruption IPSec évitées par an avec NLBSFlags ?",
     "16 minutes"),
    ("Si un nœud se fige trois fois dans le trimestre, combien de minutes d'IPSec sans NLBSFlags ?", "18 minutes"),
])
def test_counts_of_freezes_and_blockages_and_what_the_flag_avoids(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("1 crash avant la modif (sans NLBSFlags) puis 2 crashs après (NLBSFlags=1). Temps IPSec total ?", "10 minutes"),
    ("Deux plantages avec NLBSFlags à 1 puis un plantage sans : temps IPSec cumulé ?", "10 minutes"),
    ("2 crashes without the flag and 3 crashes with it: total IPSec time?", "18 minutes"),
])
def test_crashes_counted_for_each_state_of_the_flag_are_added_up(question: str, says: str) -> None:
    got = answer(question)
    assert (got.answered and f"about {says}" in got.answer) or f"environ {says}" in got.answer, got.answer


def test_crashes_of_both_states_set_against_each_other_are_compared() -> None:
    got = answer("Three crashes without NLBSFlags vs three with: the total difference?")
    assert got.answered and "12 minutes" in got.answer, got.answer


def test_a_pair_of_node_names_without_digits_is_a_pair_of_nodes() -> None:
    got = answer("BE cluster with nodes EXA/EXB. When EXB brings the VIP online after a planned move, "
                 "what does IPSec on EXB do?")
    assert got.answered, got.answer


@pytest.mark.parametrize("question", [
    "SHA1/MD5 for ESP: which does the article recommend?",
    "TCP/UDP for IKE between FE and BE?",
    "IKE entre le frontal et le back-end, c'est en UDP ou en TCP ?",
])
def test_a_pair_of_terms_is_not_a_pair_of_nodes(question: str) -> None:
    assert not answer(question).answered


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("With NLBSFlags set to 1 rather than left unset, what's the total IPSec failover time after a node hangs?",
     "2 minutes", "6 minutes"),
    ("On a Windows Server 2003 front-end with NLBSFlags set, rather than left unset, what is the idle time?",
     "1 minute", "6 minutes"),
    ("Rather than the figure for an unmodified front-end, what total does the article give once NLBSFlags is 1?",
     "2 minutes", "6 minutes"),
])
def test_an_absence_set_aside_by_rather_than_leaves_the_flag_set(question: str, says: str, not_says: str) -> None:
    _answers_with(question, says, not_says)


@pytest.mark.parametrize(("question", "start"), [
    ("'transport mode' — is that about the Exchange transport?", "No"),
    ("which 'transport' does the KB mean — the Exchange SMTP transport?", ""),
    ("Le 'mode de transport' du résumé, j'ai cru que c'était le transport SMTP d'Exchange ?", ""),
])
def test_the_articles_transport_mode_is_not_exchanges_smtp_transport(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and "ESP" in got.answer and got.answer.startswith(start), got.answer


def test_smtp_itself_is_still_declined() -> None:
    assert not answer("does the article cover SMTP transport encryption?").answered


@pytest.mark.parametrize(("question", "says"), [
    ("if IKE took 2 minutes instead of 1, without NLBSFlags — total?", "7 minutes"),
    ("Et si IKE mettait 2 minutes au lieu d'1, avec NLBSFlags à 1, ça ferait combien au total ?", "3 minutes"),
    ("si la durée d'inactivité était de 10 minutes et qu'IKE mettait toujours 1 minute, total ?", "11 minutes"),
    ("what if the idle timer were 3 minutes instead of 5 — total?", "4 minutes"),
])
def test_a_supposed_figure_is_added_as_the_article_adds_its_own(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and ("6 minutes" in got.answer), got.answer


@pytest.mark.parametrize("question", [
    "if the idle timer is 5 minutes, what's the total without NLBSFlags?",
    "if Exchange took 90 seconds, what's the total without NLBSFlags?",
])
def test_the_articles_own_figures_or_exchanges_time_are_not_supposed(question: str) -> None:
    got = answer(question)
    assert got.answered and "Supposing" not in got.answer, got.answer


def test_a_condition_written_with_an_equals_sign_is_no_yes_no() -> None:
    got = answer("exchange takes 3 min, total with nlbsflags=1?")
    assert got.answered and "5 minutes" in got.answer and not got.answer.startswith(("No", "Yes")), got.answer


def test_a_flag_set_already_holds_for_the_questions_after_it() -> None:
    got = answer("we set NLBSFlags already; how long for an unplanned failover? and for a planned move?")
    assert got.answered and "2 minutes" in got.answer and "not set" not in got.answer, got.answer


@pytest.mark.parametrize("question", ["%s%s%n %x {0} {__class__}", "%d%d%d?"])
def test_printf_directives_are_not_percentages(question: str) -> None:
    assert not answer(question).answered


def test_how_many_percent_is_a_percentage_not_a_count() -> None:
    got = answer("how many % faster with NLBSFlags?")
    assert got.answered and "67 %" in got.answer, got.answer


def test_the_answer_echoes_the_question_as_written_addresses_included() -> None:
    question = "SA with 10.0.0.5 deleted, FE01 (10.0.0.1): how long for a planned move?"
    got = answer(question)
    assert got.answered and got.question == question, got.question


@pytest.mark.parametrize(("question", "says", "start"), [
    ("what's the key name again?", "PolicyAgent", ""),
    ("what if the cluster service hangs on the backend node?", "idle", ""),
    ("la clé nlbsflags s'applique au contrôleur de domaine ?", "frontal", "Non"),
    ("do I set it on both nodes of the backend cluster?", "front-end", "No"),
])
def test_the_newcomers_everyday_questions(question: str, says: str, start: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and got.answer.startswith(start), got.answer
