"""Long stories, claims to check and requests to sum up (classes found on fresh question sets).

Each case is one of a class: the phrasings here are written for the test, not
copied from the question sets the engine was tuned on.
"""

from __future__ import annotations

import pytest

from kb.engine import answer


@pytest.mark.parametrize(("question", "says"), [
    # a back-end node or the Cluster service fails; that OWA "was dead" is what users saw
    ("Story: node 2 of our BE cluster froze overnight and OWA was down for ages. How long is IPSec's share of that?",
     "6 minutes"),
    ("Hier soir le service de cluster a planté sur le nœud A, OWA était mort. Combien de temps pour IPSec ?",
     "6 minutes"),
    # "X. Tu peux me résumer ?": the statement is what is to be summed up
    ("My manager wants the manual group move with IPSec documented. Can you sum that up?", "3 to 6"),
    ("Demande du RSSI : « le comportement d'IPSec quand le nœud plante ». Tu peux résumer ?", "inactivité"),
    # "…, et après ?" after a state: the other state
    ("Before the registry change, how long was the failover? And after?", "2 minutes"),
    ("Avant de toucher au registre, le basculement prenait combien, et après ?", "2 minutes"),
    # "which box/machine do I touch": where NLBSFlags goes
    ("for the change form: which box do we actually edit?", "front-end"),
    ("on touche quelle machine pour raccourcir la renégociation ?", "frontal"),
    # a list head before "(1)" asks its items
    ("Three things: (1) which subkey holds NLBSFlags, (2) what data goes in it, (3) is a reboot needed?",
     "PolicyAgent"),
])
def test_the_question_inside_the_story_is_answered(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "start"), [
    # a change written "from X to Y": the two states' idle timers, in order
    ("With NLBSFlags the idle timer goes from 5 minutes to 1 minute, correct?", "Yes"),
    ("NLBSFlags fait passer l'inactivité de 5 à 1 minute, c'est bien ça ?", "Oui"),
    ("NLBSFlags takes the idle timer from 1 minute to 5 minutes, right?", "No"),
    # the front-end cannot use SSL to the back-end: the claim holds; asked as "can't it just…?", it cannot
    ("Heard the front-end can't use SSL towards the back-end. Really?", "Yes"),
    ("le frontal ne peut pas chiffrer en SSL vers le back-end, vrai ?", "Oui"),
    ("Can't the front-end simply use TLS to the back-end?", "No"),
])
def test_a_claim_is_checked_as_written(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start), got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("How many times longer is a crash without the flag than a planned move, best and worst case?", "60 to 120"),
    ("En secondes, l'écart entre un crash avec le flag et un déplacement planifié au mieux, combien ?", "117"),
    ("We had 4 back-end node failures this year, flag not set. IPSec total?", "24 minutes"),
    ("Le temps sans NLBSFlags, c'est combien de fois celui avec ?", "3 fois"),
    ("Réduction en % grâce à NLBSFlags (de 6 à 2 min) ?", "67 %"),
    ("take the flagged 2-minute figure: how many times longer is it than the fastest planned move?", "40 times"),
    ("Our SLA allows 4 min per outage and Exchange needs 1 min. A node hang with the flag: inside it?", "under"),
    ("2 pannes non planifiées sans NLBSFlags et 4 déplacements planifiés : temps IPSec cumulé ?", "12 minutes 12"),
    ("In seconds: the Windows 2000 minimum idle time minus the flagged Windows Server 2003 one?", "240 seconds"),
    ("the failover was not done on purpose and the flag is 1 on the FE: the IPSec bit only?", "2 minutes"),
    ("for the SLA sheet, the IPSec piece of a node hang after the tuning?", "2 minutes"),
])
def test_computations_read_their_cases(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "names"), [
    ("Which of Windows' built-in default IPSec policies does the article pick?", "default policies"),
    ("Quelles sont les stratégies IPSec par défaut livrées avec Windows 2003 ?", "par défaut"),
    ("Any other valid NLBSFlags values besides 1?", "other NLBSFlags values"),
    ("NLBSFlags vaut quoi par défaut si la valeur n'existe pas ?", "par défaut"),
    ("Could we bring the idle timer down to 20 seconds instead?", "idle timer itself"),
    ("Sous Windows 2000, quelle clé règle le minuteur d'inactivité ?", "minuteur d'inactivité lui-même"),
    ("Tunnel versus transport mode in IPSec, in general: what's the difference?", "tunnel mode"),
    ("De quel groupe AD faut-il être membre pour modifier la clé Oakley ?", "autorisations"),
    ("ma partie de Pokémon a planté, tu peux m'aider ?", "Pokémon"),
])
def test_what_the_article_never_gives_is_declined_by_name(question: str, names: str) -> None:
    got = answer(question)
    assert not got.answered and names in got.answer, got.answer


