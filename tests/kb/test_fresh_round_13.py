"""Classes found on the question sets of the thirteenth round (dev48–dev51).

Each case is one of a class: the phrasings are written for the test, not copied
from the question sets the engine was tuned on.
"""

from __future__ import annotations

import pytest

from kb.engine import answer


@pytest.mark.parametrize(("question", "start", "says"), [
    # a challenge with no subject of its own, then what is challenged
    ("Are you sure? I thought it was 2 minutes without NLBSFlags.", "No", "6 minutes"),
    ("that's wrong, isn't it? with the flag the IPSec part is still 5 min, right?", "No", "2 minutes"),
    ("T'es sûr ? Pour moi, sans NLBSFlags, c'est 5 minutes au total, pas 6.", "Non", "6 minutes"),
    ("Vous êtes certain ? Avec NLBSFlags à 1 on tombe à 2 minutes.", "Oui", "2 minutes"),
])
def test_a_challenge_asks_about_the_statement_after_it(question: str, start: str, says: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start) and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    # a value of NLBSFlags then a time: not a range "1 to 2 minutes"
    ("Avec NLBSFlags à 1 et 2 minutes de récupération Exchange, quel total après un crash ?", "4 minutes"),
    ("NLBSFlags = 1 and 3 minutes for Exchange itself: total after a node hang?", "5 minutes"),
])
def test_a_flag_value_before_a_time_is_not_a_range(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_what_the_flag_is_for_says_both_cases() -> None:
    got = answer("why would I set NLBSFlags at all?")
    assert "6 minutes" in got.answer and "2 minutes" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    # "key" in an idiom is not a registry key
    ("What's the key point about TLS from the front-end to the back-end?", "cannot use SSL or TLS"),
    ("La clé du problème pour les mots de passe IMAP4 entre frontal et back-end, c'est quoi ?", "de base"),
    # a registry key or value "for faster renegotiation": the setting that shortens a crash
    ("Which registry value gets IPSec to renegotiate quicker after a node crash?", "NLBSFlags"),
    ("Quelle clé de registre pour que la renégociation aille plus vite après un plantage ?", "PolicyAgent"),
])
def test_key_as_an_idiom_and_key_for_speed(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    # chat dialect and incident-review words name nothing the article lacks
    ("Coudonc, un move planifié du groupe, ça prend combien de secondes pour IPSec ?", "3 à 6"),
    ("MTTR-wise, what does NLBSFlags buy us on IPSec after a node crash?", "2 minutes"),
    ("verbatim from the auditor: is POP3 auth FE to BE only Basic?", "Basic"),
    # how the passwords are protected: the suggested policy that does it
    ("Comment protéger les mots de passe POP3 entre frontal et back-end ?", "110"),
    ("what protects IMAP4 passwords on the way to the back-end?", "143"),
    ("The FE can't do SSL to the BE, so what protects POP3 passwords then?", "IPSec"),
    # a negated protocol question still lists what is left out
    ("Quels protocoles ne peuvent pas utiliser Kerberos vers le serveur principal ?", "POP3"),
])
def test_dialect_and_protecting_passwords(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_a_wh_clause_after_a_linking_word_is_not_a_yes_no() -> None:
    got = answer("Le frontal ne peut pas faire de SSL, donc qu'est-ce qui protège les mots de passe IMAP4 ?")
    assert got.answered and not got.answer.startswith(("Oui", "Non")), got.answer


@pytest.mark.parametrize(("question", "says"), [
    # "N times" after a failover's verb counts failovers; machines counted beside them do not
    ("Our BE node froze 4 times this year, NLBSFlags never set. IPSec total?", "24 minutes"),
    ("Cluster à 3 nœuds, je bascule le groupe 5 fois à la main. Temps IPSec cumulé ?", "15 à 30"),
    ("2 node hangs last month, no flag: total IPSec time?", "12 minutes"),
    # a statement of the count, then an imperative asking for it
    ("we do 3 planned moves a week for patching. total IPSec time per week, range please", "9 to 18"),
    # one of each, summed when a total is asked
    ("total IPSec time for 1 planned move at worst + 1 crash without NLBSFlags, in seconds?", "366"),
])
def test_counts_of_failovers_in_chat(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_a_flag_value_before_a_failover_verb_is_still_the_value() -> None:
    got = answer("SLA 5 min, exchange recovery 2 min, flag=1, BE node hung: are we under 5 min?")
    assert got.answered and got.answer.startswith("Yes"), got.answer


@pytest.mark.parametrize(("question", "start"), [
    # 306677's title quoted as a reason the 2003 cluster is unsupported: what is asked is support
    ("my manager keeps saying 'IPSec is not designed for failover', so our 2003 cluster can't use it. Right?", "No"),
    ("Un collègue cite « IPSec n'est pas conçu pour le basculement » : donc pas supporté sur notre cluster 2003 ?",
     "Non"),
    # a denial in the second option of a choice leaves the first asked
    ("Is IPSec to a clustered 2003 back-end supported, or is it an unsupported setup?", "Yes"),
    # "isn't it supported?" asks with the fact's polarity
    ("Isn't IPSec FE-BE supported on a Windows Server 2003 cluster?", "Yes"),
])
def test_a_claim_that_support_is_denied_is_answered_for_the_claim(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start), got.answer


def test_quoting_306677_says_what_that_article_is_about() -> None:
    got = answer("the lead quotes 'IPSec is not designed for failover': so no IPSec on our Win2003 cluster?")
    assert "306677" in got.answer and "Windows 2000" in got.answer, got.answer


def test_where_the_quote_comes_from_is_still_the_related_article() -> None:
    got = answer("someone quoted 'IPSec is not designed for failover' — where does that come from?")
    assert got.answered and "306677" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    # the fix the article proposes for POP3/IMAP4 passwords sent with Basic authentication
    ("POP3 creds go in clear with Basic auth from FE to BE. What fix does the KB propose?", "110"),
    ("IMAP4 : mots de passe en clair vers le back-end. On fait comment d'après l'article ?", "143"),
    ("What compensating control does 821839 give for POP3 passwords between front-end and back-end?", "IPSec"),
    # could someone sniff the password: yes, Basic authentication, and what the article suggests against it
    ("Could someone sniffing between the FE and the BE read an IMAP4 user's password?", "port 143"),
])
def test_the_fix_for_basic_authentication_passwords_is_policy_1(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize("question", [
    # chat requests with a topic word in them
    ("any good coffee place near the datacenter?"),
    ("Génère-moi un mot de passe fort pour le compte du cluster"),
    ("résume-moi le match d'hier soir stp"),
    ("who won the rugby last weekend?"),
    ("draft a note saying the IPSec change window moved to Monday"),
])
def test_chat_requests_with_a_topic_word_are_declined(question: str) -> None:
    got = answer(question)
    assert not got.answered, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Does the article apply to Windows Server 2003 Datacenter Edition?", "Datacenter"),
    ("We moved the Exchange group to the other node on Friday: how long did IPSec need?", "3 to 6"),
])
def test_the_same_words_about_the_article_are_still_answered(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    # a scene of a failover, then "is that normal / expected / consistent with the article?": its figure
    ("We moved the Exchange group by hand last night; OWA dropped for about five seconds. Is that normal?", "3 to 6"),
    ("Hier on a déplacé le groupe à la main, OWA a coupé quelques secondes. C'est cohérent avec l'article ?",
     "3 à 6"),
    ("yesterday ops failed the group over to node B in Cluster Admin and OWA blinked. expected per the KB?", "3 to 6"),
])
def test_is_that_normal_after_a_scene_gets_the_articles_figure(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    # how the front-end finds out the node is gone: it does not; its idle timer
    ("when the BE node dies, does the front-end notice straight away?", "idle timer"),
    ("Quand le nœud back-end plante, comment le frontal s'en aperçoit ?", "inactivité"),
    ("after a node crash, do the stale SAs get cleared by themselves?", "idle timer"),
    ("le frontal garde des SA orphelines après un crash du back-end, késako ?", "inactivité"),
    # a British understatement of a crash, then whether that is how it is built
    ("Our BE node fell over and OWA sulked for six minutes. Is that just how it's built, or did we cock up?",
     "6 minutes"),
])
def test_how_the_front_end_finds_out_and_chat_about_a_crash(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "start"), [
    # verbless yes/no questions of chat
    ("NLBSFlags value data = 1?", "Yes"),
    ("la donnée de NLBSFlags = 1 ?", "Oui"),
    ("article applicable to Windows Server 2003 Enterprise?", "Yes"),
    ("LDAP to the DCs — part of a suggested policy?", "Yes"),
    ("un déplacement planifié, ça coupe IPSec que quelques secondes ?", "Oui"),
])
def test_verbless_yes_no_questions_start_with_the_verdict(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start), got.answer


