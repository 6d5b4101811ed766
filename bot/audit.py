"""The tamper-evident audit chain.

Every transition and every remote write appends an event whose `hash`
covers its own content and the previous event's hash: HMAC-SHA-256 keyed
with `OAKLEY_AUDIT_KEY` when it is set (then only the key holder can forge
a consistent chain), plain SHA-256 otherwise. Appends are serialised (an
advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite) so that two
processes never fork the chain. `verify` names the first event that was
altered, removed or moved.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bot.db.models import AuditEvent

GENESIS = "0" * 64
_LOCK_KEY = 821839  # pg_advisory_xact_lock key for the chain head


def _digest(key: bytes | None, payload: bytes) -> str:
    if key:
        return hmac.new(key, payload, hashlib.sha256).hexdigest()
    return hashlib.sha256(payload).hexdigest()


def _stamp(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_hash(key: bytes | None, prev_hash: str, at: datetime, actor: str, action: str,
               change_id: int | None, host: str | None, details: str) -> str:
    payload = json.dumps([prev_hash, _stamp(at), actor, action, change_id, host, details],
                         separators=(",", ":"), ensure_ascii=False).encode()
    return _digest(key, payload)


def append(session: Session, key: bytes | None, *, actor: str, action: str, change_id: int | None = None,
           host: str | None = None, details: dict[str, Any] | None = None, at: datetime | None = None) -> AuditEvent:
    """Add an event in the caller's transaction, chained to the current head."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
    head = session.execute(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).scalar()
    prev = head or GENESIS
    when = at or datetime.now(UTC)
    body = json.dumps(details or {}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    event = AuditEvent(at=when, actor=actor, action=action, change_id=change_id, host=host, details=body,
                       prev_hash=prev, hash=event_hash(key, prev, when, actor, action, change_id, host, body))
    session.add(event)
    session.flush()
    return event


class Problem(NamedTuple):
    event_id: int
    reason: str


def _events(session: Session, batch: int = 5000) -> Iterator[AuditEvent]:
    last = 0
    while True:
        rows = session.execute(
            select(AuditEvent).where(AuditEvent.id > last).order_by(AuditEvent.id).limit(batch)
        ).scalars().all()
        if not rows:
            return
        yield from rows
        last = rows[-1].id
        session.expunge_all()


def verify(session: Session, key: bytes | None) -> tuple[int, Problem | None]:
    """Walk the chain; return how many events were checked and the first problem."""
    prev = GENESIS
    count = 0
    for event in _events(session):
        count += 1
        if event.prev_hash != prev:
            return count, Problem(event.id, "its prev_hash does not match the event before it "
                                  "(an event was removed, inserted or moved)")
        expected = event_hash(key, event.prev_hash, event.at, event.actor, event.action, event.change_id,
                              event.host, event.details)
        if not hmac.compare_digest(expected, event.hash):
            return count, Problem(event.id, "its content does not match its hash (the event was altered, "
                                  "or it was written with a different OAKLEY_AUDIT_KEY)")
        prev = event.hash
    return count, None
