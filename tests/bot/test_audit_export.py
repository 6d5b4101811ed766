"""The append-only export (OAKLEY_AUDIT_EXPORT) anchors the chain: truncation, deletion,
insertion and reordering are found even when whoever did it recomputed every hash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from bot import audit
from bot.db.engine import make_engine, session_factory, upgrade
from bot.db.models import AuditEvent

ROOT = Path(__file__).resolve().parents[2]
START = datetime(2026, 11, 1, tzinfo=UTC)


class Chain:
    def __init__(self, url: str, export: Path, *, migrate: bool = True) -> None:
        self.url, self.export = url, export
        self.engine = make_engine(url)
        if migrate:
            upgrade(self.engine)
        self.sessions = session_factory(self.engine)
        audit.configure_export(self.sessions, export)

    def add(self, n: int, actor: str = "alice") -> None:
        for i in range(n):
            with self.sessions.begin() as s:
                audit.append(s, None, actor=actor, action="note", details={"i": i, "text": "é ✓"},
                             at=START + timedelta(seconds=i))

    def verify(self) -> tuple[int, audit.Problem | None]:
        with self.sessions() as s:
            _, problem = audit.verify_chain(s, None)
            assert problem is None, problem  # the database alone looks intact in every case below
            return audit.verify_export(s, self.export)

    def rehash(self) -> None:
        """What someone with database access and no key does to hide an edit: recompute every hash."""
        prev = audit.GENESIS
        with self.sessions.begin() as s:
            for e in s.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars():
                e.prev_hash = prev
                e.hash = audit.event_hash(None, prev, e.at, e.actor, e.action, e.change_id, e.host, e.details)
                prev = e.hash

    def lines(self) -> list[dict[str, object]]:
        return [json.loads(line) for line in self.export.read_text().splitlines()]


@pytest.fixture
def chain(database_url: str, tmp_path: Path) -> Iterator[Chain]:
    c = Chain(database_url, tmp_path / "audit.jsonl")
    c.add(8)
    yield c
    c.engine.dispose()


def test_every_event_is_exported_in_the_documented_shape(chain: Chain) -> None:
    lines = chain.lines()
    assert len(lines) == 8
    assert list(lines[0]) == ["seq", "at", "actor", "action", "change_id", "host", "data", "prev_hash", "hash"]
    assert lines[0]["data"] == {"i": 0, "text": "é ✓"} and lines[0]["prev_hash"] == audit.GENESIS
    assert [x["prev_hash"] for x in lines[1:]] == [x["hash"] for x in lines[:-1]]
    assert chain.verify() == (8, None)


def test_rolled_back_events_are_not_exported(chain: Chain) -> None:
    with pytest.raises(RuntimeError), chain.sessions.begin() as s:
        audit.append(s, None, actor="alice", action="note")
        raise RuntimeError("the step failed")
    chain.add(1)
    assert len(chain.lines()) == 9 and chain.verify() == (9, None)


def test_truncated_tail_is_found(chain: Chain) -> None:
    with chain.sessions.begin() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.id >= 7))
    _, problem = chain.verify()
    assert problem is not None and problem.id == 7 and "truncated" in problem.reason


def test_deleted_middle_event_is_found_even_after_rehashing(chain: Chain) -> None:
    with chain.sessions.begin() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.id == 4))
    chain.rehash()
    _, problem = chain.verify()
    assert problem is not None and problem.id == 4 and "deleted" in problem.reason


def test_edited_event_is_found_even_after_rehashing(chain: Chain) -> None:
    with chain.sessions.begin() as s:
        s.execute(update(AuditEvent).where(AuditEvent.id == 5).values(actor="mallory"))
    chain.rehash()
    _, problem = chain.verify()
    assert problem is not None and problem.id == 5 and problem.field == "actor"


def test_reordered_events_are_found(chain: Chain) -> None:
    cols = ("at", "actor", "action", "change_id", "host", "details")
    with chain.sessions.begin() as s:
        a, b = (s.execute(select(*(getattr(AuditEvent, c) for c in cols)).where(AuditEvent.id == i)).one()
                for i in (2, 3))
        s.execute(update(AuditEvent).where(AuditEvent.id == 2).values(dict(zip(cols, b, strict=True))))
        s.execute(update(AuditEvent).where(AuditEvent.id == 3).values(dict(zip(cols, a, strict=True))))
    chain.rehash()
    _, problem = chain.verify()
    assert problem is not None and problem.id == 2


def test_reordered_export_is_found(chain: Chain) -> None:
    lines = chain.export.read_text().splitlines()
    lines[2], lines[3] = lines[3], lines[2]
    chain.export.write_text("\n".join(lines) + "\n")
    _, problem = chain.verify()
    assert problem is not None and problem.id == 3 and "reordered" in problem.reason


def test_event_added_to_the_database_only_is_found(chain: Chain) -> None:
    plain = session_factory(chain.engine)  # no export: as if written behind Oakley's back
    with plain.begin() as s:
        audit.append(s, None, actor="mallory", action="approved")
    _, problem = chain.verify()
    assert problem is not None and problem.id == 9 and "not in the export" in problem.reason


def test_export_switched_on_later_is_compared_from_its_first_line(database_url: str, tmp_path: Path) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    with session_factory(engine).begin() as s:
        audit.append(s, None, actor="alice", action="note")
    engine.dispose()
    c = Chain(database_url, tmp_path / "late.jsonl")
    c.add(3)
    assert c.verify() == (3, None)
    c.engine.dispose()


def test_failed_commit_is_retracted(chain: Chain) -> None:
    s = chain.sessions()
    s.begin()
    audit.append(s, None, actor="alice", action="note")
    audit._export_before_commit(s)  # the line is written, then the commit fails:
    s.rollback()
    s.close()
    chain.add(1)
    lines = chain.lines()
    assert "retracted" in lines[-2] and lines[-3]["seq"] == 9
    assert chain.verify() == (9, None)


def _appender(url: str, export: Path, actor: str, n: int) -> None:
    c = Chain(url, export, migrate=False)
    c.add(n, actor)
    c.engine.dispose()


def test_two_processes_and_threads_never_fork_the_chain(database_url: str, tmp_path: Path) -> None:
    export = tmp_path / "audit.jsonl"
    Chain(database_url, export).engine.dispose()  # the schema, once
    script = ("import sys; from pathlib import Path; from tests.bot.test_audit_export import _appender; "
              "_appender(sys.argv[1], Path(sys.argv[2]), sys.argv[3], 40)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", script, database_url, str(export), f"p{i}"], cwd=ROOT, env=env)
             for i in range(2)]
    threads = [threading.Thread(target=_appender, args=(database_url, export, f"t{i}", 40)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    c = Chain(database_url, export)
    with c.sessions() as s:
        assert audit.verify_chain(s, None) == (160, None)
        actors = s.execute(select(AuditEvent.actor)).scalars().all()
    assert sorted(set(actors)) == ["p0", "p1", "t0", "t1"]
    assert c.verify() == (160, None)
    assert [x["seq"] for x in c.lines()] == sorted(x["seq"] for x in c.lines())
    c.engine.dispose()


def test_cli_export_exit_codes(chain: Chain) -> None:
    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot", "audit", "verify", *extra], capture_output=True,
                              text=True, cwd=ROOT, timeout=180,
                              env={**os.environ, "PYTHONPATH": str(ROOT), "OAKLEY_DATABASE_URL": chain.url})

    ok = run("--export", str(chain.export))
    assert ok.returncode == 0 and "8 events match" in ok.stdout, ok.stdout + ok.stderr
    missing = run("--export", str(chain.export) + ".nope")
    assert missing.returncode == 2 and "--export" in missing.stderr
    with chain.sessions.begin() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.id == 8))
    bad = run("--export", str(chain.export))
    assert bad.returncode == 1 and "event 8" in bad.stdout and "truncated" in bad.stdout
