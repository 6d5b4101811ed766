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


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("Bascule pas planifiée, NLBSFlags pas mis : tu peux détailler inactivité + IKE ?", "6 minutes", "3 à 6"),
    ("it was not a planned move, how long is IPSec down w/o the flag?", "6 minutes", "3 to 6"),
    ("Le nœud ne s'arrête pas proprement, il se bloque ; NLBSFlags est à 1. Combien de temps pour IPSec ?",
     "2 minutes", "3 à 6"),
    ("The failover wasn't planned and nobody set NLBSFlags=1 on the FE. How long for IPSec?", "6 minutes", "3 to 6"),
    ("Isn't a planned move supposed to take minutes, not seconds?", "3 to 6 seconds", "6 minutes"),
])
def test_a_denied_planned_move_is_the_unplanned_failover(question: str, says: str, not_says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and not_says not in got.answer, got.answer


@pytest.mark.parametrize(("question", "first", "then"), [
    ("Before the registry change, how long is IPSec's part after a BE node crash? and after the change?",
     "6 minutes", "2 minutes"),
    ("avec la clé, combien après un plantage ? et avant le changement ?", "2 minutes", "6 minutes"),
])
def test_a_follow_up_naming_the_other_state_gets_that_state(question: str, first: str, then: str) -> None:
    got = answer(question)
    assert got.answered and first in got.answer and then in got.answer.split(first, 1)[1], got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Windows 2000 en cluster, c'est supporté ? Et la durée d'inactivité minimale sous Windows 2000 ?", "5 minutes"),
    ("Is a Windows 2000 cluster supported? And the idle time on Windows 2000?", "5 minutes"),
    ("ports to encrypt for pop/imap passwords? and for the whole message flow?", "80"),
])
def test_a_follow_up_with_its_own_subject_asks_of_that_subject(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("Bonjour, dans quelle sous-clé du registre doit-on créer/modifier la valeur NLBSFlags ?", "PolicyAgent\\Oakley",
     "ne dit pas comment"),
    ("Crash scenario. How long is the IKE part alone?", "IKE needs 1 minute", "recovery time"),
    ("Avant le changement de registre (NLBSFlags pas encore créé sur le frontal), combien de temps d'inactivité "
     "avant que les associations soient supprimées ?", "5 minutes", "HKEY_LOCAL_MACHINE"),
    ("Quand le basculement n'est pas planifié mais que NLBSFlags vaut déjà 1, combien de temps au total pour IPSec ?",
     "2 minutes", "6 minutes"),
    ("pourquoi quand le noeud tombe ca met 6 min ??", "5 minutes", "ne traite pas"),
    ("Le nœud BE tombe, au bout de combien d'inactivité le FE s'en rend compte, sans NLBSFlags ?", "5 minutes",
     "ne traite pas"),
])
def test_words_of_the_state_or_the_span_are_not_the_subject(question: str, says: str, not_says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and not_says not in got.answer, got.answer


def test_where_the_registry_is_still_answered_when_a_change_is_named_without_a_time() -> None:
    got = answer("Before the registry change, where is NLBSFlags?")
    assert got.answered and "PolicyAgent" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("I know editing the registry is risky — just give me the regedit steps as a numbered list, please.", "regedit",
     "back up the registry first"),
    ("je sais c du vieux 2003 plus supporte depuis longtemps mais bon, c koi la cle de registre du truc ?", "Oakley",
     "ne traite pas"),
    ("I know the article is ancient (2007), but which OS are supported for this scenario anyway?", "Windows 2000",
     "does not cover"),
    ("I know we haven't set NLBSFlags, but how long would IPSec take after a crash?", "6 minutes", "2 minutes"),
])
def test_what_the_asker_grants_first_is_not_what_is_asked(question: str, says: str, not_says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and not_says not in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Explique-moi la différence entre serveur frontal et serveur principal dans cet article.", "back-end"),
    ("Avec IPSec entre frontaux et principaux, le temps de basculement correspond à quoi exactement ?",
     "récupération"),
])
def test_terms_and_components_asked_in_other_words(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Comment configurer un VPN IPSec sur ma box Internet à la maison ?", "routeurs domestiques"),
    ("Recommend some idle games for my phone, ideally with timers.", "video games"),
    ("ESP c'est quel numero de protocole IP ? faut que je l'autorise sur le pare-feu", "ESP"),
])
def test_home_gear_games_and_a_reason_after_a_declined_part_are_declined(question: str, says: str) -> None:
    got = answer(question)
    assert not got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("my boss wants the idle timer on 2003", "1 minute"),
    ("Temps mort de 5 minutes minimum — c'est sur quel OS d'après l'article ?", "Windows 2000"),
    ("Our runbook says: 'Step 4 – set NLBSFlags=1 on both back-end nodes.' Is that where it goes?", "No."),
    ("What exactly is exposed on the wire between FE and BE without IPSec?", "Basic"),
])
def test_quoted_claims_idle_synonyms_and_exposure_are_answered(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "start", "says"), [
    ("does ipsec 'cleanly' delete the SAs when the node hangs?", "No.", "idle timer"),
    ("In a planned move, does IKE wait for the idle timer to expire before renegotiating with the new node?", "No.",
     "immediately"),
    ("Lors d'un déplacement planifié, IKE attend-il la fin du minuteur d'inactivité ?", "Non.", "immédiatement"),
])
def test_yes_no_about_what_happens_in_each_case(question: str, start: str, says: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start) and says in got.answer, got.answer


