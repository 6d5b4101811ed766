"""How long `oakley audit verify` takes on a large chain, and how much memory it needs.

Fills a fresh database with N audit events (N/5 succeeded changes, five
chained events each, carrying the `row` data the workflow writes) by bulk
inserts whose hashes are computed here in Python (executemany on SQLite,
COPY on PostgreSQL), then runs the verification in a child process — the
chain walk and the replay of every change row — and prints the times and
the peak RSS. `verify` is what `oakley audit verify` runs (on SQLite the chain walk
and the row replay in two processes at once; on PostgreSQL, where the server
works for each pass too, one after the other); the split times run the same
passes one after the other in one process, with their CPU time. Two sizes show that memory does not grow with N.

Reproduce:  .venv/bin/python bench/audit_bench.py
            OAKLEY_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test .venv/bin/python bench/audit_bench.py
            (--sizes 100000,1000000 --only sqlite|postgresql)
Target:     1,000,000 events verified in at most 20 s on both (issue 11; 33 s before).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import audit  # noqa: E402
from bot.db.engine import make_engine, session_factory, upgrade  # noqa: E402
from bot.db.models import AuditEvent, Change  # noqa: E402

EVENT_COLUMNS = ("id", "at", "actor", "action", "change_id", "host", "details", "prev_hash", "hash")
CHANGE_COLUMNS = ("id", *audit.ROW_FIELDS, "channel", "message_ts")
SUMMARY = "Sets NLBSFlags=1: unplanned failover in about 2 minutes instead of about 6 minutes (KB 821839)."


def generate(events: int, hosts: int = 200) -> Iterator[tuple[tuple[Any, ...], list[tuple[Any, ...]]]]:
    """(change row, its five events) per change, chained, as the workflow would have written them."""
    start = datetime(2024, 1, 1, tzinfo=UTC)
    prev = audit.GENESIS
    seq = 0
    for cid in range(1, events // 5 + 1):
        host = f"fe{cid % hosts:03d}"
        at = start + timedelta(minutes=cid)
        row = {"group_id": cid, "host": host, "value_name": "NLBSFlags", "action": "set", "target_value": 1,
               "before_present": False, "before_value": None, "before_type": None, "after_present": None,
               "after_value": None, "after_type": None, "status": "pending", "requester": "alice", "approver": None,
               "decided_by": None, "reason": "CHG-1234 faster recovery", "decision_reason": None,
               "kb_summary": SUMMARY, "outside_guidance": None, "acknowledged": False, "reverts": None,
               "requested_at": at, "expires_at": at + timedelta(minutes=30), "decided_at": None,
               "executed_at": None, "error": None}
        steps: list[tuple[str, str, dict[str, Any], dict[str, Any] | None]] = [
            ("alice", "requested", {"target": 1, "reason": row["reason"], "reverts": None, "before": "absent"},
             dict(row)),
            ("bob", "approved", {"acknowledged": False},
             {"status": "approved", "decided_at": at, "approver": "bob", "decided_by": "bob", "acknowledged": False}),
            ("oakley", "executing", {}, {"status": "executing"}),
            ("oakley", "remote_write", {"operation": "set", "value": 1, "read_back": "1"}, None),
            ("oakley", "succeeded", {"error": None, "after": "1"},
             {"status": "succeeded", "executed_at": at, "error": None, "after_present": True, "after_value": 1,
              "after_type": "REG_DWORD"}),
        ]
        out = []
        for actor, action, details, written in steps:
            seq += 1
            data = dict(details)
            if written is not None:
                data["row"] = audit.row_values(written)
                row.update(written)
            body = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            digest = audit.event_hash(None, prev, at, actor, action, cid, host, body)
            out.append((seq, at, actor, action, cid, host, body, prev, digest))
            prev = digest
        yield (cid, *(row[f] for f in audit.ROW_FIELDS), None, None), out


def fill(engine: sa.Engine, events: int, batch: int = 20_000) -> float:
    started = time.perf_counter()
    changes: list[tuple[Any, ...]] = []
    audits: list[tuple[Any, ...]] = []

    if engine.dialect.name == "postgresql":
        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            with cur.copy(f"COPY audit_events ({', '.join(EVENT_COLUMNS)}) FROM STDIN") as copy_events:
                for change, evs in generate(events):
                    changes.append(change)
                    for e in evs:
                        copy_events.write_row(e)
            with cur.copy(f"COPY changes ({', '.join(CHANGE_COLUMNS)}) FROM STDIN") as copy_changes:
                for change in changes:
                    copy_changes.write_row(change)
            cur.execute("SELECT setval(pg_get_serial_sequence('audit_events', 'id'), %s)", (events,))
            cur.execute("SELECT setval(pg_get_serial_sequence('changes', 'id'), %s)", (len(changes),))
            raw.commit()
        finally:
            raw.close()
        return time.perf_counter() - started

    def flush(conn: sa.Connection) -> None:
        if audits:
            conn.execute(sa.insert(AuditEvent), [dict(zip(EVENT_COLUMNS, e, strict=True)) for e in audits])
        if changes:
            conn.execute(sa.insert(Change), [dict(zip(CHANGE_COLUMNS, c, strict=True)) for c in changes])
        audits.clear()
        changes.clear()

    with engine.begin() as conn:
        for change, evs in generate(events):
            changes.append(change)
            audits.extend(evs)
            if len(audits) >= batch:
                flush(conn)
        flush(conn)
    return time.perf_counter() - started


def verify_child(url: str) -> None:
    """Run in a child process so that its peak RSS is the verification's own."""
    engine = make_engine(url)
    sessions = session_factory(engine)
    with sessions() as s:  # the two passes one after the other, for the split
        t1, c1 = time.perf_counter(), time.process_time()
        audit.verify_chain(s, None)
        t2, c2 = time.perf_counter(), time.process_time()
        audit.verify_changes(s)
        t3, c3 = time.perf_counter(), time.process_time()
    engine.dispose()
    t0 = time.perf_counter()
    report = audit.verify_database(url, None)  # what `oakley audit verify` runs
    wall = time.perf_counter() - t0
    print(json.dumps({"events": report.events, "rows": report.rows, "ok": report.problem is None, "wall_s": wall,
                      "chain_s": t2 - t1, "rows_s": t3 - t2, "chain_cpu": c2 - c1, "rows_cpu": c3 - c2,
                      "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "child_maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))


def bench(label: str, url: str, events: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    took = fill(engine, events)
    engine.dispose()
    out = subprocess.run([sys.executable, __file__, "--verify-only", url], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    r = json.loads(out.stdout)
    print(f"{label:<10} {r['events']:>9} events {r['rows']:>7} rows  verify {r['wall_s']:6.2f} s  "
          f"(one after the other: chain {r['chain_s']:5.2f} s + rows {r['rows_s']:5.2f} s; "
          f"CPU {r['chain_cpu']:5.2f} s + {r['rows_cpu']:5.2f} s)  "
          f"peak RSS {r['maxrss_mb']:5.1f} MB + row pass {r['child_maxrss_mb']:5.1f} MB  "
          f"{'ok' if r['ok'] else 'PROBLEM'}  (fill {took:.1f} s)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated event counts")
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("--verify-only", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.verify_only:
        verify_child(args.verify_only)
        return
    sizes = [int(x) for x in args.sizes.split(",")]
    print(f"audit verify (chain walk + replay of every change row); python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (wall times grow with other load; "
          "CPU times much less)")
    if args.only != "postgresql":
        for n in sizes:
            with tempfile.TemporaryDirectory() as tmp:
                bench("sqlite", f"sqlite:///{tmp}/audit.db", n)
    pg = os.environ.get("OAKLEY_TEST_DATABASE_URL")
    if args.only != "sqlite":
        if not pg:
            print("postgresql: skipped (set OAKLEY_TEST_DATABASE_URL)")
            return
        admin = sa.create_engine(pg.replace("postgresql://", "postgresql+psycopg://", 1))
        for n in sizes:
            schema = f"bench_{uuid.uuid4().hex[:10]}"
            with admin.begin() as conn:
                conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
            try:
                sep = "&" if "?" in pg else "?"
                bench("postgresql", f"{pg}{sep}options=-csearch_path%3D{schema}", n)
            finally:
                with admin.begin() as conn:
                    conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
