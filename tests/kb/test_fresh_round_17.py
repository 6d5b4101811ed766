"""Classes found on the question sets of the seventeenth round (dev97–dev102).

Each case is one of a class: the phrasings are written for the test, not copied
from the question sets the engine was tuned on.
"""

from __future__ import annotations

import pytest

from kb.engine import answer
from tests.kb.asking import answered_saying, answered_saying_not, answered_starting, declined


@pytest.mark.parametrize(("question", "says", "gap"), [
    ("quel est le type de la valeur NLBSFlags (REG_DWORD ?) et le chemin complet ?", "PolicyAgent", "ne précise pas"),
    ("Donne-moi la sous-clé de Registre, le type de NLBSFlags et sa valeur par défaut.", "PolicyAgent",
     "ne précise pas"),
    ("what's the registry type of NLBSFlags and the full path?", "PolicyAgent", "does not state"),
])
def test_a_declined_thing_joined_to_an_answered_one_is_answered_part_by_part(question: str, says: str,
                                                                            gap: str) -> None:
    # the whole message was declined: the type (a gap) took the path with it
    answered_saying(question, says, gap)


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("Sans aucune modification du Registre, au bout de combien de minutes IPSec revient-il après un plantage ?",
     "6 minutes", "2 minutes"),
    ("Avant même d'avoir touché au Registre, quelle durée totale côté IPSec si un nœud dorsal plante ?",
     "6 minutes", "2 minutes avec"),
    ("if we DID apply the reg fix, how long does IPSec need after a BE node hangs?", "2 minutes", "6 minutes"),
    ("once we apply the registry tweak, how long is the IPSec outage when a node dies?", "2 minutes", "6 minutes"),
])
def test_the_registry_change_named_by_other_words_sets_the_case(question: str, says: str, not_says: str) -> None:
    answered_saying_not(question, says, not_says)


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
    answered_saying(question, says)


@pytest.mark.parametrize(("question", "says"), [
    ("Combien de secondes dure le basculement inopiné sans NLBSFlags ?", "360"),
    ("Et si le basculement n'est pas inopiné, mais qu'on déplace le groupe nous-mêmes, quel délai pour IPSec ?",
     "3 à 6 secondes"),
    ("Auriez-vous l'obligeance de m'indiquer la sous-clé de NLBSFlags ?", "PolicyAgent"),
    ("Howya, which value goes into NLBSFlags?", "1"),
    ("Cet article est si bancal, avec ses phrases boiteuses : c'est une traduction automatique ?",
     "traduction automatique"),
])
def test_ordinary_words_are_not_named_as_terms(question: str, says: str) -> None:
    # "inopiné", "obligeance", "bancal" were named back as terms the article does not know
    answered_saying(question, says)


@pytest.mark.parametrize(("question", "starts"), [
    ("Pour mon dossier, pourriez-vous m'exprimer en secondes le basculement inopiné avec NLBSFlags ?", "Après"),
    ("For my table, could you convert the unplanned failover time without NLBSFlags to seconds?", "After"),
])
def test_a_polite_request_after_a_frame_gets_no_verdict(question: str, starts: str) -> None:
    answered_starting(question, starts)


