"""The test databases are reachable (the later storage tests rely on both)."""

from __future__ import annotations

import sqlalchemy as sa


def test_database_answers(database_url: str) -> None:
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text("select 1 + 1")).scalar_one() == 2
    finally:
        engine.dispose()