def test_an_equation_left_open_still_asks_for_its_value() -> None:
    got = answer("sans NLBSFlags, total IPSec = ?")
    assert got.answered and not got.answer.startswith(("Oui", "Non")) and "6 minutes" in got.answer, got.answer


@pytest.mark.parametrize(("question", "start"), [
    # the front-end's SSL certificate is the scene; SSL from the front-end to the back-end is asked
    ("our FE has a proper SSL cert — can it use it to encrypt traffic to the BE?", "No"),
    ("Avec le certificat SSL du frontal, on peut chiffrer vers le back-end ?", "Non"),
])
def test_a_certificate_in_the_scene_does_not_hide_the_front_to_back_question(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start), got.answer


def test_client_side_certificates_alone_are_still_declined() -> None:
    got = answer("which SSL certificate should OWA use for internet users?")
    assert not got.answered, got.answer


@pytest.mark.parametrize(("question", "says", "names"), [
    # one sentence, two questions joined by ", et"/" + ": the article's part answered, the other declined by name
    ("Durée IPSec après un crash avec la clé posée, et date de fin de support d'Exchange 2003 ?", "2 minutes",
     "support"),
    ("How long without NLBSFlags after a crash, and do you have a PowerShell script to set it on 20 FEs?",
     "6 minutes", "PowerShell"),
    ("which KBs cover a Win2000 cluster + UDP port for IKE?", "306677", "IKE"),
    # "a) … b) …" items without parentheses
    ("a) what UDP port does IKE use  b) which ports protect the POP3/IMAP4 passwords", "110", "IKE"),
])
def test_a_sentence_with_one_part_out_of_scope_answers_the_other(question: str, says: str, names: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and names in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("two things:\n- ports for the POP3/IMAP4 password policy\n- is NLBSFlags a REG_DWORD?", "143"),
    ("do I need to reboot after setting NLBSFlags? also what value was it again", "1 (one)"),
])
def test_a_gap_does_not_swallow_the_next_item(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "NLBSFlags, ça marche aussi sous Windows Server 2008 ?",
    "does this KB also cover Windows Server 2008 failover clusters?",
])
def test_also_inside_a_question_does_not_cut_it(question: str) -> None:
    assert not answer(question).answered