@pytest.mark.parametrize(("question", "starts"), [
    ("Sur Windows 2000 hors cluster c'est supporté, mais sur un cluster Windows 2000 alors ?", "Non"),
    ("on a Windows 2000 cluster it's not supported, but standalone it is?", "Yes"),
    ("sur un cluster Windows 2000 c'est pas pris en charge, mais hors cluster oui ?", "Oui"),
    ("Is IPSec FE/BE supported on a Windows 2000 server cluster?", "No"),
])
def test_the_case_after_a_but_is_the_one_asked(question: str, starts: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(starts), got.answer
    assert "non-clustered" in got.answer or "non clusterisé" in got.answer, got.answer


def test_a_windows_version_is_not_the_articles_revision() -> None:
    got = answer("which win version is NOT supported when clustered?")
    assert got.answered and "support.windows2000" in got.facts and "1.4" not in got.answer, got.answer


@pytest.mark.parametrize(("question", "gap"), [
    ("which ports does policy 1 use, and what UDP port does IKE need open?", "the article does not say"),
    ("quels ports pour la stratégie 1 ? et IKE, il utilise quel port UDP ?", "l'article ne précise pas"),
])
def test_a_part_the_article_does_not_cover_says_so_in_plain_words(question: str, gap: str) -> None:
    answered_saying(question, "110", gap)


@pytest.mark.parametrize("question", [
    "ds la boîte Exécuter je tape quoi pour changer le délai de basculement ?",
    "what do I type into the Run box?",
    "Dans la zone Ouvrir, je tape quoi ?",
])
def test_the_run_box_is_step_two(question: str) -> None:
    answered_saying(question, "regedit")


def test_where_to_open_registry_editor_is_still_the_front_end() -> None:
    got = answer("le truc avec démarrer exécuter, c'est sur quelle machine qu'on le fait ?")
    assert got.answered and "frontal" in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "why doesn't the front end notice right away that the back-end node is gone when it hangs?",
    "pourquoi le frontal ne voit-il pas tout de suite que le nœud back-end a planté ?",
])
def test_the_front_end_still_believes_in_its_secure_link(question: str) -> None:
    got = answer(question)
    assert got.answered and ("secure link" in got.answer or "lien sécurisé" in got.answer), got.answer


def test_restoring_the_link_is_the_failover_time_not_a_registry_restore() -> None:
    answered_saying("how long to restore the secure link to the BE after an unexpected failover, flag on?",
                     "2 minutes")


@pytest.mark.parametrize(("question", "says"), [
    ("Sur un frontal où la valeur n'est pas définie, le total IPSec, c'est 5 + 1 ou 1 + 1 ?", "6 minutes"),
    ("Sur un serveur où NLBSFlags vaut 1, le total IPSec après un plantage ?", "2 minutes"),
])
def test_a_where_clause_states_the_case_it_does_not_ask_where(question: str, says: str) -> None:
    answered_saying(question, says)


@pytest.mark.parametrize(("question", "starts"), [
    ("w/o NLBSFlags does the IKE main mode step take any longer than it does with it?", "No"),
    ("does IKE take longer without NLBSFlags than with it?", "No"),
])
def test_ikes_minute_is_the_same_with_and_without_the_flag(question: str, starts: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(starts) and "1 minute" in got.answer, got.answer
    assert "registry.steps" not in got.facts, got.answer


@pytest.mark.parametrize("question", [
    "If we don't need message bodies encrypted, only the POP3/IMAP4 credentials, which ports does the policy need?",
    "si on veut PAS chiffrer le flux des messages, juste les mdp pop3/imap4, c quels ports ?",
])
def test_only_the_passwords_is_policy_one(question: str) -> None:
    got = answer(question)
    assert got.answered and got.facts == ("policy.passwords",), got.answer
    assert not got.answer.startswith(("Yes", "Oui")) and " 80" not in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "best dim sum near Central?",
    "what's the sum of my grocery bill?",
    "where's a good pub near the data centre?",
    "What's the weather forecast for the data center in Lyon this weekend?",
    "Book me a meeting with the network team about the firewall for Friday.",
    "Le greffe du registre du commerce ferme à 17 h, c'est exact ?",
])
def test_chat_with_one_homonym_is_declined(question: str) -> None:
    # "sum" alone made a total of nothing; "data" made traffic; "about the firewall" made the article
    declined(question)


@pytest.mark.parametrize(("question", "says"), [
    ("what's the total with NLBSFlags set?", "2 minutes"),
    ("what does the article say about the firewall?", "firewall"),
])
def test_the_same_words_about_the_article_are_still_answered(question: str, says: str) -> None:
    answered_saying(question, says)


