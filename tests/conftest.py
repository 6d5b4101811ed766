"""Shared fixtures: an isolated KB cache, and the test databases (DESIGN.md §8)."""

from __future__ import annotations

import os
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


def _database_urls() -> list[pytest.param]:
    urls = [pytest.param("sqlite", id="sqlite")]
    urls.append(pytest.param("postgresql", id="postgresql"))
    return urls


@pytest.fixture(params=_database_urls())
def database_url(request: pytest.FixtureRequest, tmp_path: os.PathLike[str]) -> str:
    """A database URL per backend: SQLite in a temp dir, PostgreSQL from the env.

    Under CI=true a missing OAKLEY_TEST_DATABASE_URL is a failure, not a skip.
    """
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/oakley.db"
    url = os.environ.get("OAKLEY_TEST_DATABASE_URL")
    if not url:
        if CI:
            pytest.fail("OAKLEY_TEST_DATABASE_URL is not set under CI=true")
        pytest.skip("OAKLEY_TEST_DATABASE_URL not set; PostgreSQL tests skipped")
    return url
