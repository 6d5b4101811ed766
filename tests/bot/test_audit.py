"""Tampering with the audit chain is found and the first bad event named."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot import audit
from bot.db.engine import make_engine, session_factory, upgrade
from bot.db.models import AuditEvent

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def chain(database_url: str) -> Iterator[tuple[str, sessionmaker[Session]]]:
    engine = make_engine(database_url)
    upgrade(engine)
    sessions = session_factory(engine)
    start = datetime(2026, 11, 1, tzinfo=UTC)
    for i in range(6):
        with sessions.begin() as s:
            audit.append(s, None, actor="alice" if i % 2 else "bob", action="note", change_id=None,
                         host=f"fe0{i}", details={"n": i, "reason": "é ✓"}, at=start + timedelta(minutes=i))
    yield database_url, sessions
    engine.dispose()


def verify(sessions: sessionmaker[Session]) -> tuple[int, audit.Problem | None]:
    with sessions() as s:
        return audit.verify(s, None)


def test_intact_chain(chain: tuple[str, sessionmaker[Session]]) -> None:
    assert verify(chain[1]) == (6, None)


def test_edited_event_is_named(chain: tuple[str, sessionmaker[Session]]) -> None:
    _, sessions = chain
    with sessions.begin() as s:
        s.execute(update(AuditEvent).where(AuditEvent.id == 3).values(actor="mallory"))
    _, problem = verify(sessions)
    assert problem is not None and problem.event_id == 3 and "altered" in problem.reason


def test_deleted_event_is_found_at_its_successor(chain: tuple[str, sessionmaker[Session]]) -> None:
    _, sessions = chain
    with sessions.begin() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.id == 4))
    _, problem = verify(sessions)
    assert problem is not None and problem.event_id == 5 and "removed" in problem.reason


def test_reordered_events_are_found(chain: tuple[str, sessionmaker[Session]]) -> None:
    _, sessions = chain
    cols = ("at", "actor", "action", "change_id", "host", "details", "prev_hash", "hash")
    with sessions.begin() as s:
        two, three = (s.execute(select(AuditEvent).where(AuditEvent.id == i)).scalar_one() for i in (2, 3))
        a, b = ({c: getattr(e, c) for c in cols} for e in (two, three))
        s.execute(update(AuditEvent).where(AuditEvent.id == 2).values(**b))
        s.execute(update(AuditEvent).where(AuditEvent.id == 3).values(**a))
    _, problem = verify(sessions)
    assert problem is not None and problem.event_id == 2


def test_rehashed_forgery_without_the_key_breaks_the_next_link(chain: tuple[str, sessionmaker[Session]]) -> None:
    _, sessions = chain
    with sessions.begin() as s:
        e = s.execute(select(AuditEvent).where(AuditEvent.id == 2)).scalar_one()
        e.actor = "mallory"
        e.hash = audit.event_hash(None, e.prev_hash, e.at, e.actor, e.action, e.change_id, e.host, e.details)
    _, problem = verify(sessions)
    assert problem is not None and problem.event_id == 3  # the forger must rewrite every later event too


def test_cli_exit_codes(chain: tuple[str, sessionmaker[Session]]) -> None:
    url, sessions = chain
    run = lambda: subprocess.run([sys.executable, "-m", "bot", "audit", "verify"], capture_output=True,  # noqa: E731
                                 text=True, cwd=ROOT, timeout=60,
                                 env={**os.environ, "PYTHONPATH": str(ROOT), "OAKLEY_DATABASE_URL": url})
    ok = run()
    assert ok.returncode == 0 and "6 events verified" in ok.stdout
    with sessions.begin() as s:
        s.execute(update(AuditEvent).where(AuditEvent.id == 5).values(details='{"n":99}'))
    bad = run()
    assert bad.returncode == 1 and "event 5" in bad.stdout


@given(st.text(max_size=30), st.text(max_size=30), st.text(max_size=30), st.one_of(st.none(), st.integers()),
       st.one_of(st.none(), st.text(max_size=30)), st.text(max_size=200))
def test_fast_payload_is_exactly_json_dumps(prev: str, stamp: str, actor: str, cid: int | None, host: str | None,
                                            details: str) -> None:
    # The hash input must not change when verify takes the fast path: chains written before stay valid.
    expected = json.dumps([prev, stamp, actor, "approved", cid, host, details], separators=(",", ":"),
                          ensure_ascii=False)
    assert audit.payload(prev, stamp, actor, "approved", cid, host, details) == expected


def test_stored_time_text_becomes_the_hashed_stamp() -> None:
    at = datetime(2026, 11, 1, 9, 30, 5, 123456, tzinfo=UTC)
    assert audit._as_stamp("2026-11-01 09:30:05.123456") == audit._stamp(at)
    assert audit._as_stamp(at) == audit._stamp(at)
    assert audit._as_stamp("2026-11-01 09:30:05") == "2026-11-01T09:30:05.000000Z"
