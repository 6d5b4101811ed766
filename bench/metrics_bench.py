"""How long a Prometheus scrape takes when the database is large.

The database gauges (changes by status, pending approvals, audit chain
length) are computed at scrape time, so a scrape costs a few queries. Fills a
fresh database with 1,000,000 audit events and 200,000 changes (as
bench/history_bench.py does) and times the whole /metrics exposition.

Reproduce:  .venv/bin/python bench/metrics_bench.py [--events N]
            OAKLEY_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test .venv/bin/python bench/metrics_bench.py
Target:     well under Prometheus' default 10 s scrape timeout; under 1 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from history_bench import fill, rows  # noqa: E402

from bot import metrics  # noqa: E402
from bot.db.engine import make_engine, upgrade  # noqa: E402


def measure(url: str, events: int, repeat: int) -> list[float]:
    engine = make_engine(url)
    upgrade(engine)
    changes, audits = rows(events, 200)
    fill(engine, changes, audits)
    metrics.watch_database(engine)
    took = []
    for _ in range(repeat):
        start = time.perf_counter()
        body, _ = metrics.exposition()
        took.append(time.perf_counter() - start)
    line = next(x for x in body.decode().splitlines() if x.startswith("oakley_audit_chain_length "))
    assert float(line.split()[1]) == len(audits), line
    engine.dispose()
    return took


def report(name: str, took: list[float]) -> None:
    took = sorted(took)
    print(f"{name:11} scrape median {statistics.median(took) * 1000:7.1f} ms   max {took[-1] * 1000:7.1f} ms "
          f"({len(took)} scrapes)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report("SQLite", measure(f"sqlite:///{tmp}/bench.db", args.events, args.repeat))
    base = os.environ.get("OAKLEY_TEST_DATABASE_URL")
    if base:
        schema = f"b_{uuid.uuid4().hex[:10]}"
        admin = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        try:
            sep = "&" if "?" in base else "?"
            report("PostgreSQL", measure(f"{base}{sep}options=-csearch_path%3D{schema}", args.events, args.repeat))
        finally:
            with admin.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


if __name__ == "__main__":
    main()
