"""What the article never says about its own subjects is declined with a reason (questions.yaml `unsaid`),
and concepts read by their context (`contexts`)."""

from __future__ import annotations

import pytest

from kb import contexts
from kb.engine import answer
from kb.store import default_kb


@pytest.mark.parametrize(("question", "reason"), [
    ("Can we run IPSec in tunnel mode between the FE and the clustered BE?", "not tunnel mode"),
    ("le mode tunnel est-il supporté entre frontal et cluster ?", "pas du mode tunnel"),
    ("Our back-end nodes are Itanium. Is IPSec supported on them?", "32-bit x86"),
    ("Windows 2003 64 bits sur les nœuds, c'est pris en charge pour ce scénario ?", "32 bits x86"),
    ("Why did Microsoft pick one minute for the idle timer with NLBSFlags?", "not why they were chosen"),
    ("Is there a registry setting to shorten the planned move's few seconds?", "no setting"),
])
def test_what_the_article_never_says_is_declined_with_its_reason(question: str, reason: str) -> None:
    got = answer(question)
    assert not got.answered and reason in got.answer, got.answer


@pytest.mark.parametrize(("question", "start"), [
    ("Does the article's list of products include Windows Server 2003 x64?", "No"),
    ("Microsoft supports tunnel mode here, correct?", "No"),
    ("Which IPSec mode does Microsoft support here?", ""),
])
def test_the_list_of_products_and_a_claim_still_get_the_articles_answer(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start) and ("x86" in got.answer or "ESP" in got.answer), got.answer


@pytest.mark.parametrize("question", [
    "How do I change the 5-minute idle timer on a Windows 2000 front-end?",
    "Can another flag value push the idle time under a minute, say 20 seconds?",
    "In Python, how do I read a registry value?",
])
def test_settings_and_tools_the_article_never_gives_are_declined(question: str) -> None:
    got = answer(question)
    assert not got.answered, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("« n?ud », c'est quoi au juste ?", "nœud"),
    ("C'est quoi les étapes pour mettre la valeur ?", "regedit"),
    ("Does the KB walk you through creating the IPSec policies?", "Help and Support"),
    ("L'IP virtuelle fait quoi quand on déplace le groupe ?", "supprimée par programmation"),
    ("is 'serveur principal' a front-end server?", "back-end"),
    ("after a crash (not a planned move), how long is the idle timer?", "5 minutes"),
    ("Le flag réduit-tu l'inactivité à 1 minute sur 2003?", "Oui"),
    ("NLBSFlags va-tu sur le back-end?", "Non"),
])
def test_chat_phrasings_the_article_answers(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "Should we pick AH over ESP for the FE-BE hop?",
    "AH plutôt qu'ESP, c'est mieux ? et c'est quoi la différence entre les deux ?",
    "Combien de pourcentage de CPU l'ESP consomme sur les nœuds ?",
])
def test_ah_and_cpu_cost_decline_whole(question: str) -> None:
    got = answer(question)
    assert not got.answered, got.answer


@pytest.mark.parametrize(("question", "start"), [
    ("Does the NLBSFlags tweak make IKE's main mode quicker as well?", "No"),
    ("Windows 2000 pas en cluster : pris en charge ?", "Oui"),
    ("Is IPSec FE-BE supported on 2003 whether or not you cluster?", "Yes"),
])
def test_yes_no_on_ike_standalone_and_whether_or_not(question: str, start: str) -> None:
    got = answer(question)
    assert got.answered and got.answer.startswith(start), got.answer


