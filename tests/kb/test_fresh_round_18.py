"""Classes found on the question sets of the eighteenth round (dev103–dev106) and the newcomer's list.

Each case is one of a class: the phrasings are written for the test, not copied
from the question sets the engine was tuned on.
"""

from __future__ import annotations

import pytest

from kb.engine import answer
from tests.kb.asking import answered_starting


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
