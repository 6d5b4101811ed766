"""Loading the data files: broken data fails at load time, naming the field."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from kb.errors import KBDataError
from kb.snapshot import encode
from kb.store import ARTICLE_FILE, QUESTIONS_FILE, SOURCE_FILE, load_derived, load_kb


def _copy(tmp_path: Path) -> tuple[Path, Path, Path]:
    paths = tuple(Path(shutil.copy(p, tmp_path / Path(p).name)) for p in (ARTICLE_FILE, QUESTIONS_FILE, SOURCE_FILE))
    return paths  # type: ignore[return-value]


def _edit(path: Path, change: Callable[[Any], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _fact(data: Any, fact_id: str) -> dict[str, Any]:
    return next(f for f in data["facts"] if f["id"] == fact_id)


def test_packaged_data_loads_with_every_fact() -> None:
    kb = load_kb(use_cache=False)
    assert len(kb.facts) >= 30
    assert kb.article.article.number == "821839"
    for fact_id in ("registry.location", "unplanned.total_nlbsflags", "policy.passwords", "planned.timing"):
        assert fact_id in kb.facts


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: _fact(d, "planned.timing")["data"].__setitem__("min_seconds", "three"),
         "](planned.timing).data.min_seconds"),
        (lambda d: _fact(d, "planned.timing").pop("quote"), "](planned.timing).quote: Field required"),
        (lambda d: _fact(d, "registry.data")["data"].__setitem__("value_type", "REG_SZ"),
         "](registry.data).data.value_type"),
        (lambda d: _fact(d, "auth.http")["text"].pop("fr"), "](auth.http).text.fr: Field required"),
        (lambda d: _fact(d, "auth.http").__setitem__("colour", "blue"), "](auth.http).colour"),
        (lambda d: _fact(d, "unplanned.total_default")["data"].__setitem__("total_seconds", 400),
         "total_seconds must equal idle_seconds + ike_seconds"),
        (lambda d: _fact(d, "policy.passwords")["data"]["ports"][0].__setitem__("port", 70000),
         "port must be between 1 and 65535"),
        (lambda d: _fact(d, "auth.http").__setitem__("quote", "Exchange 2003 prend en charge SSL partout."),
         "](auth.http).quote: not found verbatim"),
        (lambda d: _fact(d, "auth.http").__setitem__("section", "nowhere"),
         "](auth.http).section: unknown section"),
        (lambda d: d["facts"].append(dict(d["facts"][0])), "duplicate id"),
    ],
)
def test_broken_article_names_the_field(tmp_path: Path, change: Callable[[Any], None], expected: str) -> None:
    article, questions, source = _copy(tmp_path)
    _edit(article, change)
    with pytest.raises(KBDataError) as err:
        load_kb(article, questions, source, use_cache=False)
    assert expected in str(err.value)
    assert str(err.value).startswith("kb821839.yaml: ")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["intents"][0].__setitem__("facts", ["no.such.fact"]), "exactly one of facts, compute or gap"),
        (lambda d: d["intents"][4].__setitem__("facts", ["no.such.fact"]), "unknown fact 'no.such.fact'"),
        (lambda d: d["intents"][0]["requires"].append(["telepathy"]), "unknown concept 'telepathy'"),
        (lambda d: d["intents"][0].__setitem__("compute", "guess"), "unknown computation 'guess'"),
        (lambda d: d["templates"].pop("not_covered"), "templates: missing not_covered"),
        (lambda d: d["concepts"][0].pop("terms"), "concepts[0](frontend).terms: Field required"),
        (lambda d: d["concepts"][0]["terms"].append("Serveur-Frontal"),
         "term 'Serveur-Frontal' must be written normalised, as 'serveur frontal'"),
        (lambda d: d["unsaid"][0]["requires"].append(["telepathy"]), "unsaid[0](detail_choice): unknown concept"),
        (lambda d: d["unsaid"][0].__setitem__("detail", "detail_nothing"), "unknown template 'detail_nothing'"),
        (lambda d: d["unsaid"][0]["words"].append("@feelings"), "unknown word set '@feelings'"),
        (lambda d: d["word_sets"]["tuning"].append("Shorten It"), "word_sets.tuning: 'Shorten It' is not one"),
        (lambda d: d["contexts"][0]["add"].append("telepathy"), "contexts[0]: unknown concept 'telepathy'"),
        (lambda d: d["contexts"][0].pop("add"), "contexts[0]: neither drop nor add"),
        (lambda d: d["contexts"][1]["words"].append(["Expired Now"]), "contexts[1]: 'Expired Now' is not one"),
    ],
)
def test_broken_questions_name_the_field(tmp_path: Path, change: Callable[[Any], None], expected: str) -> None:
    article, questions, source = _copy(tmp_path)
    _edit(questions, change)
    with pytest.raises(KBDataError) as err:
        load_kb(article, questions, source, use_cache=False)
    assert expected in str(err.value)


def test_invalid_yaml_is_reported(tmp_path: Path) -> None:
    article, questions, source = _copy(tmp_path)
    article.write_text("facts: [unclosed", encoding="utf-8")
    with pytest.raises(KBDataError, match="not valid YAML"):
        load_kb(article, questions, source, use_cache=False)


def test_a_key_given_twice_is_reported_not_silently_replaced(tmp_path: Path) -> None:
    article, questions, source = _copy(tmp_path)
    text = questions.read_text(encoding="utf-8")
    questions.write_text(text.replace("  products:\n", "  products:\n    IPv6: [ipv6]\n", 1), encoding="utf-8")
    with pytest.raises(KBDataError, match="given twice"):
        load_kb(article, questions, source, use_cache=False)


def test_an_edit_is_validated_even_after_the_good_file_was_cached(tmp_path: Path) -> None:
    article, questions, source = _copy(tmp_path)
    good = load_kb(article, questions, source)
    again = load_kb(article, questions, source)  # served from the cache
    assert encode(again.article) == encode(good.article)
    assert encode(again.questions) == encode(good.questions)
    _edit(article, lambda d: _fact(d, "planned.timing")["data"].__setitem__("max_seconds", 1))
    with pytest.raises(KBDataError, match="min_seconds <= max_seconds"):
        load_kb(article, questions, source)


def test_unwritable_cache_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("OAKLEY_CACHE_DIR", str(blocker / "sub"))
    assert load_kb().facts


def test_compute_names_match_the_engine() -> None:
    from kb.answers import COMPUTE
    from kb.validate import COMPUTE_NAMES

    assert set(COMPUTE) == COMPUTE_NAMES


def test_a_truncated_or_foreign_snapshot_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kb.engine import build

    monkeypatch.setenv("OAKLEY_CACHE_DIR", str(tmp_path / "cache"))
    article, questions, source = _copy(tmp_path)
    kb, built = load_derived(build, article, questions, source)
    [snapshot] = (tmp_path / "cache").iterdir()
    for damaged in (snapshot.read_bytes()[:100], b"not a pickle", b""):
        snapshot.write_bytes(damaged)
        again, rebuilt = load_derived(build, article, questions, source)
        assert encode(again.article) == encode(kb.article)
        assert rebuilt.known == built.known and rebuilt.lexicon.table == built.lexicon.table
    assert snapshot.read_bytes()[:2] != b"no"  # written whole again


def test_the_engine_from_the_snapshot_answers_as_one_built_afresh(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from kb.engine import Engine, build

    monkeypatch.setenv("OAKLEY_CACHE_DIR", str(tmp_path / "cache"))
    load_derived(build)  # writes the snapshot
    kb, built = load_derived(build)  # reads it
    fresh = Engine(load_kb(use_cache=False))
    cached = Engine(kb, built)
    for q in ("How long does failover take on a 2003 front-end without NLBSFlags?", "Quel port pour IKE ?",
              "Does it cover IPv6?", "combien de temps gagne-t-on avec NLBSFlags sur 2003"):
        assert cached.answer(q) == fresh.answer(q)


def test_two_processes_starting_cold_share_one_snapshot(tmp_path: Path) -> None:
    """Both build and write the snapshot at once (temporary file, then rename): both answer, and it reads back."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "OAKLEY_CACHE_DIR": str(tmp_path / "cache")}
    code = "from kb.engine import answer; print(answer('How long does a planned move take?').answer)"
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs) and outs[0] == outs[1] and "3" in outs[0]
    snapshots = [p for p in (tmp_path / "cache").iterdir() if p.suffix == ".pickle"]
    assert len(snapshots) == 1 and not [p for p in (tmp_path / "cache").iterdir() if p.suffix == ".tmp"]
    again = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert again.stdout == outs[0]


def test_a_new_snapshot_replaces_the_ones_of_earlier_edits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kb.engine import build

    cache = tmp_path / "cache"
    monkeypatch.setenv("OAKLEY_CACHE_DIR", str(cache))
    article, questions, source = _copy(tmp_path)
    load_derived(build, article, questions, source)
    [first] = cache.iterdir()
    (cache / "unrelated.txt").write_text("kept")
    questions.write_text(questions.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    load_derived(build, article, questions, source)  # a new key: a new snapshot, the old one removed
    names = sorted(p.name for p in cache.iterdir())
    assert first.name not in names and "unrelated.txt" in names and len(names) == 2, names
    load_derived(build, article, questions, source)  # served from the snapshot: nothing listed or removed
    assert sorted(p.name for p in cache.iterdir()) == names
