"""Who changed what, when and why: queries over the change records and their audit events.

The shapes here are what auditors get (`history --json`/`--csv`, DESIGN.md §2):
what was asked (`action`, `requested`), what was there before and read back
after, who decided and why (`decided_by`, `decision_reason`; `approver` only
for approvals), and the request's context (acknowledged, outside_guidance,
reverts, expires_at, error).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from bot.audit import export_line
from bot.db.models import AuditEvent, Change
from bot.workflow import read_state

CSV_FIELDS = (
    "id", "host", "value_name", "action", "requested_present", "requested_value", "before_present", "before_value",
    "before_type", "after_present", "after_value", "after_type", "status", "requester", "approver", "decided_by",
    "decision_reason", "reason", "acknowledged", "outside_guidance", "reverts", "requested_at", "decided_at",
    "expires_at", "executed_at", "error",
)
EVENT_FIELDS = ("seq", "at", "actor", "action", "change_id", "host", "data", "prev_hash", "hash")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def query(sessions: sessionmaker[Session], *, host: str | None = None, user: str | None = None,
          since: datetime | None = None, change_id: int | None = None, limit: int = 200) -> list[Change]:
    """Changes, newest first. `user` matches the requester, the approver or whoever decided."""
    stmt = select(Change)
    if host:
        stmt = stmt.where(Change.host == host)
    if user:
        stmt = stmt.where(or_(Change.requester == user, Change.approver == user, Change.decided_by == user))
    if since:
        stmt = stmt.where(Change.requested_at >= since)
    if change_id is not None:
        stmt = stmt.where(or_(Change.id == change_id, Change.group_id == change_id))
    stmt = stmt.order_by(Change.requested_at.desc(), Change.id.desc()).limit(limit)
    with sessions() as s:
        return list(s.execute(stmt).scalars())


def events(sessions: sessionmaker[Session], change_ids: Sequence[int], batch: int = 500) -> Iterator[dict[str, Any]]:
    """The audit events of these changes, oldest first, in the export's line shape."""
    ids = sorted(set(change_ids))
    found: list[dict[str, Any]] = []
    with sessions() as s:
        for start in range(0, len(ids), batch):
            rows = s.execute(select(AuditEvent.id, AuditEvent.at, AuditEvent.actor, AuditEvent.action,
                                    AuditEvent.change_id, AuditEvent.host, AuditEvent.details,
                                    AuditEvent.prev_hash, AuditEvent.hash)
                             .where(AuditEvent.change_id.in_(ids[start:start + batch]))).all()
            found += [json.loads(export_line(*row)) for row in rows]
    yield from sorted(found, key=lambda e: e["seq"])


def _iso(when: datetime | None) -> str | None:
    return when.isoformat().replace("+00:00", "Z") if when else None


def requested(c: Change) -> dict[str, Any] | None:
    """What was asked: a value set (`present` true) or the value deleted; null for a change found by the
    drift watch (`observed`), which nobody asked for."""
    if c.status == "observed":
        return None
    deleting = c.action == "delete"
    return {"present": not deleting, "value": None if deleting else c.target_value}


def approver(c: Change) -> str | None:
    """Only someone who approved; a denier is `decided_by` alone."""
    return None if c.status == "denied" else c.approver


def status_text(c: Change) -> str:
    """The status as people read it: a scheduled change says when it runs."""
    if c.status == "scheduled" and c.scheduled_for is not None:
        return f"scheduled for {c.scheduled_for:%Y-%m-%d %H:%M} UTC"
    return c.status


def to_json(c: Change) -> dict[str, Any]:
    """The `history --json` shape of DESIGN.md §2."""
    return {
        "id": c.id,
        "host": c.host,
        "value_name": c.value_name,
        "action": c.action,
        "requested": requested(c),
        "before": read_state(c, "before"),
        "after": read_state(c, "after"),
        "status": c.status,
        "requester": c.requester,
        "approver": approver(c),
        "decided_by": c.decided_by,
        "decision_reason": c.decision_reason,
        "reason": c.reason,
        "acknowledged": bool(c.acknowledged),
        "outside_guidance": c.outside_guidance,
        "reverts": c.reverts,
        "requested_at": _iso(c.requested_at),
        "decided_at": _iso(c.decided_at),
        "expires_at": _iso(c.expires_at),
        "executed_at": _iso(c.executed_at),
        "error": c.error,
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    # Chat text reaches spreadsheets: a leading = + - @ would be run as a formula.
    return "'" + text if isinstance(value, str) and text.startswith(_FORMULA) else text


def to_row(c: Change) -> list[str]:
    """One CSV row, columns as CSV_FIELDS."""
    values = to_json(c)
    for which in ("requested", "before", "after"):  # an absent state (requested of observed, after of pending)
        state = values.pop(which) or {}
        for key in ("present", "value", "type"):
            values[f"{which}_{key}"] = state.get(key)
    return [_cell(values[f]) for f in CSV_FIELDS]


def event_row(e: dict[str, Any]) -> list[str]:
    return [_cell(json.dumps(e[f], sort_keys=True, ensure_ascii=False) if f == "data" else e[f])
            for f in EVENT_FIELDS]