@pytest.mark.parametrize(("question", "start"), [
    # a claim that AH (or tunnel mode) is what is supported gets its No, with the article's transport-mode ESP
    ("Le mode tunnel avec AH, c'est bien ce que Microsoft supporte ici ?", "Non"),
    ("it's AH that Microsoft supports for this, right?", "No"),
    ("Le mode tunnel, c'est bien ce qui est pris en charge ?", "Non"),
])
def test_a_claim_of_another_ipsec_mode_is_answered_no(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start) and "ESP" in got.answer, got.answer


def test_asking_to_use_ah_is_still_declined() -> None:
    assert not answer("can we use AH instead of ESP between FE and BE?").answered


@pytest.mark.parametrize(("question", "answered"), [
    ("Oh fan de chichoune, c'est quoi le chemin de la clé pour NLBSFlags ? ce regedit de fada", True),
    ("OWA a fait un petit hoquet pendant le déplacement planifié du groupe : ça dure combien ?", True),
    ("best whisky to celebrate the cluster cutover?", False),
    ("écris-moi une regex pour valider une adresse Exchange", False),
    ("En général, Exchange 2003 met combien de temps à récupérer après un basculement ?", False),
])
def test_chat_slang_and_requests(question: str, answered: bool) -> None:
    assert answer(question).answered is answered


@pytest.mark.parametrize(("question", "says"), [
    # Zulu times of ops chat are times of day, not terms
    ("BE node hung at 1402Z, NLBSFlags not set. ETA for IPSec (exclude Exchange)?", "14:08"),
    ("Crash à 23h58Z, NLBSFlags=1, Exchange a besoin de 4 min : à quelle heure le service revient ?", "00:04"),
    ("node froze 09:30Z with the flag set: when is IPSec back?", "09:32"),
])
def test_zulu_times_are_times_of_day(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("c'est quoi la clé pour réduire le temps de renégociation après un crash ?", "NLBSFlags"),
    ("what key do I tweak to cut the renegotiation time after a node hang?", "NLBSFlags"),
])
def test_the_key_that_cuts_the_renegotiation_time(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_a_figure_claimed_with_c_est_is_a_yes_no() -> None:
    got = answer("Sous Windows 2000, l'inactivité minimale c'est 2 minutes ?")
    assert got.answered and got.answer.startswith("Non") and "5 minutes" in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "Exchange 2003, c'est encore supporté par Microsoft ?",
    "is Windows Server 2003 still supported by Microsoft these days?",
])
def test_whether_a_product_is_still_supported_is_the_lifecycle(question: str) -> None:
    got = answer(question)
    assert not got.answered, got.answer