def test_an_ops_role_is_an_ordinary_word_and_a_reason_asked_is_not_yes_no() -> None:
    got = answer("devops here: how many minutes does NLBSFlags save per crash?")
    assert got.answered and "4 minutes" in got.answer, got.answer
    got = answer("main reason IMAP4 users need IPSec between FE and BE?")
    assert got.answered and not got.answer.startswith(("Yes", "No")), got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Long story short: is the IMAP4 password exposed between FE and BE?", "Yes. POP3 and IMAP4"),
    ("I keep being asked whether OWA traffic to the BE is encrypted. To make a long story short: is it?", "No"),
    ("Quelle est l'amplitude de la fourchette du déplacement planifié ?", "3 secondes de plus"),
    ("what's the median of the planned-move range?", "4.5"),
    ("RTO is max 4 min per failover. Exchange needs 1 min. With and without NLBSFlags, do we make it?",
     "1 minute under"),
])
def test_idioms_ranges_and_a_bound_with_both_states(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("the knob that brings the idle timer down to a minute, what is it and where does it live?", "PolicyAgent"),
    ("Le machin qui accélère la renégociation après un plantage, c'est quoi ?", "NLBSFlags"),
    ("Which product does the KB give as an example of a front-end server?", "Outlook Web Access"),
])
def test_the_thing_that_does_it_and_an_example_are_answered(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


def test_pasted_reg_query_output_and_log_names_are_evidence_not_terms() -> None:
    shown = ("C:\\>reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent\\Oakley /v NLBSFlags\n"
             "    NLBSFlags    REG_DWORD    0x0\n\nthat's FE02. all good?")
    got = answer(shown)
    assert got.answered and got.answer.startswith("No") and "1" in got.answer, got.answer
    missing = ("C:\\>reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent\\Oakley /v NLBSFlags\n"
               "ERROR: The system was unable to find the specified registry key or value.\n"
               "So after a back-end node hangs, how long until IPSec is back?")
    got = answer(missing)
    assert got.answered and "6 minutes" in got.answer, got.answer
    log = ("10:01:02 ClusSvc: group MBXVS02 moved to BE-NODE2 (Cluster Administrator)\n"
           "planned move took 5 s before the FE had its SA back, expected?")
    got = answer(log)
    assert got.answered and got.answer.startswith("Yes"), got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Exchange redémarre en 1 min 30. Donne-moi le total avec la clé et sans.", "3 minutes 30"),
    ("in the case where nothing hangs and we move the group by hand, how many seconds?", "3 to 6 seconds"),
    ("Need for the ticket: (a) the registry path, (b) the value data. Also does the KB say how long a rollback "
     "takes?", "PolicyAgent"),
    ("Trivia: add up the port numbers of the message-flow policy.", "333"),
    ("the 'principal server' of the French text, is that the front-end?", "back-end"),
    ("I set NLBSFlags on both BE nodes, not on the FE. That's what the KB says to do, right?", "No"),
    ("If I'm not using clustering at all on Windows 2000, is FE-BE IPSec supported?", "Yes"),
])
def test_statements_lists_relatives_and_claims(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "summarize the plot of The Matrix",
    "Combien de temps prend la récupération d'Exchange 2003 elle-même, en général ?",
])
def test_a_film_and_exchanges_own_recovery_time_decline(question: str) -> None:
    got = answer(question)
    assert not got.answered, got.answer


def test_a_condition_before_a_wh_question_is_not_yes_no_and_exchange_counts_in_the_saving() -> None:
    got = answer("If Exchange needs 3 minutes to recover, what is the total with NLBSFlags set to 1?")
    assert got.answered and not got.answer.startswith(("Yes", "No")) and "5 minutes" in got.answer, got.answer
    got = answer("De combien de pourcent NLBSFlags raccourcit le basculement si Exchange met 2 minutes ?")
    assert "8 minutes" in got.answer and "50 %" in got.answer, got.answer
    got = answer("Quel pourcentage gagne-t-on avec NLBSFlags si Exchange met 1 minute ?")
    assert "7 minutes contre 3 minutes" in got.answer and "57 %" in got.answer and "2,3 fois" in got.answer, got.answer


def test_whether_another_value_is_safe_is_not_the_articles_call() -> None:
    got = answer("Would NLBSFlags = 3 be safe on our FEs?")
    assert not got.answered and "not the value 3" in got.answer, got.answer


def test_a_figure_true_only_in_the_other_state_gets_no_verdict_when_the_state_is_unsaid() -> None:
    got = answer("Is the idle time on Windows Server 2003 really just 1 minute?")
    assert got.answered and not got.answer.startswith(("Yes", "No")) and "NLBSFlags" in got.answer, got.answer
    got = answer("Is the minimum idle time on Windows 2000 five minutes?")
    assert got.answer.startswith("Yes"), got.answer


