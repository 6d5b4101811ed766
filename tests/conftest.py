"""Shared fixtures: an isolated KB cache, and the test databases (DESIGN.md §8)."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator

import pytest

CI = os.environ.get("CI") == "true"


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the KB's validation cache out of the developer's home."""
    old = os.environ.get("OAKLEY_CACHE_DIR")
    os.environ["OAKLEY_CACHE_DIR"] = str(tmp_path_factory.mktemp("oakley-cache"))
    yield
    if old is None:
        os.environ.pop("OAKLEY_CACHE_DIR", None)
    else:
        os.environ["OAKLEY_CACHE_DIR"] = old


def postgres_url() -> str:
    """The PostgreSQL for tests; under CI=true a missing one fails instead of skipping."""
    url = os.environ.get("OAKLEY_TEST_DATABASE_URL")
    if not url:
        if CI:
            pytest.fail("OAKLEY_TEST_DATABASE_URL is not set under CI=true")
        pytest.skip(PG_SKIP_REASON)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: os.PathLike[str]) -> Iterator[str]:
    """A fresh, empty database per test: SQLite in a temp dir, or a new
    PostgreSQL schema (dropped afterwards) on OAKLEY_TEST_DATABASE_URL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/oakley.db"
        return
    with postgres_schema() as url:
        yield url


@contextlib.contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL whose connections use a new, empty schema; dropped on exit."""
    import sqlalchemy as sa

    base = postgres_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


PG_SKIP_REASON = "OAKLEY_TEST_DATABASE_URL not set; PostgreSQL tests skipped"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line saying the PostgreSQL half did not run, and how to run it (`make test` shows it)."""
    every = terminalreporter.stats.get("skipped", [])
    skipped = [r for r in every if isinstance(r.longrepr, tuple) and PG_SKIP_REASON in str(r.longrepr[2])]
    if len(every) > len(skipped):
        terminalreporter.write_line(f"{len(every) - len(skipped)} other tests skipped (pytest -rs lists why)")
    if skipped:
        terminalreporter.write_line(
            f"PostgreSQL: {len(skipped)} test{'s' if len(skipped) != 1 else ''} skipped — run them with "
            "OAKLEY_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test make test (or .ci/run)",
            yellow=True, bold=True)
