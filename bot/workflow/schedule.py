"""Scheduled changes: approved outside OAKLEY_CHANGE_WINDOWS, they run when a window opens.

`start_due` is called by the background sweep of every instance; the conditional UPDATE
scheduled → approved lets exactly one of them take a group, which it then executes (the drift
check is the execution's re-read, so a value moved meanwhile makes the change `stale`). A window
missed while no instance ran is not run late outside the windows: the change moves to the next one.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.db.models import Change
from bot.workflow.base import WorkflowBase
from bot.workflow.states import SYSTEM, WorkflowError


class ScheduleSteps(WorkflowBase):
    def run_now(self, user: str, change_id: int) -> list[Change]:
        """An admin's `approve N now` on a scheduled change: scheduled → approved at once, on the record."""
        if not self.roles.is_admin(user):
            raise WorkflowError(f"running a scheduled change now needs the admin role, which {user} does not have",
                                "permission")
        with self.sessions.begin() as s:
            gid = self._group(s, change_id)[0].group_id
            written = {"status": "approved", "scheduled_for": None}
            won = s.execute(update(Change).where(Change.group_id == gid, Change.status == "scheduled")
                            .values(**written).returning(Change.id, Change.host)
                            .execution_options(synchronize_session=False)).all()
            if not won:
                raise WorkflowError(f"change {gid} is no longer scheduled (it ran, or was cancelled, a moment ago)",
                                    "conflict")
            for cid, host in won:
                self._audit(s, user, "run_now", change_id=cid, host=host, row=written,
                            windows=self.windows.describe())
        return self.group(change_id)

    def start_due(self) -> list[int]:
        """Scheduled groups whose time has come, taken by this process (scheduled → approved); the
        caller executes them. Outside every window, overdue ones move to the next window instead."""
        now = self.clock()
        due = (Change.status == "scheduled", Change.scheduled_for <= now)
        with self.sessions.begin() as s:
            if not self.windows.open_at(now):
                self._reschedule(s, now)
                return []
            written = {"status": "approved", "scheduled_for": None}
            won = s.execute(update(Change).where(*due).values(**written)
                            .returning(Change.id, Change.host, Change.group_id)
                            .execution_options(synchronize_session=False)).all()
            for cid, host, _ in won:
                self._audit(s, SYSTEM, "window_opened", change_id=cid, host=host, row=written,
                            windows=self.windows.describe())
        return sorted({gid or cid for cid, _, gid in won})

    def _reschedule(self, s: Session, now: datetime) -> None:
        when = self.windows.next_open(now)
        late = s.execute(select(Change.id).where(Change.status == "scheduled", Change.scheduled_for < now)
                         .order_by(Change.id)).scalars().all()
        for cid in late:
            written = {"scheduled_for": when}
            won = s.execute(update(Change).where(Change.id == cid, Change.status == "scheduled",
                                                 Change.scheduled_for < now)
                            .values(**written).returning(Change.host)
                            .execution_options(synchronize_session=False)).first()
            if won is not None:
                self._audit(s, SYSTEM, "rescheduled", change_id=cid, host=won[0], row=written,
                            reason="its window passed while no Oakley instance ran",
                            windows=self.windows.describe())