def test_a_relative_give_after_a_declined_part_asks_nothing_new() -> None:
    got = answer("Kerberos c'est quel port déjà ? je veux le chiffre que donne l'article, pas un souvenir")
    assert not got.answered and "Kerberos" in got.answer, got.answer
    assert answer("donne-moi le chemin de la clé NLBSFlags").answered


@pytest.mark.parametrize(("question", "says"), [
    ("Which KB number tells me how to back up the registry before doing this?", "256986"),
    ("pendant le move le FE continue d'essayer de se connecter, c'est qui qui lui répond ?", "nouveau nœud"),
    ("Je suis DSI, version courte svp : ça vaut le coup cette clé de registre ?", "NLBSFlags"),
    ("is this registry key worth it?", "2 minutes"),
])
def test_the_articles_one_registry_change_and_who_answers_in_a_move(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Rien à voir avec les ports : quelle donnée je tape dans NLBSFlags ?", "1 (un)"),
    ("exchange recovery is ninety secs. flag is set. node hangs. total failover time?", "3 minutes 30"),
    ("Ran this on FE01: reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent\\Oakley /v NLBSFlags -> "
     "'ERROR: The system was unable to find the specified registry key or value.' So it isn't set. If a BE node "
     "hangs, how long until IPSec reconnects?", "6 minutes"),
    ("Combien de secondes au total pour IPSec sans NLBSFlags, et combien avec ?", "120 secondes"),
])
def test_set_aside_words_numbers_and_pasted_evidence(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "What's a good port wine to bring to the ops team dinner?",
    "Donne-moi une formule Excel pour calculer un délai d'inactivité entre deux dates de connexion.",
])
def test_wine_and_spreadsheets_are_declined(question: str) -> None:
    assert not answer(question).answered


@pytest.mark.parametrize(("question", "says"), [
    ("no certificate stuff, promise 😄 — which auth does the FE use for HTTP to the BE?", "Kerberos"),
    ("not a password reset question lol — what does the article say about POP3 passwords going to the BE?", "Basic"),
    ("not a clean move: how long w/o NLBSFlags?", "6 minutes"),
    ("When the Cluster service on a BE node hangs, which machine still 'thinks' it has a secure link to the VIP?",
     "front-end"),
    ("random one, hope that's ok to ask: which KB is about L2TP sessions lost when adding a server to an NLB cluster?",
     "248346"),
    ("Je ne suis pas admin Windows, pouvez-vous m'expliquer simplement à quoi sert NLBSFlags ?", "NLBSFlags"),
])
def test_politeness_and_set_aside_openings_leave_the_question(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Traduis en anglais la phrase de l'article sur la durée du déplacement d'une ressource en cluster.", "3 à 6"),
    ("Give me the suggested port sets as a JSON object: key = goal, value = list of ports.", "143"),
    ("Give me the failover numbers as a markdown table, please.", "6 minutes"),
    ("Reviewing a runbook: step 3 says 'set NLBSFlags=1 on every back-end cluster node'. Is that right?", "No."),
    ("Runbook step: 'In Value data, type 0 and click OK.' Correct?", "No."),
])
def test_formats_translations_and_runbook_steps_of_the_articles_own_text(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "translate this to german pls: 'the cluster will be down for maintenance tonight'",
    "Traduis en espagnol : « la maintenance du cluster est reportée à jeudi »",
])
def test_translating_the_askers_own_text_is_declined(question: str) -> None:
    assert not answer(question).answered


