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



def test_a_pasted_threads_times_and_authors_are_not_read() -> None:
    got = answer("[18:10] bastien.c: 3 plantages de nœud ce mois-ci, NLBSFlags pas encore posé\n"
                 "[18:11] bastien.c: faut que je chiffre l'indispo IPSec pour le rapport\n"
                 "@kb-bot ça fait combien au total ?")
    assert got.answered and "18 minutes" in got.answer, got.answer


def test_a_colleagues_question_in_a_pasted_thread_is_not_the_askers() -> None:
    got = answer("[09:30] julien.r: on part sur quoi pour l'authent entre les frontaux et le cluster ?\n"
                 "[09:32] sophie.d: faut une PKI ?\n"
                 "@kb-bot faut-il des certificats d'une autorité de certification pour IPSec ici ?")
    assert not got.answered and "Kerberos" not in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("[16:05] nico.p: c'est quoi le numéro de la KB « IPSec n'est pas conçu pour le basculement » ?\n"
     "@kb-bot tu sais laquelle c'est ?", "306677"),
    ("> where does the NLBSFlags value go?\ncan you answer that?", "PolicyAgent"),
    ("[2:14 PM] dave: how long does a planned move take with IPSec?\n@oakley do you know that one?", "3 to 6"),
])
def test_a_quoted_question_referred_back_to_is_asked(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_an_email_address_is_not_a_name() -> None:
    got = answer("ops@example.com asks: where does NLBSFlags go?")
    assert got.answered and "PolicyAgent" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("sans NLBSFlags sa prend combien de tant kan le noeud plante ?", "6 minutes"),
    ("koman on sait ou mettre NLBSFlags ? c koi la clé ?", "PolicyAgent"),
    ("kel valeur pour NLBSFlags ?", "1"),
    ("kel est le nom du protocole qui renégocie dans l'article et kel port il utilise ?", "IKE"),
])
def test_french_spelt_as_said_is_read(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("si Exchange met quarante-cinq secondes à récupérer, un déplacement planifié fait combien au total ?", "48"),
    ("exchange takes twenty five seconds to come back after a planned move: total?", "28"),
    ("is IPSec supported on a windows two thousand cluster?", "306677"),
    ("what does kb three oh six six seven seven say, per this article?", "306677"),
])
def test_numbers_said_in_words_are_figures(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_a_windows_version_said_in_words_is_named_back() -> None:
    got = answer("does this work on a windows server two thousand eight cluster?")
    assert not got.answered and "2008" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("what happens during a node crash if the registry change hasn't been made yet?", "6 minutes", "2 minutes"),
    ("que se passe-t-il au basculement inattendu si NLBSFlags est à 1 ?", "2 minutes", "6 minutes"),
    ("Si c'est pas une panne mais juste un déplacement à la main, ça coupe combien ?", "3", "6 minutes"),
    ("if the failover is NOT planned (the node just dies) rather than a manual move: seconds or minutes?",
     "6 minutes", "3 to 6 seconds"),
    ("the group was moved by hand rather than after a crash: how long for IPSec?", "3 to 6 seconds", "6 minutes"),
])
def test_the_case_denied_or_set_aside_is_not_answered(question: str, says: str, not_says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and not_says not in got.answer, got.answer


def test_before_the_change_then_after_it_gives_both_totals() -> None:
    got = answer("Durée totale de basculement IPSec avant la modification du Registre, puis après avoir mis "
                 "NLBSFlags à 1 ?")
    assert "6 minutes" in got.answer and "2 minutes" in got.answer, got.answer


@pytest.mark.parametrize(("question", "start"), [
    ("Does NLBSFlags=1 cut the IPSec part of an unplanned failover to 2 minutes?", "Yes"),
    ("Est-ce que NLBSFlags à 1 réduit le basculement non planifié à 2 minutes ?", "Oui"),
    ("NLBSFlags brings a crash's IPSec time down to 3 minutes, right?", "No"),
    ("Does NLBSFlags cut the unplanned failover by 4 minutes?", "Yes"),
    ("NLBSFlags réduit le basculement inattendu de 2 minutes ?", "Non"),
])
def test_down_to_a_time_is_the_result_by_a_time_is_the_saving(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start), got.answer


@pytest.mark.parametrize(("question", "start"), [
    ("are OWA users' passwords safe on the wire between the FE and the BE?", "Yes"),
    ("les mots de passe OWA sont-ils en sécurité entre frontal et principal ?", "Oui"),
    ("are POP3 passwords safe between FE and BE?", "No"),
])
def test_whether_passwords_are_safe_is_whether_they_are_protected(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start), got.answer


@pytest.mark.parametrize(("question", "start"), [
    ("Il demande si c'est pris en charge sur un cluster Windows 2000.", "Non"),
    ("Elle veut savoir si POP3 ne peut utiliser que l'authentification de base vers le back-end.", "Oui"),
    ("She wants to know whether NLBSFlags goes on the back-end.", "No"),
    ("My manager asks if a planned move takes minutes.", "No"),
    ("Yes or no: NLBSFlags goes on the front-end server?", "Yes"),
    ("NLBSFlags, ça va sur le back-end, oui ou non ?", "Non"),
])
def test_a_reported_or_announced_yes_no_question_gets_its_verdict(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start), got.answer


def test_a_reported_wh_question_is_not_a_yes_no() -> None:
    got = answer("he asks how long a planned move takes")
    assert got.answered and not got.answer.startswith(("Yes", "No")), got.answer


def test_ne_pas_denies_the_crash() -> None:
    got = answer("Si le nœud ne plante pas et qu'on déplace juste le groupe à la main, ça coupe combien ?")
    assert got.answered and "3 à 6 secondes" in got.answer and "6 minutes" not in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("no time mate, just the one number i type into the NLBSFlags value data box", "1"),
    ("Why is there a big scary warning about the registry in this one?", "back up"),
    ("pourquoi l'article met un avertissement sur le registre ?", "sauvegard"),
])
def test_the_value_typed_and_the_warnings_reason(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_what_the_front_end_believes_is_the_crash_scenario() -> None:
    got = answer("Le frontal croit qu'il a encore un lien sécurisé : il pense à quoi, et comment il s'en rend compte ?")
    assert got.answered and "inactivité" in got.answer, got.answer


def test_who_is_the_best_team_is_declined() -> None:
    assert not answer("C'est qui le meilleur, Anderlecht ou le Standard ? (le Standard Edition compte pas)").answered


@pytest.mark.parametrize("question", [
    "The front-end can't use SSL or TLS to the back-end, so how does HTTP avoid sending passwords in the clear?",
    "Le frontal ne peut pas faire de SSL vers le back-end. Alors comment HTTP évite d'envoyer les mots de passe "
    "en clair ?",
])
def test_given_no_ssl_how_http_keeps_passwords_is_its_authentication(question: str) -> None:
    got = answer(question)
    assert got.answered and "Kerberos" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says", "names"), [
    ("IKE port, ESP protocol number, unplanned failover time w/ NLBSFlags", "2 minutes", "IKE"),
    ("Clé de registre, type de valeur, et donnée à saisir pour NLBSFlags ?", "PolicyAgent", "REG_DWORD"),
    ("planned move duration + typical Exchange 2003 recovery time?", "3 to 6 seconds", "Exchange"),
    ("Auth HTTP frontal → principal ? Et comment activer l'authentification Windows intégrée dans IIS ?",
     "Kerberos", "IIS"),
])
def test_each_item_of_a_list_is_answered_or_declined_by_name(question: str, says: str, names: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and names in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "Which main mode encryption algorithm, 3DES or DES, does the article recommend?",
    "Pour la 3e stratégie, LDAP, Kerberos, RPC et le GC, c'est quels numéros de port ?",
    "Roughly how much CPU overhead, in %, does ESP encryption add on the back-end nodes?",
])
def test_commas_inside_one_question_do_not_make_a_list(question: str) -> None:
    assert not answer(question).answered


