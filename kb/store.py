"""Load the knowledge base, validating it whenever a data file changed.

Validation (YAML + pydantic) costs more than answering a hundred questions,
so the validated result is cached as JSON under a name derived from the
bytes of the data files and of the schema. Any edit changes the name and is
validated again before use; a cache that cannot be written is not an error.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

from kb.model import Article, Fact, Questions
from kb.snapshot import decode, encode

# os.path rather than pathlib: this module is on the start-up path of `ask`.
_HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DIR = os.path.join(_HERE, "data")
ARTICLE_FILE = os.path.join(DATA_DIR, "kb821839.yaml")
QUESTIONS_FILE = os.path.join(DATA_DIR, "questions.yaml")
SOURCE_FILE = os.path.join(DATA_DIR, "kb821839-fr.txt")
_SCHEMA_FILES = tuple(os.path.join(_HERE, f) for f in ("model.py", "validate.py", "snapshot.py", "store.py", "text.py"))


class KnowledgeBase(NamedTuple):
    """The article and the question data, with facts indexed by id, and every word either uses."""

    article: Article
    questions: Questions
    facts: dict[str, Fact]
    words: frozenset[str]

    @classmethod
    def of(cls, article: Article, questions: Questions, words: Iterable[str] | None = None) -> KnowledgeBase:
        return cls(article, questions, {f.id: f for f in article.facts},
                   frozenset(words if words is not None else _words(article, questions)))


def _words(article: Article, questions: Questions) -> set[str]:
    """The article's own words and the answers' (normalised): never unknown terms. Cached with the snapshot."""
    from kb.text import tokenize

    texts = [f"{f.text.en} {f.text.fr} {f.quote} {f.quote_en or ''}" for f in article.facts]
    texts += [f"{t.en} {t.fr}" for t in questions.templates.values()]
    texts += [f"{i.gap.en} {i.gap.fr}" for i in questions.intents if i.gap is not None]
    return set(tokenize(" ".join(texts)))


def cache_dir() -> str:
    explicit = os.environ.get("OAKLEY_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "oakley")


def _digest(paths: tuple[str | os.PathLike[str], ...]) -> str:
    """Content fingerprint: CRC-32 and length of each file (an edit changes it)."""
    parts = []
    for p in paths:
        with open(p, "rb") as fh:
            data = fh.read()
        parts.append(f"{zlib.crc32(data):08x}{len(data):x}")
    return "-".join(parts)


def load_kb(
    article_path: str | os.PathLike[str] = ARTICLE_FILE,
    questions_path: str | os.PathLike[str] = QUESTIONS_FILE,
    source_path: str | os.PathLike[str] = SOURCE_FILE,
    *,
    use_cache: bool = True,
) -> KnowledgeBase:
    """Load and validate; raises `kb.errors.KBDataError` naming the bad field."""
    paths = (article_path, questions_path, source_path, *_SCHEMA_FILES)
    key = _digest(paths) if use_cache else ""
    cached = os.path.join(cache_dir(), f"kb-{zlib.crc32(key.encode()):08x}.json") if use_cache else None
    if cached is not None:
        try:
            with open(cached, encoding="utf-8") as fh:
                raw = json.load(fh)
            if raw.get("key") == key:
                return KnowledgeBase.of(decode(raw["article"]), decode(raw["questions"]), raw["words"])
        except (OSError, ValueError, KeyError, TypeError):
            pass  # absent or unreadable: validate afresh
    from pathlib import Path

    from kb import validate  # pydantic and YAML only on this path

    article, questions = validate.load_validated(Path(article_path), Path(questions_path), Path(source_path))
    kb = KnowledgeBase.of(article, questions)
    if cached is not None:
        snapshot = {"key": key, "article": encode(article), "questions": encode(questions), "words": sorted(kb.words)}
        _write_atomically(cached, json.dumps(snapshot, ensure_ascii=False))
    return kb


def _write_atomically(path: str, text: str) -> None:
    import tempfile

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".kb-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        pass  # read-only home or full disk: answer anyway, just slower next time


@cache
def default_kb() -> KnowledgeBase:
    """The packaged knowledge base, loaded once per process."""
    return load_kb()