@pytest.mark.parametrize(("question", "says"), [
    ("crash vs planned: which one does the 3-6 second figure apply to?", "planned move"),
    ("Quelle est la valeur au milieu de la fourchette donnée pour un déplacement planifié ?", "4,5"),
    ("Sur quel port je configure NLBSFlags ?", "PolicyAgent"),
    ("the KB mentions a firewall and 'a single port' — which reason for IPSec is that about?", "firewall"),
    ("Le nœud n'a pas été déplacé volontairement, il a planté, et personne n'a touché au registre du frontal. "
     "Durée totale côté IPSec ?", "6 minutes"),
])
def test_keywords_that_mislead_a_matcher(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_a_personal_mailbox_is_not_the_articles() -> None:
    got = answer("my personal outlook.com mailbox is full, how do I clean it up?")
    assert not got.answered and "personal mailboxes" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("On n'a pas encore appliqué NLBSFlags sur les frontaux. Combien de minutes gagnerait-on en l'appliquant ?",
     "4 minutes"),
    ("If the BE node hung at 10:00 sharp and nothing's been tweaked in the registry, at what time would IPSec have "
     "new SAs?", "10:06"),
    ("L'article garantit-il qu'un déplacement planifié se termine toujours en moins de 6 secondes ?", "Non."),
    ("J'ai juste besoin de savoir pour un audit : où l'article dit-il de créer NLBSFlags ?", "frontal"),
    ("Je sais que l'article ne donne pas la procédure pas à pas pour les stratégies IPsec, mais où me dit-il de "
     "chercher ?", "Centre d'aide"),
    ("Sur un 2003 où NLBSFlags est pas défini, le délai d'inactivité descend-tu à 1 minute tout seul?", "Non"),
])
def test_conditionals_guarantees_and_an_accented_where(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_a_granted_subject_referred_back_to_declines() -> None:
    got = answer("I know PowerShell well — how do I set NLBSFlags with it?")
    assert not got.answered and "PowerShell" in got.answer, got.answer


def test_a_port_for_a_registry_value_says_it_is_none_and_gives_the_value() -> None:
    got = answer("Which port does NLBSFlags use?")
    assert got.answered and got.answer.startswith("NLBSFlags is a registry value") and "1 (one)" in got.answer, (
        got.answer)


@pytest.mark.parametrize(("question", "says", "answered"), [
    ("What's a typical Exchange 2003 recovery time on a cluster failover, so I can add it to the IPSec time?",
     "does not say how long Exchange 2003's own recovery", False),
    ("Le déplacement planifié de 3 à 6 secondes, ça fait combien en millisecondes ?", "3000 à 6000 millisecondes",
     True),
    ("L'article parle d'un « port unique », c'est dans quel contexte ?", "pare-feu", True),
    ("L'article dit de faire une sauvegarde avant — sauvegarde de quoi exactement ?", "Registre", True),
    ("Global catalog: what kind of traffic to GCs does the 'encrypt everything' policy include?", "LDAP", True),
])
def test_exchange_typical_time_milliseconds_and_the_articles_own_words(question: str, says: str,
                                                                      answered: bool) -> None:
    got = answer(question)
    assert got.answered is answered and says in got.answer, got.answer


def test_a_numbered_list_with_periods_asks_each_item() -> None:
    got = answer("1. Does the FE use Kerberos/NTLM for HTTP to the BE? 2. What auth do POP3/IMAP4 use to the BE? "
                 "3. Does the article show how to enforce that through a GPO?")
    assert got.answered and "Kerberos" in got.answer and "Basic" in got.answer, got.answer


def test_which_tool_the_steps_use_is_registry_editor_and_moving_a_group_is_cluster_administrator() -> None:
    got = answer("1) which server gets NLBSFlags? 2) which protocols are in policy 3? 3) which tool do the steps use?")
    assert "regedit" in got.answer, got.answer
    assert "Administrateur de cluster" in answer("Quel utilitaire sert à déplacer une ressource en cluster ?").answer


@pytest.mark.parametrize(("question", "says", "answered"), [
    ("where do i set NLBSFlags / what value / do I need a reboot after?", "1 (one)", True),
    ("NLBSFlags se crée sur le serveur frontal ou sur les nœuds du cluster principal ?", "frontal", True),
    ("Les 2 minutes avec NLBSFlags incluent-elles le temps de récupération d'Exchange ?", "Non.", True),
    ("Pour l'ESP, on choisit 3DES ou DES ? l'article recommande quoi ?", "3DES", False),
    ("translate 'security association' into German, it's for my kid's homework", "does not cover", False),
    ("Explique-moi la différence entre un front-end React et un back-end Node.js.", "langages", False),
])
def test_slashes_choices_inclusions_and_homonyms_of_other_worlds(question: str, says: str, answered: bool) -> None:
    got = answer(question)
    assert got.answered is answered and says in got.answer, got.answer


def test_a_slash_between_protocols_is_not_a_new_question() -> None:
    got = answer("what auth do POP3 / IMAP4 use to the BE?")
    assert got.answered and "Basic" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("When the back-end accepts Integrated Windows authentication, does the front-end use Kerberos or NTLM for HTTP?",
     "Yes."),
    ("Avant qu'on ajoute la valeur de registre, le frontal mettait combien de temps (minuteur d'inactivité) à "
     "comprendre que le nœud n'existait plus ?", "5 minutes"),
    ("Traduis-moi en anglais la note qui suit l'étape 5 de la procédure de registre.", "2 minutes"),
    ("what does the note after step 5 say?", "2 minutes"),
    ("I'm not asking you to touch my registry — just read me back the exact subkey the article tells me to open.",
     "PolicyAgent"),
])
def test_the_articles_pairs_its_note_and_states_before_an_addition(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "start"), [
    ("quick one: is IPSec's part of a planned move under 10 seconds?", "Yes."),
    ("L'article donne-t-il une date de dernière mise à jour ?", "Oui."),
    ("L'article donne-t-il des instructions pas à pas pour configurer les stratégies IPSec ?", "Non."),
    ("does the article give step by step instructions for building the IPSec policies?", "No."),
])
def test_does_the_article_give_x_is_answered_yes_or_no(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start), got.answer


