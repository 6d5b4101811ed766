"""Fleet compliance snapshots in the database, so every instance (and its App Home) shows the same one.

A snapshot is written by each drift-watch round (bot/watch.py) and by each `check` asked in chat; the
App Home shows the newest. Only the counts and a plain-text summary line are kept per snapshot (the
per-host values of the watch live in `observations`, one row per host), so the table grows by one
small row per round or check.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import FleetSnapshot

MAX_SUMMARY = 500
MAX_ACTOR = 64


def add(s: Session, *, taken_at: datetime, finished_at: datetime, source: str, actor: str, hosts: int, read: int,
        compliant: int, not_compliant: int, unreachable: int, drifted: int, summary: str) -> FleetSnapshot:
    """A snapshot in the caller's transaction (a watch round records it with its findings)."""
    snapshot = FleetSnapshot(taken_at=taken_at, finished_at=finished_at, source=source, actor=actor[:MAX_ACTOR],
                             hosts=hosts, read=read, compliant=compliant, not_compliant=not_compliant,
                             unreachable=unreachable, drifted=drifted, summary=summary[:MAX_SUMMARY])
    s.add(snapshot)
    s.flush()
    return snapshot


def record_check(sessions: sessionmaker[Session], results: Sequence[dict[str, Any]], summary: str, actor: str,
                 at: datetime | None = None) -> None:
    """A chat `check` (its `check --json` rows and its summary line) as the latest snapshot."""
    now = at or datetime.now(UTC)
    with sessions.begin() as s:
        add(s, taken_at=now, finished_at=now, source="check", actor=actor, hosts=len(results),
            read=sum(1 for r in results if r.get("ok")),
            compliant=sum(1 for r in results if r.get("compliant") is True),
            not_compliant=sum(1 for r in results if r.get("compliant") is False),
            unreachable=sum(1 for r in results if not r.get("ok")), drifted=0, summary=summary)


def latest(sessions: sessionmaker[Session], source: str | None = None) -> FleetSnapshot | None:
    stmt = select(FleetSnapshot)
    if source:
        stmt = stmt.where(FleetSnapshot.source == source)
    with sessions() as s:
        return s.execute(stmt.order_by(FleetSnapshot.taken_at.desc(), FleetSnapshot.id.desc()).limit(1)).scalar()