@pytest.mark.parametrize("question", [
    "what's NLBSFlags set to by default, before anyone touches it?",
    "Par défaut, avant qu'on y touche, NLBSFlags il vaut combien ?",
])
def test_the_default_value_is_a_gap_not_the_time_without_the_flag(question: str) -> None:
    got = answer(question)
    assert not got.answered and ("default" in got.answer or "défaut" in got.answer), got.answer


@pytest.mark.parametrize("question", [
    "Is there a registry tweak on Windows 2000 to cut the 5-minute idle time too?",
    "Sur nos vieux frontaux W2K, y a un équivalent à NLBSFlags pour descendre sous les 5 min ?",
])
def test_a_windows_2000_setting_for_the_idle_timer_is_declined(question: str) -> None:
    got = answer(question)
    assert not got.answered and ("Windows Server 2003" in got.answer), got.answer


@pytest.mark.parametrize("question", [
    "our FE is Windows 2000, so no NLBSFlags shortcut - what's the minimum idle time there?",
    "sur W2K pas d'astuce NLBSFlags, donc l'inactivité minimale c'est combien ?",
])
def test_the_windows_2000_floor_is_answered_when_the_trick_is_ruled_out(question: str) -> None:
    answered_saying(question, "5 minutes")


@pytest.mark.parametrize("question", [
    "Under which service's registry key does NLBSFlags live, please?",
    "where does NLBSFlags live?",
])
def test_where_a_value_lives_asks_its_place_not_that_it_is_live(question: str) -> None:
    got = answer(question)
    assert got.answered and "PolicyAgent" in got.answer and "2 minutes" not in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Le trafic HTTP entre frontal et principal, il est chiffré d'office ? Et le frontal s'authentifie comment ?",
     "Kerberos"),
    ("Sans IPSec, le trafic POP3 entre frontal et principal est chiffré ou pas ? et les mdp ?", "de base"),
    ("Is HTTP between FE and BE encrypted by default? And how does the FE authenticate to the BE?", "Kerberos"),
])
def test_a_follow_up_on_authentication_leaves_the_encryption_question(question: str, says: str) -> None:
    answered_saying(question, says)


@pytest.mark.parametrize("question", [
    "which key do I set so the idle timer drops to 1 minute?",
    "Which setting do I flip on the FE to speed up failover?",
    "How do I make IPSec renegotiate faster after a crash?",
])
def test_asking_what_to_change_gets_the_value_and_where(question: str) -> None:
    answered_saying(question, "NLBSFlags", "PolicyAgent")


@pytest.mark.parametrize(("question", "starts"), [
    ("le basculement de 3 à 6 secondes, c'est quand le nœud back-end plante ?", "Non"),
    ("the 3-6 seconds is when the node crashes, right?", "No"),
    ("in the worst case does a node hang cost only 6 seconds?", "No"),
    ("a planned move takes 3 to 6 seconds while a crash takes minutes, right?", "Yes"),
])
def test_the_planned_moves_seconds_said_of_a_crash_are_set_right(question: str, starts: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(starts), got.answer
    assert "3 à 6 secondes" in got.answer or "3 to 6 seconds" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("6 minutes en secondes ça fait combien, et les 2 minutes avec NLBSFlags ?", ("360", "120")),
    ("Convertis en secondes : le basculement non planifié sans le flag, et avec le flag.", ("360", "120")),
    ("For our runbook I will give the default failover time (no NLBSFlags) in seconds. Which figure?", ("360",)),
])
def test_seconds_asked_once_hold_for_each_case(question: str, says: tuple[str, ...]) -> None:
    answered_saying(question, *says)


@pytest.mark.parametrize("question", [
    "What share of the IPSec failover time is IKE's main mode, first without and then with NLBSFlags?",
    "Quelle part du temps total représente la renégo IKE (1 min) : sans le flag et avec le flag, en % ?",
])
def test_a_share_asked_for_both_cases_gives_both(question: str) -> None:
    answered_saying(question, "17 %", "50 %")