@pytest.mark.parametrize(("question", "answered"), [
    # a front-end failing instead of the back-end node is not the article's failure
    ("Et si c'était le frontal qui plantait au lieu du nœud back-end, combien de temps pour IPSec ?", False),
    ("what if the FE crashed instead of the BE node, how long would IPSec take?", False),
    ("si le nœud back-end plantait, combien de temps pour IPSec ?", True),
])
def test_a_front_end_failing_instead_of_the_back_end(question: str, answered: bool) -> None:
    assert answer(question).answered is answered


@pytest.mark.parametrize(("question", "says"), [
    # "what does the KB say about X": what it says of X, not the article's title
    ("what does this KB say about the Global Catalog?", "Global Catalog"),
    ("what's the deal with LDAP in this KB?", "LDAP"),
    ("que dit l'article sur RPC ?", "RPC"),
])
def test_what_the_article_says_about_a_subject(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and "revision" not in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    # IPSec "coming back" is IPSec's renegotiation time
    ("si le nœud back-end tombe, IPSec revient au bout de cb ?", "6 minutes"),
    ("when the BE node dies, how long until IPSec recovers?", "6 minutes"),
])
def test_ipsec_coming_back_is_its_own_time(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    # one move and one crash in the same scene are summed when nothing compares them
    ("> worst case: one planned move and one crash (with NLBSFlags) tonight\nIPSec downtime for the night?", "126"),
    ("un déplacement planifié et un plantage sans la clé cette nuit : temps IPSec ?", "366"),
])
def test_one_of_each_in_a_scene_is_summed(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_one_of_each_compared_is_still_a_ratio() -> None:
    got = answer("Facteur entre un déplacement planifié de 6 s et une panne sans la clé ?")
    assert "60" in got.answer, got.answer


def test_quoted_lines_are_the_scene_of_the_question_after_them() -> None:
    got = answer("> > Can we not just SSL the FE to BE hop?\n> Apparently not, says the KB.\n"
                 "right so what does it say to do instead, and on which ports?")
    assert got.answered and "110" in got.answer and "143" in got.answer, got.answer


def test_quoted_questions_with_no_question_after_them_are_asked() -> None:
    got = answer("> 1. sur quelle machine on pose la clé NLBSFlags\n> 2. combien de temps IPSec sans la clé ?\n"
                 "Voilà ce que demande le chef, merci")
    assert got.answered and "frontal" in got.answer and "6 minutes" in got.answer, got.answer
    assert "« >" not in got.answer


@pytest.mark.parametrize(("question", "says"), [
    # which protocols cannot use Kerberos/NTLM: POP3 and IMAP4, with Basic authentication
    ("Which protocols can NOT use Kerberos or NTLM to the back-end?", "Basic"),
    ("Quels protocoles ne peuvent pas utiliser une authentification sécurisée vers le back-end ?", "de base"),
    # the HTTP "path" is the network path, not the registry path
    ("Does the HTTP FE to BE path use Kerberos when the BE accepts Integrated Windows auth?", "Kerberos or NTLM"),
])
def test_protocols_that_cannot_use_kerberos_and_the_http_path(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Quand le back-end tombe en panne, le pire cas côté IPSec si rien n'est réglé ?", "6 minutes"),
    ("Before the change it was ~6 min on a crash. After setting NLBSFlags to 1, what is it?", "2 minutes"),
])
def test_nothing_set_and_after_setting_a_time(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer and not got.answer.startswith(("Yes", "No")), got.answer


def test_what_is_it_at_the_end_asks_it_is_no_tag() -> None:
    got = answer("With NLBSFlags set, the crash time, what is it?")
    assert got.answered and not got.answer.startswith(("Yes", "No")), got.answer


def test_a_follow_up_on_pop3_passwords_does_not_carry_ssl() -> None:
    got = answer("Le frontal peut faire du SSL vers le back-end ? Et en POP3 les mots de passe passent comment ?")
    assert got.answer.startswith("Non") and "de base" in got.answer, got.answer


def test_a_heading_with_please_introduces_the_items_after_it() -> None:
    got = answer("for the timeline doc, IPSec part please:\n- planned move duration?\n- crash w/o NLBSFlags?")
    assert "3 to 6" in got.answer and "6 minutes" in got.answer and "does not cover" not in got.answer, got.answer


@pytest.mark.parametrize(("question", "start"), [
    # "Il a raison ?" asks whether the statement holds, not for a reason
    ("Mon collègue dit : « le basculement, c'est juste le temps d'Exchange ». Il a raison ?", "Non"),
    ("Le temps de basculement dépend seulement du redémarrage d'Exchange, n'est-ce pas ?", "Non"),
    ("Le temps IPSec, c'est tout le temps de basculement ?", "Non"),
    ("Mon chef dit que NLBSFlags se met sur le frontal. Il a raison ?", "Oui"),
])
def test_claims_about_what_the_failover_time_is_made_of(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start), got.answer


@pytest.mark.parametrize(("question", "start"), [
    # NLBSFlags put on the back-end or a DC "to speed failover up": where it goes is what is claimed
    ("If I set NLBSFlags=1 on the back-end, will failover be faster?", "No"),
    ("Does setting NLBSFlags=1 on a domain controller speed up failover?", "No"),
    ("Si je mets NLBSFlags sur les nœuds back-end, le basculement sera plus rapide ?", "Non"),
])
def test_nlbsflags_on_another_role_does_not_speed_failover(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start) and "front-end" in got.answer.replace("frontal", "front-end")


@pytest.mark.parametrize(("question", "same_as"), [
    # an emoji's name, a channel link and template syntax are not the question's words
    ("how long does failover take w/o nlbsflags :thinking_face:", "how long does failover take w/o nlbsflags"),
    ("<#C123|ops> value of nlbsflags?", "value of nlbsflags?"),
])
def test_chat_markup_is_not_read_as_words(question: str, same_as: str) -> None:
    assert answer(question).answer == answer(same_as).answer


def test_template_syntax_alone_is_declined() -> None:
    assert not answer("{{7*7}} ${jndi:ldap://x}").answered


@pytest.mark.parametrize(("question", "start", "says"), [
    # from the newcomer tour
    ("Is it safe to edit the registry?", "The article", "back up"),
    ("Does the article apply to Windows 2000?", "No", "Windows Server 2003"),
    ("Does this work on Windows 2000?", "On Windows 2000", "only supported in a non-clustered"),  # no bare Yes
    ("Is a planned move longer than an unplanned failover?", "No", "3 to 6"),
    ("le non planifié est-il plus long que le planifié ?", "Oui", "3 à 6"),
])
def test_newcomer_tour_answers(question: str, start: str, says: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start) and says in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "Does IPSec encrypt the traffic by default?",
    "What should I do if IKE fails to renegotiate after 10 minutes?",
])
def test_newcomer_tour_declines(question: str) -> None:
    assert not answer(question).answered


