"""Host names as typed, did-you-mean, reasons, and French command words."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers import french, names, reason
from handlers.grammar import Check, SetValue, parse
from remote.inventory import Inventory, load_inventory

INVENTORY = """
all:
  vars: {ansible_host: 10.0.0.9}
  children:
    frontends:
      hosts:
        fe01: {ansible_host: fe01.corp.example}
        fe02: {ansible_host: 10.0.0.2}
    backends:
      hosts:
        be01: {}
"""


@pytest.fixture
def inventory(tmp_path: Path) -> Inventory:
    path = tmp_path / "inv.yaml"
    path.write_text(INVENTORY)
    return load_inventory(path)


def test_names_are_matched_whatever_the_case_or_form(inventory: Inventory) -> None:
    got = names.resolve(inventory, ["FE01", "Frontends", "10.0.0.2", "fe01.CORP.example", "be01.other.example"])
    assert got.names == ("fe01", "frontends", "fe02", "be01") and got.unknown == ()
    assert names.resolve(inventory, ["tous"]).names == ("all",)


def test_unknown_names_get_suggestions(inventory: Inventory) -> None:
    got = names.resolve(inventory, ["fe0l", "frontend", "zz99"])
    assert got.unknown == ("fe0l", "frontend", "zz99")
    assert got.suggestions["fe0l"][0] == "fe01" and got.suggestions["frontend"] == ["frontends"]
    assert got.suggestions["zz99"] == []


def test_command_suggestions() -> None:
    assert names.command_suggestion("chekc") == "check"
    assert names.command_suggestion("aprove") == "approve"
    assert names.command_suggestion("histroy") == "history"
    assert names.command_suggestion("check") is None and names.command_suggestion("what") is None


@pytest.mark.parametrize(("typed", "problem"), [
    ("", "required"), ("   ", "required"), ("because", "few words"), ("CHG-1", "few words"),
    ("faster IPSec recovery", None), ("CHG-1234 faster failover", None),
])
def test_reason_needs_a_few_words(typed: str, problem: str | None) -> None:
    found = reason.problem(typed, None)
    assert (found is None) if problem is None else (problem in (found or ""))


def test_reason_pattern() -> None:
    assert reason.problem("faster recovery please", r"\bCHG-\d+") is not None
    assert "CHG" in (reason.problem("faster recovery please", r"\bCHG-\d+") or "")
    assert reason.problem("CHG-42", r"\bCHG-\d+") is None
    assert "obligatoire" in (reason.problem("", None, "fr") or "")


@pytest.mark.parametrize(("typed", "command"), [
    ("vérifier tous", Check(("tous",))),
    ("verifier fe01 fe02", Check(("fe01", "fe02"))),
    ("définir nlbsflags 1 sur fe01 car CHG-1 bascule plus rapide", SetValue(1, ("fe01",), "CHG-1 bascule plus rapide")),
    ("supprimer nlbsflags sur fe01 car retour arrière demandé", SetValue(None, ("fe01",), "retour arrière demandé")),
])
def test_french_commands(typed: str, command: object) -> None:
    assert parse(french.to_grammar(typed)) == command


def test_french_words_are_not_rewritten_inside_a_reason() -> None:
    text = "set nlbsflags 1 on fe01 because annuler la panne de vérifier"
    assert french.to_grammar(text) == text
    assert french.is_french_command("aide") and not french.is_french_command("help")


def test_many_unknown_names_on_a_large_inventory_stay_cheap(tmp_path: Path) -> None:
    import time

    hosts = "\n".join(f"        fe{i:04d}: {{}}" for i in range(3000))
    path = tmp_path / "big.yaml"
    path.write_text(f"all:\n  children:\n    frontends:\n      hosts:\n{hosts}\n")
    inventory = load_inventory(path)
    start = time.perf_counter()
    got = names.resolve(inventory, [f"fx{i:04d}" for i in range(2000)])
    assert len(got.unknown) == 2000 and len(got.suggestions) == names.SUGGEST_FOR
    assert time.perf_counter() - start < 10  # generous; about 0.1 s here