@pytest.mark.parametrize(("question", "says"), [
    ("My auditor says mail content is sensitive — does the article have anything for that?", "sensitive"),
    ("D'après l'article, les e-mails peuvent-ils être considérés comme sensibles ?", "sensibles"),
    ("Per the article, how might e-mail messages themselves be regarded?", "sensitive"),
])
def test_sensitive_mail_is_the_second_reason(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and "reasons.all_data" in got.facts and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Who's the bad guy in this article?", "malicious"),
    ("Selon l'article, l'utilisateur malveillant essaie de faire quoi ?", "capturer"),
    ("HTTP passwords protected by Kerberos or NTLM: protected against what, exactly?", "malicious user"),
])
def test_the_malicious_user_capturing_traffic_is_the_articles_threat(question: str, says: str) -> None:
    answered_saying(question, says)


@pytest.mark.parametrize(("question", "says"), [
    ("Which day of the week was the article last updated?", "Thursday"),
    ("L'article a été mis à jour quel jour de la semaine ?", "jeudi"),
    ("What keywords is the article tagged with?", "kbmt"),
    ("Quels mots-clés sont listés en bas de l'article ?", "KbMtfr"),
    ("C'est quoi le numéro de la version anglaise dont ce texte est traduit ?", "821839"),
    ("C'te traduction-là, c'est-tu un humain qui l'a faite ou une machine ?", "traduction automatique"),
])
def test_what_the_article_says_of_itself_in_its_properties(question: str, says: str) -> None:
    answered_saying(question, says)


def test_the_translations_wording_is_still_declined() -> None:
    declined("why is the French translation so clumsy in its wording of the second paragraph?")


@pytest.mark.parametrize("question", [
    "What heartbeat does IPSec use to detect that the back-end node is dead?",
    "Le frontal pense qu'il a encore un lien sécurisé avec le back-end mort... c'est quoi qui le réveille ?",
])
def test_what_tells_ipsec_the_node_is_gone_is_its_idle_timer(question: str) -> None:
    got = answer(question)
    assert got.answered and ("idle timer" in got.answer or "minuteur d'inactivité" in got.answer), got.answer


def test_a_heartbeat_network_exemption_is_still_declined() -> None:
    declined("should the cluster heartbeat network be excluded from the IPSec policy?")


@pytest.mark.parametrize(("question", "starts"), [
    ("Does it apply to Exchange 2003 Standard Edition as well or only Enterprise?", "Yes"),
    ("does the KB cover exchange 2003 standard edition too, or only enterprise?", "Yes"),
    ("POP3 et IMAP4 ne peuvent pas utiliser Kerberos vers le back-end, c'est ça ?", "Oui"),
    ("POP3 can't use Kerberos to the back-end, right?", "Yes"),
    ("can POP3 use Kerberos to the back-end?", "No"),
])
def test_an_or_only_is_no_choice_and_a_denied_kerberos_is_confirmed(question: str, starts: str) -> None:
    answered_starting(question, starts)


@pytest.mark.parametrize("question", [
    "l'article s'applique aussi aux clusters NLB ?",
    "Does this apply to Network Load Balancing clusters as well as server clusters?",
])
def test_applying_to_nlb_clusters_is_the_support_statement(question: str) -> None:
    got = answer(question)
    assert got.answered and "summary.supported" in got.facts, got.answer


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("how long is the failover if you have not set the n l b s flags registry value yet", "6 minutes", "2 minutes"),
    ("le nœud s'est bloqué, et on a pas touché au registre. ça fait combien avant que la session ipsec revienne ?",
     "6 minutes", "2 minutes"),
    ("Pas sur du Windows 2000, sur du Windows Server 2003 avec NLBSFlags défini : l'inactivité descend à combien ?",
     "1 minute", "5 minutes"),
])
def test_the_state_or_windows_said_in_passing_sets_the_case(question: str, says: str, not_says: str) -> None:
    answered_saying_not(question, says, not_says)