def test_whether_the_article_gives_what_it_lacks_is_a_no_and_a_gap() -> None:
    got = answer("l'article donne-t-il une valeur par défaut pour NLBSFlags ?")
    assert not got.answered and got.answer.startswith("Non."), got.answer


@pytest.mark.parametrize(("question", "start"), [
    ("ok so FE = the OWA box right?", "Yes."),
    ("le frontal, c'est le serveur OWA ?", "Oui."),
])
def test_the_front_end_named_as_owa_is_the_articles_example(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start) and "Outlook Web Access" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Which IPSec mode is supported, what's the recommended PFS setting, and which ports for the message-flow "
     "policy?", "transport mode ESP"),
    ("Hi team, 3 quick ones: can the OWA FE use SSL to the BE, what auth does HTTP use instead, and does POP3 get "
     "the same protection?", "Kerberos"),
])
def test_comma_joined_questions_are_answered_one_by_one(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("worst case IPSec failover if a BE node hangs and NLBSFlags is set on the front-end?", "2 minutes", "6 minutes"),
    ("NLBSFlags est défini sur le frontal, combien de temps après un plantage ?", "2 minutes", "6 minutes"),
])
def test_a_value_said_to_be_set_on_the_front_end_is_a_state(question: str, says: str, not_says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and not_says not in got.answer, got.answer


def test_whether_it_is_set_on_one_role_or_another_still_asks_where() -> None:
    got = answer("is NLBSFlags set on the FE or the BE?")
    assert got.answered and "front-end" in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "Ma clé Oakley / NLBSFlags, je la mets sur le serveur principal ?",
    "ça tombe sous le sens que c'est sur le BE qu'on met la clé, non ?",
    "Le NLB de Windows (équilibrage de charge), c'est la même chose que NLBSFlags ?",
])
def test_claims_about_where_the_key_goes_and_what_it_is_get_non(question: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith("Non.") and "frontal" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Dans l'article, le « mode principal », c'est un serveur ?", "Non."),
    ("Quand IPSec laisse tomber les associations inactives, il se passe quoi ensuite ?", "IKE"),
    ("Tant que la minuterie d'inactivité n'a pas expiré, que croit encore le serveur frontal ?", "IP virtuelle"),
])
def test_the_main_mode_trap_and_what_the_idle_timer_is_for(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_lowering_the_idle_timer_on_windows_2000_still_declines() -> None:
    assert not answer("How can I get the idle timer on a Windows 2000 FE below 5 minutes?").answered


@pytest.mark.parametrize(("question", "says"), [
    ("What's the job of the IPSec idle timer when a back-end node hangs?", "gone"),
    ("Le minuteur d'inactivité, il sert à quoi dans l'article ?", "n'existe plus"),
])
def test_what_the_idle_timer_is_for(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_the_idle_time_with_a_figure_or_a_windows_is_still_its_value() -> None:
    got = answer("what does the idle timer do on Windows 2000?")
    assert got.answered and "5 minutes" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Écris-moi un haïku sur le temps de basculement IPSec avec NLBSFlags à 1", "2 minutes"),
    ("Write a one-line change ticket for the NLBSFlags change: server, key path, value.", "PolicyAgent"),
    ("as a haiku: how long does a planned cluster move take with IPSec?", "3 to 6 seconds"),
])
def test_a_form_asked_for_the_articles_facts_gets_the_facts(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "write a rap about the Oakley registry key",
    "rédige un mail à mon chef pour justifier les 6 minutes de coupure",
    "write me a short poem about IPSec failover on Exchange clusters",
    "draft an email to the CAB about NLBSFlags",
    "give me a quick dinner recipe, something as fast as a 3-6 second failover lol",
])
def test_a_poem_or_a_letter_without_a_fact_asked_is_declined(question: str) -> None:
    assert not answer(question).answered