def test_an_unrelated_part_is_named_not_dropped() -> None:
    got = answer("how long does failover take with NLBSFlags=1 on windows 2003 and also what is the meaning of life")
    assert "2 minutes" in got.answer and "meaning of life" in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("avec NLBSFlags, l'inactivité passe à 1 minute sous 2003, c'est ça ?", "Oui"),  # "sous 2003" is no bound
    ("which registry key does NLBSFlags live under?", "PolicyAgent"),
    ("yearly: 4 crashes (flag set) + 50 planned moves. total IPSec time, min and max?", "10 minutes 30 seconds"),
    ("Blague à part, pourquoi mettre IPSec entre le frontal et le back-end ?", "mots de passe"),
    ("on n'a pas encore mis NLBSFlags, biloute : combien de temps après un plantage du nœud ?", "6 minutes"),
])
def test_round_of_dev58_and_dev59(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Mon collègue dit que NLBSFlags va sur les nœuds back-end, moi je dis sur le frontal. Qui a raison ?", "frontal"),
    ("my mate reckons the OWA FE can just TLS straight to the BE. yeah nah?", "cannot use SSL or TLS"),
])
def test_who_is_right_and_yeah_nah_ask_about_the_claims(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "Comment voir les associations de sécurité actives dans le moniteur IP Security après un basculement ?",
    "with 3 back-end nodes, which node would the cluster pick as the failover target?",
    "Combien de temps Exchange 2003 met-il lui-même à basculer le serveur virtuel sur l'autre nœud ?",
])
def test_neighbours_of_the_article_from_dev59(question: str) -> None:
    assert not answer(question).answered


def test_the_cluster_restarting_the_resource_is_the_failover_not_a_reboot() -> None:
    got = answer("Mon nœud crashe, le cluster redémarre la ressource sur l'autre nœud — IPSec met combien si "
                 "NLBSFlags=1 sur le frontal ?")
    assert got.answered and "2 minutes" in got.answer, got.answer


@pytest.mark.parametrize(("question", "answered"), [
    ("does MSFT support IPsec transport-mode ESP to a clustered 2003 back-end?", True),
    ("what's MSFT trading at right now?", False),
])
def test_msft_is_microsoft_and_its_share_price_is_not_asked(question: str, answered: bool) -> None:
    assert answer(question).answered is answered
