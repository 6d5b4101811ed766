"""The question corpus: accuracy over paraphrases, typos, both languages, and refusals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kb.engine import answer
from tests.kb.grading import in_scope, problems

CORPUS: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "corpus.yaml").read_text(encoding="utf-8"))


def test_corpus_is_large_and_varied() -> None:
    assert len(CORPUS) >= 150
    assert sum(1 for i in CORPUS if not i["facts"]) >= 30
    assert sum(1 for i in CORPUS if i.get("lang") == "fr") >= 40


def test_accuracy_at_least_97_percent_and_no_out_of_scope_answered() -> None:
    results = [(item, answer(item["q"])) for item in CORPUS]
    wrong = [(i["q"], g.intent, problems(i, g)) for i, g in results if problems(i, g)]
    answered_oos = [i["q"] for i, g in results if not i["facts"] and g.answered]
    assert answered_oos == []
    assert (len(CORPUS) - len(wrong)) / len(CORPUS) >= 0.97, wrong


@pytest.mark.parametrize("item", [i for i in CORPUS if i["facts"]][:40], ids=lambda i: i["q"][:50])
def test_answers_cite_the_article(item: dict[str, Any]) -> None:
    got = answer(item["q"])
    assert got.answered
    assert len(got.citations) == len(got.facts)
    for citation in got.citations:
        assert citation.article == "821839"
        assert citation.quote and citation.section


def test_refusal_suggests_what_can_be_asked() -> None:
    en = answer("How do I configure IPSec on Exchange 2010?")
    assert not en.answered and en.facts == () and en.citations == ()
    assert "Exchange 2010" in en.answer and "NLBSFlags" in en.answer
    fr = answer("Quel est le temps de basculement sous Windows Server 2012 ?")
    assert fr.lang == "fr" and "Demandez-moi" in fr.answer


def test_answers_in_the_language_asked_for() -> None:
    got = answer("Where do I set NLBSFlags?", lang="fr")
    assert got.lang == "fr" and "frontal" in got.answer
    assert got.citations[0].section == "Pour modifier l'heure de renégociation"


def test_restart_is_not_claimed_either_way() -> None:
    got = answer("Do I need to restart the server after changing NLBSFlags?")
    assert not got.answered
    assert "does not say whether" in got.answer


def test_json_shape() -> None:
    data = answer("What value should NLBSFlags have?").to_json()
    assert set(data) == {"question", "lang", "answered", "answer", "facts", "citations"}
    assert data["facts"][0] == "registry.data"
    assert set(data["citations"][0]) == {"article", "section", "quote"}


def test_chat_text_is_never_echoed_into_answers() -> None:
    hostile = "'; DROP TABLE changes; -- && reg delete HKLM /f <script>alert(1)</script>"
    got = answer(hostile)
    assert "DROP" not in got.answer and "<script>" not in got.answer
    refused = answer("What about Exchange 2010 <script>alert(1)</script>?")
    assert not refused.answered and "<script>" not in refused.answer


def _score(name: str) -> tuple[float, float]:
    items = yaml.safe_load((Path(__file__).parent / name).read_text(encoding="utf-8"))
    results = [(i, answer(i["q"])) for i in items]
    right = sum(not problems(i, g) for i, g in results)
    oos = [g for i, g in results if not in_scope(i)]
    return right / len(items), sum(not g.answered for g in oos) / len(oos)


def test_dev_sets_written_apart_from_the_engine() -> None:
    """dev*.yaml were written from the article by people who had not seen the engine, then tuned on."""
    for name in ("dev.yaml", "dev2.yaml", "dev3.yaml", "dev4.yaml"):
        accuracy, declined = _score(name)
        assert accuracy >= 0.82 and declined >= 0.90, (name, accuracy, declined)
    # Written later by another helper; first runs 77.5 % and 65.5 %. Floors just under what they reach now.
    for name, floor, declined_floor in (("dev5.yaml", 0.83, 0.90), ("dev6.yaml", 0.75, 0.86)):
        accuracy, declined = _score(name)
        assert accuracy >= floor and declined >= declined_floor, (name, accuracy, declined)


def test_held_out_sets_do_not_regress() -> None:
    """Never tuned on (bench/kb_heldout.py prints the scores): a floor under the measured level, not the target."""
    for name, floor in (("heldout.yaml", 0.82), ("heldout2.yaml", 0.82)):
        accuracy, _ = _score(name)
        assert accuracy >= floor, f"{name}: {accuracy:.1%}"