def test_a_part_pointing_back_with_which_one_is_declined_with_the_part_before() -> None:
    got = answer("What are the built-in default IPSec policies, and which one should the FE get?")
    assert not got.answered and "default policies" in got.answer, got.answer


def test_a_cert_study_guide_is_a_certification_not_a_certificate() -> None:
    got = answer("my cert study guide is unclear: which Windows gets the auto-reduced idle time, and down to what?")
    assert got.answered and "1 minute" in got.answer and "Windows Server 2003" in got.answer, got.answer


def test_a_front_end_failure_is_still_the_front_ends() -> None:
    for question in ("the FE node crashed, how long for IPSec?", "si un nœud FE meurt, combien pour IPSec ?"):
        got = answer(question)
        assert not got.answered and ("front-end" in got.answer or "frontal" in got.answer), got.answer


@pytest.mark.parametrize("question", [
    "The French KB keeps saying 'serveur principal'. Does that mean the active cluster node?",
    "Dans la traduction on lit « serveur principal » partout. C'est le nœud primaire du cluster, ça ?",
])
def test_a_term_named_in_a_statement_is_what_the_next_question_points_back_to(question: str) -> None:
    got = answer(question)
    assert got.answered and "back-end" in got.answer and "principal" in got.answer, got.answer


def test_en_rapport_avec_is_related_to_not_a_ratio() -> None:
    got = answer("le « mode principal » de l'article, c'est en rapport avec le serveur principal ?")
    assert got.answered and got.answer.startswith("Non") and "IKE" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Sans IPSec, qu'est-ce qui reste pas protégé pour IMAP4 entre FE et BE ?", "mots de passe"),
    ("without IPSec, what is left unprotected between the FE and the BE?", "passwords"),
    ("Quand le nœud se fige sans nettoyer ses SA, le frontal se fie à quoi pour le remarquer ?", "inactivité"),
    ("Sans compter la récup d'Exchange, côté IPSec on est à combien avec la valeur à 1 ?", "2 minutes"),
    ("d'où sortent les 6 minutes sans NLBSFlags ?", "5 minutes"),
    ("the total failover time is made up of what, per the KB?", "renegotiate"),
    ("Le client dit que le trafic est déjà en HTTPS, pourquoi chiffrer entre frontal et back-end ? Je réponds quoi ?",
     "SSL"),
    ("my colleague says MS never supported IPSec to clustered Exchange 2003 back-ends. Settle it?", "transport mode"),
    ("aye, the BE node hung, took aboot 6 min tae come back wi IPSec. that normal?", "6 minutes"),
    ("le réglage du registre fait passer le crash de combien à combien ?", "6 minutes"),
])
def test_fresh_phrasings_of_known_answers(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_a_wh_question_after_a_scene_clause_is_not_a_yes_no() -> None:
    for question in ("Sans IPSec, qu'est-ce qui passe en clair ?", "d'où viennent les 2 minutes avec NLBSFlags ?"):
        got = answer(question)
        assert got.answered and not got.answer.startswith(("Oui", "Non")), got.answer


@pytest.mark.parametrize(("question", "start"), [
    ("Is a planned move a matter of seconds rather than minutes?", "Yes"),
    ("Un crash sans NLBSFlags, ça se compte en secondes plutôt qu'en minutes ?", "Non"),
    ("Dans Données de la valeur, je tape bien 1 ?", "Oui"),
    ("Note d'audit : « 6 minutes = 5 minutes d'inactivité + 1 minute d'IKE ». Exact ?", "Oui"),
    ("Avec NLBSFlags, la minute de mode principal IKE disparaît-elle ?", "Non"),
    ("with the flag set, does IKE's one minute vanish too?", "No"),
])
def test_yes_no_claims_about_units_sums_and_what_stays(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start), got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Runbook step: « speed up IPSec renegotiation on the front-end ». What do I put, and where?", "NLBSFlags"),
    ("during those few seconds of a manual move, what's going on between the FE and the node?", "virtual IP"),
    ("what has 'Oakley' got to do with our front-end servers?", "PolicyAgent"),
    ("Quiz time! Which traffic does the KB include if you encrypt everything between FE, BE and DCs?", "LDAP"),
])
def test_a_question_reads_in_the_scene_before_it(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_oakley_sunglasses_stay_declined() -> None:
    got = answer("are Oakley sunglasses any good for cycling?")
    assert not got.answered, got.answer


@pytest.mark.parametrize("question", [
    "which key do I change? the registry key I mean, not an IKE key",
    "quelle clé je modifie ? la clé de registre je veux dire, pas une clé IPSec pré-partagée",
])
def test_a_thing_set_aside_with_not_is_not_what_is_asked(question: str) -> None:
    got = answer(question)
    assert got.answered and "PolicyAgent" in got.answer, got.answer


def test_not_before_a_predicate_keeps_its_meaning() -> None:
    got = answer("In which Windows 2000 setup is IPSec between FE and BE not supported?")
    assert got.answered and "cluster" in got.answer, got.answer


def test_a_product_set_aside_with_not_still_declines_when_nothing_else_is_asked() -> None:
    got = answer("Does the FE need PowerShell, not a pre-shared key?")
    assert not got.answered, got.answer


def test_two_things_asked_as_noun_phrases_are_two_parts() -> None:
    got = answer("The regedit steps, and the default value of NLBSFlags when it is missing?")
    assert got.answered and "regedit" in got.answer and "default" in got.answer, got.answer


def test_a_follow_up_asking_its_own_protocols_authentication_does_not_carry_ssl() -> None:
    got = answer("Can the FE encrypt to the BE with TLS? And if not, how is HTTP authenticated?")
    assert got.answered and "SSL" in got.answer and "Kerberos" in got.answer, got.answer
    got = answer("what auth does HTTP use FE->BE, and what about POP3?")
    assert got.answered and "Kerberos" in got.answer and "Basic" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("so that oakley reg key, does it speed things up at all?", "2 minutes"),
    ("if the FE should drop a dead SA faster after a node hangs, what does the KB say to do?", "NLBSFlags"),
    ("Au pire sous Windows 2000, l'inactivité IPSec ne descend pas sous combien ?", "5 minutes"),
    ("the firewall bullet with the one port: why does the article bring it up?", "firewall"),
])
def test_idioms_of_effect_worst_case_and_reason(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says", "start"), [
    ("Is failover with NLBSFlags slower than 1 minute?", "over a limit of 1 minute", "Yes"),
    ("With Exchange at 1 minute, is failover without NLBSFlags quicker than 5 minutes?", "7 minutes", "No"),
    ("Le basculement sans NLBSFlags est-il plus rapide que 5 minutes si Exchange met 1 minute ?", "7 minutes", "Non"),
    ("Can I use Kerberos for POP3 to the back-end?", "Basic", "No"),
    ("On peut utiliser NTLM pour IMAP4 vers le back-end ?", "de base", "Non"),
])
def test_faster_than_is_a_bound_and_kerberos_for_pop3_is_its_authentication(question: str, says: str,
                                                                           start: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and got.answer.startswith(start), got.answer


def test_how_many_times_faster_than_a_figure_is_a_ratio_not_a_bound() -> None:
    got = answer("How many times faster than the flagged 2 minutes is the fastest planned move?")
    assert got.answered and "40" in got.answer, got.answer


def test_a_follow_up_saying_the_value_is_not_set_asks_that_case() -> None:
    got = answer("How long with NLBSFlags, and how long if it is not set?")
    assert got.answered and "2 minutes" in got.answer and "6 minutes" in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "Where does NLBSFlags go, and what about <https://evil.example|frobnicator>?",
    "see <https://support.microsoft.com/kb/821839>: where does NLBSFlags go?",
    "per https://support.microsoft.com/kb/821839 where does NLBSFlags go?",
])
def test_slack_links_are_read_by_their_label_and_bare_addresses_name_nothing(question: str) -> None:
    got = answer(question)
    assert got.answered and "PolicyAgent" in got.answer and "<" not in got.answer and "://" not in got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("BE node hangs, FE w/o NLBSF. how long for IPSec to reconverge?", "6 minutes"),
    ("le truc Oakley, on le tripote sur quelle machine ?", "frontal"),
    ("what do I have to run on the FE to make the change?", "regedit"),
    ("do I need to port the NLBSFlags setting over to the back-end nodes too?", "front-end"),
    ("Le nœud n'a pas été arrêté volontairement, il a planté. Avec la valeur à 1, l'inactivité dure combien ?",
     "1 minute"),
    ("On passe bien de 6 à 2 minutes de bascule IPsec avec NLBSFlags à 1 ?", "Oui"),
    ("L'inactivité passe de 5 à 1 minute : une réduction de combien de secondes ?", "240"),
    ("De combien de pourcents NLBSFlags réduit le temps IPSec d'un crash ?", "67 %"),
])
def test_more_fresh_phrasings(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "names"), [
    ("what does KB 248346 recommend for NLB and L2TP?", "not what they say"),
    ("Exchange 2003 met combien de temps lui-même à récupérer ?", "récupération d'Exchange 2003 lui-même"),
    ("NLB ou cluster de serveurs pour nos back-ends, lequel choisir ?", "pas lequel choisir"),
    ("how many nodes max in an Exchange 2003 cluster?", "cluster sizes"),
    ("how do I set up SSL for browser clients on the OWA front-end?", "client-side SSL"),
])
def test_neighbours_of_the_article_are_declined_with_their_reason(question: str, names: str) -> None:
    got = answer(question)
    assert not got.answered and names in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("How many minutes per crash do we win back with NLBSFlags on the FE?", "4 minutes"),
    ("Which key do I need on the front-end to make IPSec failover faster?", "PolicyAgent"),
    ("Exchange recovery is 30 seconds and NLBSFlags is 1. Total in seconds and in m:ss?", "150 seconds"),
    ("It wasn't an unplanned failover. How many seconds until the new SAs exist?", "3 to 6 seconds"),
])
def test_win_back_a_key_for_speed_a_clock_format_and_a_denied_crash(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_a_planned_move_under_a_bound_gets_yes_with_exchange_on_top() -> None:
    got = answer("Is a planned move faster than 10 seconds?")
    assert got.answered and got.answer.startswith("Yes") and "Exchange" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("the 'transport' in the summary: Exchange transport (SMTP) or something IPSec?", "transport mode ESP"),
    ("'transport' here: transport mode, or the SMTP transport?", "transport mode ESP"),
    ("which 'key' does the KB mean, an encryption key or a registry key? give me the path", "PolicyAgent"),
])
def test_a_homonym_told_apart_with_or_gets_the_articles_side(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "PowerShell or regedit to set NLBSFlags?",
    "should IKE authenticate with Kerberos or with certificates?",
])
def test_a_choice_with_a_product_the_article_lacks_is_still_declined(question: str) -> None:
    got = answer(question)
    assert not got.answered, got.answer