@pytest.mark.parametrize("question", [
    "For IKE authentication between FE and BE, certificates or Kerberos? What does the article recommend?",
    "la durée de vie des SA en quick mode c'est combien ? genre le rekey toutes les combien ?",
    "Ça coûte combien en CPU, en pourcentage, d'activer IPSec ESP entre le frontal et le back-end ?",
    "comment on configure l'équilibrage de charge réseau (NLB) sur les serveurs frontaux ?",
])
def test_a_follow_up_of_what_the_article_lacks_is_declined_with_it(question: str) -> None:
    assert not answer(question).answered


def test_a_follow_up_naming_a_subject_of_the_article_is_answered() -> None:
    got = answer("Does this work over IPv6? And how long is an unplanned failover with NLBSFlags?")
    assert got.answered and "2 minutes" in got.answer and "IPv6" in got.answer, got.answer


@pytest.mark.parametrize(("question", "start", "says"), [
    ("quand le nœud tombe et que NLBSFlags vaut 1, ça prend combien ?", "", "2 minutes"),
    ("what time was the kb last updated", "", "2007"),
    ("does the flag get the unplanned ipsec failover down to 2 min?", "Yes", "set to 1"),
    ("On tape bien 0 dans NLBSFlags ?", "Non", "1"),
    ("type 1 into NLBSFlags, right?", "Yes", "1"),
    ("worst case, how long's my FE gonna sit there after a BE node croaks if I never touched the registry?", "",
     "6 minutes"),
])
def test_conditions_dates_and_typed_values(question: str, start: str, says: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start) and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Sur un an, avec un basculement inattendu par mois, combien de minutes économise-t-on grâce à NLBSFlags ?",
     "48 minutes"),
    ("De combien de secondes la durée d'inactivité est-elle réduite quand elle passe de 5 minutes à 1 minute ?",
     "240 secondes"),
    ("Combien de stratégies IPSec l'article suggère-t-il dans la section « Création d'une stratégie IPsec » ?", "3"),
])
def test_french_spans_differences_and_section_names(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_generating_a_password_is_declined() -> None:
    assert not answer("generate a strong random password for my Exchange admin account").answered


@pytest.mark.parametrize(("question", "start"), [
    ("Vrai ou faux : sans IPSec, les mots de passe POP3 ne sont pas protégés entre le frontal et le principal.",
     "Oui"),
    ("POP3 passwords are not protected between FE and BE, right?", "Yes"),
    ("aren't POP3 passwords protected between FE and BE?", "No"),
    ("HTTP passwords are not protected FE to BE, right?", "No"),
    ("Sur un Windows 2000 Server en cluster (donc pas en non-clusterisé), le scénario est-il pris en charge ?", "Non"),
    ("the fr version says « mode principal » — that's the back-end server, right?", "No"),
])
def test_negative_claims_and_denied_cases_get_the_right_verdict(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start), got.answer


def test_what_the_idle_timer_is_for_in_this_scenario() -> None:
    got = answer("à quoi sert le minuteur d'inactivité d'IPSec dans ce scénario de cluster ?")
    assert got.answered and "inactivité" in got.answer, got.answer


@pytest.mark.parametrize(("question", "start", "says"), [
    ("If Exchange 2003 recovery itself takes 90 seconds, what is the total failover time without NLBSFlags?", "",
     "7 minutes 30 seconds"),
    ("sous win2000 sans cluster ipsec frontal back end c supporte", "Oui", ""),
    ("ms supporte le mode transport esp pour exchange 2003 en cluster ?", "Oui", ""),
    ("le serveur principal dont parle l'article c le frontal ?", "Non", ""),
    ("nlbsflags a 0 c bon ?", "Non", "1"),
])
def test_chat_french_claims_and_given_recovery_times(question: str, start: str, says: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start) and says in got.answer, got.answer


@pytest.mark.parametrize(("text", "negated"), [
    ("i dont know where NLBSFlags goes", True),
    ("le serveur dont parle l'article", False),
])
def test_dont_is_dont_in_english_and_a_relative_in_french(text: str, negated: bool) -> None:
    from kb.text import tokenize

    assert ("not" in tokenize(text)) is negated


@pytest.mark.parametrize(("question", "lang"), [
    ("meteo a lyon demain", "fr"),
    ("summarize yesterday's cricket match for me", "en"),
])
def test_weather_and_sport_are_declined_in_the_askers_language(question: str, lang: str) -> None:
    got = answer(question)
    assert not got.answered and got.lang == lang, got


@pytest.mark.parametrize(("question", "says"), [
    ("What value goes into NLBSFlags, is it a REG_DWORD, and do we need a reboot afterwards?", "1 (one)"),
    ("During a planned move, where does the virtual IP go, and in what order?",
     "programmatically removed from the first node"),
])
def test_a_yes_no_after_a_comma_and_the_vips_way_are_answered(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_a_wh_question_continued_after_a_comma_stays_one() -> None:
    assert not answer("What IPSec quick mode SA lifetime, in minutes or kilobytes, should we configure on the "
                      "front-end policy?").answered


@pytest.mark.parametrize(("question", "answered", "says"), [
    ("Sous Windows 2000, même sans clé NLBSFlags possible, l'inactivité ne descend pas en dessous de combien ?",
     True, "5 minutes"),
    ("what's the Windows 2000 equivalent reg value to get the idle timer below 5 min?", False, ""),
    ("the SA state isn't just left dangling in a planned move, is it? what happens to it?", True, "cleanly"),
])
def test_the_floor_of_the_idle_timer_is_not_a_setting(question: str, answered: bool, says: str) -> None:
    got = answer(question)
    assert got.answered is answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "answered", "says"), [
    ("Does the article mention AH?", False, "AH (Authentication Header)"),
    ("Is AH supported?", False, "nothing about AH (Authentication Header)"),
    ("Le mode tunnel avec AH, c'est bien ce que Microsoft supporte ici ?", True, "Non"),
    ("can u explain the firewall single port thing", True, "Reason 3"),
    ("How long does failover take on a Windows 2000 front-end after a crash?", True, "6 minutes"),
])
def test_newcomer_tour_round_14(question: str, answered: bool, says: str) -> None:
    got = answer(question)
    assert got.answered is answered and says in got.answer, got.answer
    assert not got.answer.startswith(("Yes", "Oui")) or "AH" not in question


