"""Who changed what, when and why: queries over the change records."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import Change
from bot.workflow import read_state

CSV_FIELDS = (
    "id", "host", "value_name", "before_present", "before_value", "before_type", "after_present", "after_value",
    "after_type", "status", "requester", "approver", "reason", "requested_at", "decided_at", "executed_at", "error",
)


def query(sessions: sessionmaker[Session], *, host: str | None = None, user: str | None = None,
          since: datetime | None = None, change_id: int | None = None, limit: int = 200) -> list[Change]:
    """Changes, newest first. `user` matches the requester or the approver."""
    stmt = select(Change)
    if host:
        stmt = stmt.where(Change.host == host)
    if user:
        stmt = stmt.where(or_(Change.requester == user, Change.approver == user))
    if since:
        stmt = stmt.where(Change.requested_at >= since)
    if change_id is not None:
        stmt = stmt.where(or_(Change.id == change_id, Change.group_id == change_id))
    stmt = stmt.order_by(Change.requested_at.desc(), Change.id.desc()).limit(limit)
    with sessions() as s:
        return list(s.execute(stmt).scalars())


def _iso(when: datetime | None) -> str | None:
    return when.isoformat().replace("+00:00", "Z") if when else None


def to_json(c: Change) -> dict[str, Any]:
    """The `history --json` shape of DESIGN.md §2."""
    return {
        "id": c.id,
        "host": c.host,
        "value_name": c.value_name,
        "before": read_state(c, "before"),
        "after": read_state(c, "after"),
        "status": c.status,
        "requester": c.requester,
        "approver": c.approver,
        "reason": c.reason,
        "requested_at": _iso(c.requested_at),
        "decided_at": _iso(c.decided_at),
        "executed_at": _iso(c.executed_at),
        "error": c.error,
    }


def to_row(c: Change) -> list[str]:
    values = {**to_json(c)}
    for which in ("before", "after"):
        state = values.pop(which) or {}
        for key in ("present", "value", "type"):
            values[f"{which}_{key}"] = state.get(key)
    return ["" if values[f] is None else str(values[f]) for f in CSV_FIELDS]