@pytest.mark.parametrize("question", [
    "is OWA traffic encrypted out of the box?",
    "Oakley sunglasses got discount or not?",
])
def test_a_state_word_without_the_change_sets_no_case(question: str) -> None:
    got = answer(question)
    assert "2 minutes" not in got.answer and "6 minutes" not in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Quels produits sont concernés par l'article et de quand date sa dernière mise à jour ?", ("2007", "Standard")),
    ("Les éditions de Windows Server 2003 couvertes par l'article, pis la date de la dernière mise à jour ?",
     ("2007", "Datacenter")),
    ("Trois trucs : le chemin de la clé, le nom de la valeur, et l'exe à lancer pour éditer le registre ?",
     ("regedit", "PolicyAgent")),
])
def test_a_second_thing_asked_after_and_is_answered_too(question: str, says: tuple[str, ...]) -> None:
    answered_saying(question, *says)


@pytest.mark.parametrize(("question", "says"), [
    ("what does OWA stand for?", "Outlook Web Access"),
    ("IKE et ESP, ça veut dire quoi en toutes lettres ?", "Encapsulating Security"),
    ("SSL stands for what, in the article?", "Secure Sockets Layer"),
])
def test_the_abbreviations_the_article_spells_out(question: str, says: str) -> None:
    answered_saying(question, says)


def test_what_nlbs_stands_for_is_still_declined() -> None:
    got = answer("what does NLBS stand for?")
    assert not got.answered and "NLBSFlags" in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "Question 2 : quels protocoles faut-il chiffrer pour protéger toutes les communications avec les contrôleurs "
    "de domaine ?",
    "Si je veux aussi chiffrer vers les contrôleurs de domaine (pas seulement frontal ↔ back-end), quels protocoles "
    "inclure ?",
    "Not asking for advice, just what the article says: which protocols to include for traffic to the DCs?",
])
def test_the_domain_controllers_traffic_is_policy_three(question: str) -> None:
    got = answer(question)
    assert got.answered and "policy.all_traffic" in got.facts and "LDAP" in got.answer, got.answer


@pytest.mark.parametrize(("question", "fact"), [
    ("Dans quelle stratégie suggérée le port 80 n'apparaît-il pas ?", "policy.passwords"),
    ("which suggested policy does not include port 80?", "policy.passwords"),
])
def test_a_policy_leaving_a_port_out_is_still_found(question: str, fact: str) -> None:
    got = answer(question)
    assert got.answered and fact in got.facts, got.answer


@pytest.mark.parametrize(("question", "starts"), [
    ("La « clé » dans Internet Key Exchange, c'est la clé de registre qu'on doit modifier ?", "Non"),
    ("Is the 'key' in Internet Key Exchange the registry key we edit?", "No"),
])
def test_ikes_key_is_not_the_registry_key(question: str, starts: str) -> None:
    answered_starting(question, starts, "PolicyAgent")


def test_a_subject_set_aside_is_not_the_next_questions() -> None:
    got = answer("Forget the Internet Key Exchange stuff. Which key do I actually edit in regedit?")
    assert got.answered and "PolicyAgent" in got.answer and "main mode" not in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Pour configurer les stratégies IPSec en détail, l'article me renvoie où ?", "Centre d'aide et support"),
    ("where does the article send me for configuring IPSec in detail?", "Help and Support Center"),
])
def test_where_the_article_sends_for_ipsec_set_up(question: str, says: str) -> None:
    answered_saying(question, says)


@pytest.mark.parametrize(("question", "says"), [
    ("Quand on déplace exprès une ressource avec l'Administrateur de cluster, comment l'IP virtuelle quitte-t-elle "
     "le premier nœud ?", "par programmation"),
    ("Is the VIP dropped off the first node on purpose during a Cluster Administrator move?", "programmatically"),
])
def test_the_virtual_ip_is_removed_programmatically_on_a_move(question: str, says: str) -> None:
    answered_saying(question, says)


