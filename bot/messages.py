"""Where a request is shown in chat: every copy, so a decision can update them all.

A request made in a DM goes to each approver's DM, and the requester gets a
status note; with an approval channel it is one post there. Each of those is
a row here, keyed by the change group.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import ChangeMessage


class Copy(NamedTuple):
    channel: str
    ts: str
    kind: str  # "approval" or "status"
    lang: str = "en"


def add(sessions: sessionmaker[Session], group_id: int, channel: str, ts: str, kind: str = "approval",
        lang: str = "en") -> None:
    try:
        with sessions.begin() as s:
            s.add(ChangeMessage(group_id=group_id, channel=channel, ts=ts, kind=kind, lang=lang))
    except IntegrityError:
        pass  # already recorded (a twin process, a retry)


def of(sessions: sessionmaker[Session], group_id: int) -> list[Copy]:
    with sessions() as s:
        rows = s.execute(select(ChangeMessage).where(ChangeMessage.group_id == group_id)
                         .order_by(ChangeMessage.id)).scalars()
        return [Copy(r.channel, r.ts, r.kind, r.lang) for r in rows]
