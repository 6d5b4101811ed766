"""Decide: approve, deny or cancel a pending request, and expire it when nobody did in time.

An approval outside OAKLEY_CHANGE_WINDOWS leaves the change `scheduled` for the next window's start
(bot/workflow/schedule.py runs it then); a scheduled change can still be cancelled, and an admin's
`approve N now` runs it at once, on the record.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.db.models import Change
from bot.workflow.schedule import ScheduleSteps
from bot.workflow.states import MAX_REASON, SYSTEM, WorkflowError


class DecideSteps(ScheduleSteps):
    def _pending_group(self, s: Session, change_id: int) -> tuple[list[Change], list[Change]]:
        rows = self._group(s, change_id)
        pending = [r for r in rows if r.status == "pending"]
        if not pending:
            if rows[0].status == "observed":
                raise WorkflowError(f"change {rows[0].group_id} is not a request: it records a value the drift watch "
                                    "found changed outside Oakley", "conflict")
            states = sorted({r.status for r in rows})
            raise WorkflowError(f"change {rows[0].group_id} has already been decided: its status is {'/'.join(states)}",
                                "conflict")
        return rows, pending

    def _expire_if_due(self, change_id: int) -> None:
        """Enforce the TTL at decision time: an expired request is marked so, then refused."""
        now = self.clock()
        with self.sessions.begin() as s:
            rows = self._group(s, change_id)
            if any(r.status == "pending" and r.expires_at <= now for r in rows):
                self._mark_expired(s, [rows[0].group_id], now)
            else:
                return
        raise WorkflowError(f"change {rows[0].group_id} expired at {rows[0].expires_at:%Y-%m-%d %H:%M} UTC "
                            "without a decision; request it again", "expired")

    def approve(self, user: str, change_id: int, *, acknowledge: bool = False, now: bool = False) -> list[Change]:
        """Approve a pending request (all its hosts). Execution is a separate step; outside the change
        windows the group becomes `scheduled` instead. `now` (admins): run it now, windows or not."""
        if not self.roles.can_approve(user):
            raise WorkflowError(f"approving needs the approver role, which {user} does not have", "permission")
        if now and not self.roles.is_admin(user):
            raise WorkflowError("running a change now, outside the change windows, needs the admin role, which "
                                f"{user} does not have", "permission")
        if now and self._status_of(change_id) == "scheduled":
            return self.run_now(user, change_id)
        self._expire_if_due(change_id)
        with self.sessions.begin() as s:
            rows, pending = self._pending_group(s, change_id)
            gid = rows[0].group_id
            if rows[0].requester == user:
                raise WorkflowError(f"you requested change {gid}; another approver must approve it "
                                    "(two-person rule)", "permission")
            outside = [f"{r.host}: {r.outside_guidance}" for r in pending if r.outside_guidance]
            if outside and not acknowledge:
                raise WorkflowError(f"change {gid} is outside the article's guidance — {'; '.join(outside)}. "
                                    f"To approve anyway, say `approve {gid} acknowledge`", "needs_ack")
            closed = not self.windows.open_at(self.clock())
            details: dict[str, Any] = {"acknowledged": bool(outside)}
            if now and closed:
                details["run_now"] = True  # an admin overrode the change windows
            self._decide(s, user, gid, "approved", unexpired=True, details=details,
                         approver=user, decided_by=user, acknowledged=bool(outside))
            if closed and not now:
                self._schedule(s, gid, self.windows.next_open(self.clock()))
        return self.group(change_id)

    def _status_of(self, change_id: int) -> str:
        with self.sessions() as s:
            return self._group(s, change_id)[0].status

    def _schedule(self, s: Session, gid: int | None, when: datetime) -> None:
        """approved → scheduled (for the next window's start), audited per host."""
        written = {"status": "scheduled", "scheduled_for": when}
        won = s.execute(update(Change).where(Change.group_id == gid, Change.status == "approved")
                        .values(**written).returning(Change.id, Change.host)
                        .execution_options(synchronize_session=False)).all()
        for cid, host in won:
            self._audit(s, SYSTEM, "scheduled", change_id=cid, host=host, row=written,
                        windows=self.windows.describe())

    def deny(self, user: str, change_id: int, reason: str = "") -> list[Change]:
        if not self.roles.can_approve(user):
            raise WorkflowError(f"denying needs the approver role, which {user} does not have", "permission")
        reason = " ".join(reason.split())[:MAX_REASON]
        self._expire_if_due(change_id)
        with self.sessions.begin() as s:
            rows, _ = self._pending_group(s, change_id)
            gid = rows[0].group_id
            if rows[0].requester == user:
                raise WorkflowError(f"you requested change {gid}; say `cancel {gid}` to withdraw it", "permission")
            self._decide(s, user, gid, "denied", details={"reason": reason}, decided_by=user,
                         decision_reason=reason or None)
        return self.group(change_id)

    def cancel(self, user: str, change_id: int) -> list[Change]:
        """Withdraw a pending request, or a scheduled change before its window (its requester, its
        approver or an admin)."""
        with self.sessions.begin() as s:
            rows = self._group(s, change_id)
            gid = rows[0].group_id
            if any(r.status == "scheduled" for r in rows):
                allowed = {rows[0].requester, rows[0].approver}
                if user not in allowed and not self.roles.is_admin(user):
                    raise WorkflowError(f"only {rows[0].requester} (who requested change {gid}), "
                                        f"{rows[0].approver} (who approved it) or an admin may cancel it", "permission")
                self._decide(s, user, gid, "cancelled", expected="scheduled", decided_by=user)
            else:
                self._pending_group(s, change_id)
                if rows[0].requester != user and not self.roles.is_admin(user):
                    raise WorkflowError(f"only {rows[0].requester} (who requested change {gid}) or an admin may "
                                        "cancel it", "permission")
                self._decide(s, user, gid, "cancelled", decided_by=user)
        return self.group(change_id)

    def _decide(self, s: Session, actor: str, gid: int | None, status: str, *, unexpired: bool = False,
                expected: str = "pending", details: dict[str, Any] | None = None, **values: Any) -> None:
        """`expected` (pending) → `status` for the whole group, as one conditional UPDATE, audited per host.

        Zero rows means another click or process decided first: a conflict, never a second decision.
        """
        now = self.clock()
        query = update(Change).where(Change.group_id == gid, Change.status == expected)
        if unexpired:
            query = query.where(Change.expires_at > now)
        written = {"status": status, "decided_at": now, **values}
        won = s.execute(query.values(**written).returning(Change.id, Change.host)
                        .execution_options(synchronize_session=False)).all()
        if not won:
            raise WorkflowError(f"change {gid} was decided by someone else a moment ago", "conflict")
        for cid, host in won:
            self._audit(s, actor, status, change_id=cid, host=host, row=written, **(details or {}))

    def _mark_expired(self, s: Session, group_ids: list[int | None], now: datetime) -> list[tuple[int, str]]:
        query = update(Change).where(Change.status == "pending", Change.expires_at <= now)
        if group_ids:
            query = query.where(Change.group_id.in_(group_ids))
        written = {"status": "expired", "decided_at": now, "decided_by": SYSTEM}
        won = s.execute(query.values(**written).returning(Change.id, Change.host)
                        .execution_options(synchronize_session=False)).all()
        for cid, host in won:
            self._audit(s, SYSTEM, "expired", change_id=cid, host=host, row=written)
        return [(cid, host) for cid, host in won]

    def expire_due(self) -> list[int]:
        """The sweep: every pending change past its TTL becomes expired. Returns group ids."""
        with self.sessions.begin() as s:
            won = self._mark_expired(s, [], self.clock())
            ids = [cid for cid, _ in won]
            if not ids:
                return []
            groups = s.execute(select(Change.group_id).where(Change.id.in_(ids)).distinct()).scalars().all()
        return sorted(g for g in groups if g is not None)

    def pending_for(self, user: str, limit: int = 10) -> list[list[Change]]:
        """Pending requests this user may decide (approver, not the requester)."""
        if not self.roles.can_approve(user):
            return []
        with self.sessions() as s:
            rows = s.execute(select(Change).where(Change.status == "pending", Change.requester != user,
                                                  Change.expires_at > self.clock())
                             .order_by(Change.requested_at.desc()).limit(200)).scalars().all()
        groups: dict[int, list[Change]] = {}
        for row in rows:
            groups.setdefault(row.group_id or row.id, []).append(row)
        return [sorted(g, key=lambda c: c.id) for g in list(groups.values())[:limit]]