@pytest.mark.parametrize(("question", "says"), [
    ("Our BE is a Windows 2000 cluster, not standalone: supported for FE/BE IPSec?", "No"),
    ("What happens, step by step, when I move a clustered resource in Cluster Administrator, and is IPv6 covered?",
     "IKE"),
    ("Pendant un déplacement planifié, qu'advient-il de l'adresse IP virtuelle ?", "supprimée par programmation"),
    ("As someone sniffing the FE-BE link, what could I grab if they don't use IPSec?", "unencrypted"),
    ("Microsoft préconise-t-il le mode tunnel pour ce scénario ?", "Non"),
    ("Does the 'clean' deletion of the SA state happen on a crash or on a manual move?", "Cluster Administrator"),
    ("Si mes mails doivent rester confidentiels et que le pare-feu n'accepte que l'IPSec, c'est une raison valable "
     "selon l'article ?", "pare-feu"),
])
def test_round_of_dev28(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says in got.answer, got.answer


@pytest.mark.parametrize("question", [
    "Typical Exchange 2003 recovery time on a cluster, IPSec aside?",
    "How do I get the idle timer on a Windows 2000 FE under 5 minutes? which registry value does that?",
])
def test_exchanges_own_time_and_a_follow_up_of_a_declined_question_decline(question: str) -> None:
    got = answer(question)
    assert not got.answered, got.answer


def test_a_count_written_as_times_and_a_counterfactual_state() -> None:
    got = answer("We moved the Exchange group 4 times last night. Total IPSec time, worst case?")
    assert "24 seconds" in got.answer, got.answer
    got = answer("On a eu 3 plantages sans NLBSFlags. Combien de minutes en tout, et combien si la valeur avait été "
                 "définie ?")
    assert "18 minutes" in got.answer and "6 minutes au total" in got.answer, got.answer


@pytest.mark.parametrize(("question", "answered", "says"), [
    ("would NLBSFlags = 3 behave differently from 1?", False, "not the value 3"),
    ("Quel surcoût CPU pour l'ESP sur les nœuds ?", False, ""),
    ("Raconte-moi Harry Potter en deux phrases.", False, ""),
    ("What does the KB say about Windows 2000 for FE/BE IPSec?", True, "non-clustered"),
    ("On met NLBSFlags à 0 pour accélérer, c'est ça ?", True, "Non"),
])
def test_round_of_dev27(question: str, answered: bool, says: str) -> None:
    got = answer(question)
    assert got.answered is answered and says in got.answer, got.answer



# The context rules of questions.yaml: each example is the question its rule was written for, read right.
@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("What does Microsoft recommend for POP3?", "110"),
        ("why one more minute after the idle time expires?", "IKE"),
        ("la charge des processeurs joue sur quoi ?", "3 à 6 secondes"),
        ("sur quel port je configure NLBSFlags ?", "HKEY_LOCAL_MACHINE"),
        ("which tool do the steps use?", "regedit"),
    ],
)
def test_a_concept_reads_by_its_context(question: str, says: str) -> None:
    got = answer(question)
    assert got.answered and says.lower() in got.answer.lower(), got.answer


def test_context_rules_apply_in_order_and_only_within_their_concepts() -> None:
    rules = contexts.compile_rules(default_kb().questions)
    tools = frozenset({"tool"})
    assert contexts.read(rules, frozenset({"steps"}), tools) == {"steps", "registry"}
    assert contexts.read(rules, frozenset({"steps", "planned"}), tools) == {"steps", "planned"}  # not its procedure
    # The idle timer and a process, no case named, reads as the crash's: "what happens when SAs go idle?"
    assert contexts.read(rules, frozenset({"idle", "process"}), frozenset()) == {"idle", "process", "unplanned"}
    # "in which case is the idle timer not involved?" is a planned move before the crash's rule comes.
    asked = frozenset({"which", "case", "not"})
    assert contexts.read(rules, frozenset({"idle", "process"}), asked) == {"planned", "process"}
