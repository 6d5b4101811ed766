"""Load the knowledge base, validating it whenever a data file changed.

Validation (YAML + pydantic) costs more than answering a hundred questions,
so the validated result is cached as JSON under a name derived from the
bytes of the data files and of the schema. Any edit changes the name and is
validated again before use; a cache that cannot be written is not an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kb.decode import build
from kb.model import Article, Fact, Questions

DATA_DIR = Path(__file__).resolve().parent / "data"
ARTICLE_FILE = DATA_DIR / "kb821839.yaml"
QUESTIONS_FILE = DATA_DIR / "questions.yaml"
SOURCE_FILE = DATA_DIR / "kb821839-fr.txt"
_SCHEMA_FILES = (Path(__file__).resolve().parent / "model.py", Path(__file__).resolve().parent / "validate.py")


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """The article and the question data, with facts indexed by id."""

    article: Article
    questions: Questions
    facts: dict[str, Fact]

    @classmethod
    def of(cls, article: Article, questions: Questions) -> KnowledgeBase:
        return cls(article, questions, {f.id: f for f in article.facts})


def cache_dir() -> Path:
    explicit = os.environ.get("OAKLEY_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "oakley"


def _digest(paths: tuple[Path, ...]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:32]


def load_kb(
    article_path: Path = ARTICLE_FILE,
    questions_path: Path = QUESTIONS_FILE,
    source_path: Path = SOURCE_FILE,
    *,
    use_cache: bool = True,
) -> KnowledgeBase:
    """Load and validate; raises `kb.errors.KBDataError` naming the bad field."""
    paths = (article_path, questions_path, source_path, *_SCHEMA_FILES)
    cached = cache_dir() / f"kb-{_digest(paths)}.json" if use_cache else None
    if cached is not None:
        try:
            raw = json.loads(cached.read_text(encoding="utf-8"))
            return KnowledgeBase.of(build(Article, raw["article"]), build(Questions, raw["questions"]))
        except (OSError, ValueError, KeyError, TypeError):
            pass  # absent or unreadable: validate afresh
    from kb import validate  # pydantic and YAML only on this path

    article, questions = validate.load_validated(article_path, questions_path, source_path)
    if cached is not None:
        _write_atomically(cached, json.dumps(validate.dump(article, questions), ensure_ascii=False))
    return KnowledgeBase.of(article, questions)


def _write_atomically(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".kb-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        pass  # read-only home or full disk: answer anyway, just slower next time


@cache
def default_kb() -> KnowledgeBase:
    """The packaged knowledge base, loaded once per process."""
    return load_kb()