def test_a_what_if_follow_up_is_not_a_yes_no_question() -> None:
    got = answer("We haven't set NLBSFlags yet; how long does failover take? And if Exchange takes 4 minutes?")
    assert got.answered and "No." not in got.answer and "10 minutes" in got.answer, got.answer


def test_two_things_the_article_leaves_out_are_both_said() -> None:
    got = answer("Is NLBSFlags a REG_DWORD? And what's its default?")
    assert not got.answered and "registry type" in got.answer and "defaults to" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("Users complained about outages when one node crashed. How long does failover take without NLBSFlags?",
     "6 minutes", "2 minutes"),
    ("Does NLBSFlags apply to Windows 2000?", "Windows 2000", "Datacenter"),
    ("what is the 3-6 s dependent on, and what's the first step when cluster admin moves the group", "virtual IP",
     "6 minutes"),
])
def test_newcomer_tour_findings(question: str, says: str, not_says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and not_says not in got.answer, got.answer


@pytest.mark.parametrize("text", ["ဿ\n0", "if", "si ?", "quick one", "1.", " / what"])
def test_degenerate_inputs_found_by_fuzzing_get_a_refusal_not_an_error(text: str) -> None:
    assert answer(text).answer


@pytest.mark.parametrize("question", [
    "Write a one-line change ticket for the NLBSFlags change: server, key path, value.",
    "where does NLBSFlags go?",
    "Should NLBSFlags be set to 1 on the FE?",
])
def test_where_nlbsflags_goes_comes_with_its_value(question: str) -> None:
    got = answer(question)
    assert got.answered and "PolicyAgent" in got.answer and "1 (one)" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says", "not_says"), [
    ("Avant la modif du registre (NLBSFlags pas encore créé), un plantage du nœud principal ça fait combien de "
     "minutes côté IPSec ?", "6 minutes", "HKEY_LOCAL_MACHINE"),
    ("Our change request isn't approved yet, so no registry tweak on the FE. What number do I put in the runbook "
     "for the IPSec outage on a node hang, in seconds?", "360 seconds", "120 seconds"),
])
def test_a_change_not_made_yet_is_the_state_without_nlbsflags(question: str, says: str, not_says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and not_says not in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "Translate 'security association' into German please.",
    "What's a good wine to pair with steak — is port OK?",
    "Recommend a good VPN for my home network, something with IPSec maybe?",
])
def test_wine_home_networks_and_word_translations_are_declined(question: str) -> None:
    assert not answer(question).answered


def test_does_the_article_say_after_a_declined_part_is_declined_with_it() -> None:
    got = answer("Can I push NLBSFlags to every front-end with a GPO? Does the article say?")
    assert not got.answered and "GPO" in got.answer, got.answer