def test_the_cluster_service_starts_the_failover() -> None:
    answered_saying("Quand le service de cluster se bloque sur le nœud back-end, qui démarre le basculement ?",
                     "service de cluster démarre la procédure de basculement")


def test_the_cluster_service_starting_the_failover_is_confirmed() -> None:
    answered_starting("c'est le service de cluster qui démarre le basculement quand le nœud se bloque ?", "Oui")


@pytest.mark.parametrize("question", [
    "Pendant les 2 minutes de renégociation, les utilisateurs OWA voient quel message d'erreur ?",
    "how do I configure the back-end to accept Integrated Windows authentication so the FE uses Kerberos?",
])
def test_what_the_article_leaves_to_others_is_declined(question: str) -> None:
    declined(question)


def test_how_to_configure_ssl_between_fe_and_be_is_still_the_articles_no() -> None:
    got = answer("le SSL entre le front et le back-end, on le configure comment ?")
    assert got.answered and "ne peuvent pas" in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "our front-ends never had the registry touched. If the cluster service hangs on the back-end node, how long are "
    "we down on the IPSec side, and if we set NLBSFlags to 1 what does it drop to?",
    "NLBSFlags is not set; how long is an unplanned failover, and what does it drop to if we set it to 1?",
    "NLBSFlags n'est pas défini : combien de temps, et si on le passe à 1 ça descend à combien ?",
])
def test_now_and_if_we_set_it_gives_both_cases(question: str) -> None:
    got = answer(question)
    assert got.answered and "6 minutes" in got.answer and "2 minutes" in got.answer, got.answer
    assert not got.answer.startswith(("Yes", "Oui")) and " Yes. " not in got.answer, got.answer


@pytest.mark.parametrize(("question", "starts"), [
    ("does policy 2 include 443?", "No"),
    ("is 443 in policy 2?", "No"),
    ("does the message flow policy include 25?", "No"),
    ("does policy 2 include 110?", "Yes"),
])
def test_a_port_number_said_without_the_word_port_is_checked(question: str, starts: str) -> None:
    answered_starting(question, starts)


@pytest.mark.parametrize(("question", "starts"), [
    ("Is the article from 2007?", "Yes"),
    ("Is the article from 2005?", "No"),
])
def test_a_year_is_not_a_product_version(question: str, starts: str) -> None:
    answered_starting(question, starts)


@pytest.mark.parametrize(("question", "says"), [
    ("NLBSFlags default?", "default"),
    ("what's NLBSFlags' type?", "REG_DWORD"),
])
def test_two_word_gaps_get_their_gap(question: str, says: str) -> None:
    got = answer(question)
    assert not got.answered and says in got.answer and "6 minutes" not in got.answer, got.answer


def test_html_tags_are_markup_not_words() -> None:
    answered_saying("<script>alert(1)</script> what value for NLBSFlags", "1 (one)")


def test_a_product_name_is_no_english_marker() -> None:
    got = answer("et Windows Server 2008 ?")
    assert got.lang == "fr" and not got.answered, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Exchange takes 45 s, NLBSFlags is 1, unplanned failover, total?", "2 minutes 45 seconds"),
    ("NLBSFlags is 1, 2 unplanned failovers this month: total IPSec time?", "4 minutes"),
])
def test_a_value_stated_with_is_is_the_flags_value(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and "6 minutes" not in got.answer.split(".")[0], got.answer


@pytest.mark.parametrize("term", ["SNMPv3", "IPv6", "TLS1.2"])
def test_a_term_after_a_node_that_hangs_is_no_servers_name(term: str) -> None:
    # the property test found "a back-end cluster node hangs and SNMPv3?" read as a node named SNMPv3
    got = answer(f"What happens when a back-end cluster node hangs and {term}?")
    assert not got.answered or term.lower() in got.answer.lower(), got.answer
