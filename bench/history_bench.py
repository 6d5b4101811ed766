"""How fast the history answers for one host when the audit log is large.

Fills a fresh database with 1,000,000 audit events (200,000 changes over 200
hosts, five chained events each), then times `history` for one host — the
chat page (newest 20) and the full list `oakley history --host` prints — on
SQLite and on PostgreSQL. Prints median and p99 of repeated queries.

Reproduce:  .venv/bin/python bench/history_bench.py
            OAKLEY_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test .venv/bin/python bench/history_bench.py
Target:     under 50 ms on both.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import audit, history  # noqa: E402
from bot.db.engine import make_engine, session_factory, upgrade  # noqa: E402
from bot.db.models import AuditEvent, Change  # noqa: E402
from bot.services import settle_heap  # noqa: E402

ACTIONS = ("requested", "approved", "executing", "remote_write", "succeeded")


def rows(events: int, hosts: int) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    changes, audits = [], []
    start = datetime(2024, 1, 1, tzinfo=UTC)
    prev = audit.GENESIS
    for cid in range(1, events // len(ACTIONS) + 1):
        host = f"fe{cid % hosts:03d}"
        at = start + timedelta(minutes=cid)
        changes.append(dict(id=cid, group_id=cid, host=host, value_name="NLBSFlags", action="set", target_value=1,
                            before_present=False, before_value=None, before_type=None, after_present=True,
                            after_value=1, after_type="REG_DWORD", status="succeeded", requester="alice",
                            approver="bob", reason="bench", decision_reason=None, kb_summary="", acknowledged=False,
                            outside_guidance=None, reverts=None, requested_at=at, expires_at=at + timedelta(hours=1),
                            decided_at=at, executed_at=at, error=None, channel=None, message_ts=None))
        for action in ACTIONS:
            details = "{}"
            digest = audit.event_hash(None, prev, at, "bob", action, cid, host, details)
            audits.append(dict(id=len(audits) + 1, at=at, actor="bob", action=action, change_id=cid, host=host,
                               details=details, prev_hash=prev, hash=digest))
            prev = digest
    return changes, audits


def fill(engine: sa.Engine, changes: list[dict[str, object]], audits: list[dict[str, object]]) -> None:
    if engine.dialect.name == "postgresql":
        raw = engine.raw_connection()
        try:
            with raw.cursor() as cur:  # type: ignore[attr-defined]
                for table, data in (("changes", changes), ("audit_events", audits)):
                    cols = list(data[0])
                    with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                        for row in data:
                            copy.write_row([row[c] for c in cols])
            raw.commit()
        finally:
            raw.close()
        with engine.begin() as conn:
            conn.execute(sa.text("ANALYZE"))
        return
    with engine.begin() as conn:
        conn.execute(sa.insert(Change), changes)
        conn.execute(sa.insert(AuditEvent), audits)
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")


def measure(url: str, label: str, events: int, runs: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    changes, audits = rows(events, 200)
    t = time.perf_counter()
    fill(engine, changes, audits)
    loaded = time.perf_counter() - t
    counts = len(audits), len(changes)
    del changes, audits  # the bot never holds the log in memory; neither should the timing
    settle_heap()  # as the bot does once started
    sessions = session_factory(engine)
    history.query(sessions, host="fe000", limit=20)  # connect and warm the statement cache
    for name, limit in (("chat page (20)", 20), ("full host history", 10**9)):
        times = []
        for i in range(runs):
            host = f"fe{(i * 37) % 200:03d}"
            start = time.perf_counter()
            found = history.query(sessions, host=host, limit=limit)
            times.append(time.perf_counter() - start)
        times.sort()
        print(f"{label:10} {name:18} {len(found):5} rows: median {statistics.median(times) * 1e3:6.1f} ms, "
              f"p99 {times[min(len(times) - 1, int(len(times) * 0.99))] * 1e3:6.1f} ms (target < 50 ms)")
    print(f"{label:10} loaded {counts[0]:,} audit events and {counts[1]:,} changes in {loaded:.1f} s")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        measure(f"sqlite:///{tmp}/history.db", "SQLite", args.events, args.runs)
    base = os.environ.get("OAKLEY_TEST_DATABASE_URL")
    if not base:
        print("PostgreSQL: set OAKLEY_TEST_DATABASE_URL to measure it too")
        return
    base = base.replace("postgresql://", "postgresql+psycopg://", 1)
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        sep = "&" if "?" in base else "?"
        measure(f"{base}{sep}options=-csearch_path%3D{schema}", "PostgreSQL", args.events, args.runs)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    print(f"reproduce: python bench/history_bench.py --events {args.events} --runs {args.runs}")


if __name__ == "__main__":
    main()
