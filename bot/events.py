"""Chat events already handled, shared by every process through the database.

Slack retries an event it thinks was lost, and two instances behind a load
balancer may both receive it: the first to record its `event_id` handles it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import ProcessedEvent

KEEP = timedelta(days=2)


def first_time(sessions: sessionmaker[Session], event_id: str) -> bool:
    """Record the event; False if any process recorded it before."""
    now = datetime.now(UTC)
    try:
        with sessions.begin() as s:
            s.add(ProcessedEvent(event_id=event_id[:128], processed_at=now))
    except IntegrityError:
        return False
    return True


def prune(sessions: sessionmaker[Session]) -> int:
    with sessions.begin() as s:
        result = s.execute(delete(ProcessedEvent).where(ProcessedEvent.processed_at < datetime.now(UTC) - KEEP))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
