"""What the article never says about its own subjects is declined with a reason (questions.yaml `unsaid`)."""

from __future__ import annotations

import pytest

from kb.engine import answer


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