def test_a_stated_condition_before_a_joiner_is_not_declined_as_a_part() -> None:
    got = answer("Avec 4 plantages par mois et NLBSFlags=1, combien de minutes d'indisponibilité IPSec par mois ?")
    assert got.answered and "8 minutes" in got.answer and "Quant à" not in got.answer, got.answer


def test_a_request_opened_with_can_you_is_not_a_yes_no() -> None:
    got = answer("can you explain the firewall single port thing")
    assert not got.answer.startswith("Yes"), got.answer


@pytest.mark.parametrize(("question", "start", "says"), [
    ("le frontal ne peut pas faire de SSL vers le back-end — donc sans IPSec, le trafic HTTP entre les deux est "
     "chiffré ?", "Non", ""),
    ("the FE can't do SSL to the BE, so without IPSec the HTTP traffic is encrypted?", "No", ""),
    ("Les stratégies IPSec décrites sont-elles obligatoires selon l'article ?", "Non", "Stratégie suggérée"),
    ("la clé (pas une clé de chiffrement hein) qu'on modifie dans le registre, c'est où ?", "", "PolicyAgent"),
])
def test_claims_after_so_suggested_policies_and_where_the_key_is(question: str, start: str, says: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start) and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("de combien de pourcents NLBSFlags réduit le basculement, à une décimale près ?", "66,7 %"),
    ("to one decimal, what percentage of the 6 minutes is the idle timer?", "83.3 %"),
    ("By what percentage does NLBSFlags cut the IPSec failover time?", "67 %"),
])
def test_percentages_are_whole_unless_decimals_are_asked(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_what_the_front_end_still_believes_gets_oui() -> None:
    got = answer("quand le nœud plante, le frontal croit encore être connecté en sécurisé ?")
    assert got.answered and got.answer.startswith("Oui"), got.answer


@pytest.mark.parametrize("question", [
    "Can I set NLBSFlags to -1 to make failover even faster than 2 minutes? Asking purely scientifically.",
    "NLBSFlags = -1 ?",
])
def test_a_negative_nlbsflags_value_is_not_the_articles(question: str) -> None:
    got = answer(question)
    assert not got.answered and "-1" in got.answer, got.answer


def test_a_recap_heading_does_not_turn_its_items_into_a_summary() -> None:
    got = answer("**Auth recap:**\n- what does the FE use for HTTP to the BE?\n- what about POP3?")
    assert got.answered and "Kerberos" in got.answer and "Basic" in got.answer, got.answer
