"""Where a request's approval message is, and the claim to post it (one process, one message)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import or_, select, update

from bot.db.models import Change
from bot.workflow.base import WorkflowBase
from bot.workflow.states import POSTING, POSTING_STALE, posting_time


class MessageSteps(WorkflowBase):
    def attach_message(self, change_id: int, channel: str, ts: str) -> None:
        """Remember where the approval message is, so decisions can update it."""
        with self.sessions.begin() as s:
            gid = self._group(s, change_id)[0].group_id
            s.execute(update(Change).where(Change.group_id == gid).values(channel=channel, message_ts=ts)
                      .execution_options(synchronize_session=False))

    def claim_posting(self, change_id: int) -> bool:
        """Take the right to post this request's approval message (one process, one message).

        The claim is a placeholder in `message_ts`; one older than POSTING_STALE (its poster died)
        may be taken over. `attach_message` replaces it, `release_posting` gives it up.
        """
        now = int(self.lease_clock().timestamp())
        with self.sessions.begin() as s:
            first = self._group(s, change_id)[0]
            current = first.message_ts
            if current is not None and not (current.startswith(POSTING)
                                            and now - posting_time(current) > POSTING_STALE.total_seconds()):
                return False
            same = Change.message_ts.is_(None) if current is None else Change.message_ts == current
            result = s.execute(update(Change).where(Change.group_id == first.group_id, same)
                               .values(message_ts=f"{POSTING}{now}").execution_options(synchronize_session=False))
            return bool(result.rowcount)  # type: ignore[attr-defined]

    def release_posting(self, change_id: int) -> None:
        with self.sessions.begin() as s:
            gid = self._group(s, change_id)[0].group_id
            s.execute(update(Change).where(Change.group_id == gid, Change.message_ts.startswith(POSTING))
                      .values(message_ts=None).execution_options(synchronize_session=False))

    def unposted(self, older_than: timedelta = timedelta(seconds=30)) -> list[int]:
        """Pending requests whose approval message is not posted (group ids), for the sweep."""
        now = self.clock()
        with self.sessions() as s:
            ids = s.execute(select(Change.group_id).where(
                Change.status == "pending", Change.expires_at > now, Change.requested_at < now - older_than,
                or_(Change.message_ts.is_(None), Change.message_ts.startswith(POSTING))).distinct()).scalars().all()
        return sorted(i for i in ids if i is not None)
