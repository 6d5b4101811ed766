"""Load the knowledge base, validating it whenever a data file changed.

Validation (YAML + pydantic) costs more than answering a hundred questions,
so the validated result — and, for the engine, the structures it builds from
it (lexicon, speller, known words) — is cached as a pickle under a name
derived from the bytes of the data files and of the kb code. Any edit changes
the name and is validated again before use; a cache that cannot be read is
rebuilt, one that cannot be written is not an error, and two processes
writing it at once each replace it whole (write to a temporary file, rename).
The cache lives in the user's own cache directory, as trusted as the code.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterable
from functools import cache

from kb.model import Article, Fact, Questions
from kb.record import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# os.path rather than pathlib: this module is on the start-up path of `ask`.
_HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DIR = os.path.join(_HERE, "data")
ARTICLE_FILE = os.path.join(DATA_DIR, "kb821839.yaml")
QUESTIONS_FILE = os.path.join(DATA_DIR, "questions.yaml")
SOURCE_FILE = os.path.join(DATA_DIR, "kb821839-fr.txt")
#: The snapshot's format version; bump it when the pickled shape changes without a kb/*.py edit.
_FORMAT = "2"


class KnowledgeBase(Record):
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


def _stamp(paths: tuple[str, ...]) -> str:
    """Size and modification time of each file: the code changes only by an edit, seconds apart (cheaper
    than reading two dozen modules at every cold start; the data files, which tests rewrite at once, are read)."""
    return "-".join(f"{st.st_size:x}.{st.st_mtime_ns:x}" for st in map(os.stat, paths))


def _code_files() -> tuple[str, ...]:
    """Every module of kb/: the schema, and the code that builds what is cached with the data."""
    return tuple(os.path.join(_HERE, f) for f in sorted(os.listdir(_HERE)) if f.endswith(".py"))


def load_kb(
    article_path: str | os.PathLike[str] = ARTICLE_FILE,
    questions_path: str | os.PathLike[str] = QUESTIONS_FILE,
    source_path: str | os.PathLike[str] = SOURCE_FILE,
    *,
    use_cache: bool = True,
) -> KnowledgeBase:
    """Load and validate; raises `kb.errors.KBDataError` naming the bad field."""
    return load_derived(None, article_path, questions_path, source_path, use_cache=use_cache)[0]


def load_derived(
    derive: Callable[[KnowledgeBase], Any] | None,
    article_path: str | os.PathLike[str] = ARTICLE_FILE,
    questions_path: str | os.PathLike[str] = QUESTIONS_FILE,
    source_path: str | os.PathLike[str] = SOURCE_FILE,
    *,
    use_cache: bool = True,
) -> tuple[KnowledgeBase, Any]:
    """The knowledge base and `derive(kb)` (None without `derive`), both from the snapshot when it is current.

    `derive` must be a module-level function of kb/ whose result pickles; its name is part of the key.
    """
    import _pickle  # the C pickle alone: `pickle` itself costs a cold start more than it saves

    name = f"{derive.__module__}.{derive.__qualname__}" if derive else ""
    key = f"{_FORMAT}:{name}:{_digest((article_path, questions_path, source_path))}:{_stamp(_code_files())}" \
        if use_cache else ""
    cached = os.path.join(cache_dir(), f"kb-{zlib.crc32(key.encode()):08x}.pickle") if use_cache else None
    if cached is not None:
        try:
            with open(cached, "rb") as fh:
                stored_key, kb, derived = _pickle.load(fh)
            if stored_key == key and isinstance(kb, KnowledgeBase):
                return kb, derived
        except Exception:  # absent, truncated, or pickled by other code: validate afresh
            pass
    from pathlib import Path

    from kb import validate  # pydantic and YAML only on this path

    article, questions = validate.load_validated(Path(article_path), Path(questions_path), Path(source_path))
    kb = KnowledgeBase.of(article, questions)
    derived = derive(kb) if derive else None
    if cached is not None:
        _write_atomically(cached, _pickle.dumps((key, kb, derived), protocol=5))
    return kb, derived


def _write_atomically(path: str, data: bytes) -> None:
    import tempfile

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".kb-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except OSError:
            os.unlink(tmp)
            raise
    except OSError:
        return  # read-only home or full disk: answer anyway, just slower next time
    _forget_others(path)


def _forget_others(path: str) -> None:
    """Snapshots of earlier data or code: one per edit would pile up in the cache for ever.

    Only on a rebuild, so a cold `oakley ask` never lists the directory. Another
    version of Oakley sharing the cache rebuilds its own snapshot when it next starts.
    """
    from contextlib import suppress

    folder, keep = os.path.split(path)
    with suppress(OSError):
        for name in os.listdir(folder):
            if name != keep and name.startswith("kb-") and name.endswith(".pickle"):
                with suppress(OSError):  # gone already, or not ours to remove
                    os.unlink(os.path.join(folder, name))


@cache
def default_kb() -> KnowledgeBase:
    """The packaged knowledge base, loaded once per process."""
    return load_kb()
